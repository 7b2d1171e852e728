package io.chimeraforge.eval.bench;

import io.chimeraforge.eval.MetricScores;
import io.chimeraforge.eval.QualityScorer;
import io.chimeraforge.eval.rouge.RougeScorer;
import io.chimeraforge.eval.rouge.RougeScores;
import io.chimeraforge.eval.rouge.RougeType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Single-threaded scoring throughput on 1,000 pairs of 200-word texts (a benchmark, not a test).
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl chimeraforge-eval test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.chimeraforge.eval.bench.EvalThroughputBenchmark
 * </pre>
 * Optional arguments: {@code <rounds> <pairs> <words>} (defaults 15, 1000, 200).
 *
 * <p>Texts are synthetic English-like word sequences (a 3,000-word vocabulary with Zipf-like
 * frequencies, punctuation and capitals); each prediction is its reference with about 30% of the
 * words substituted, dropped or inserted, so LCS tables are realistic. The figure reported is the
 * median over the timed rounds after warm-up rounds.
 */
public final class EvalThroughputBenchmark {

    private EvalThroughputBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int words = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        List<String> refs = new ArrayList<>();
        List<String> preds = new ArrayList<>();
        generate(pairs, words, new SplittableRandom(20260301L), refs, preds);

        QualityScorer reference = QualityScorer.reference();
        RougeScorer rouge = RougeScorer.builder().useStemmer(true).build(); // all four types
        QualityScorer rougeMode = QualityScorer.builder().mode(io.chimeraforge.eval.ScoringMode.ROUGE_SCORE)
                .useStemmer(true).build();

        System.out.printf("EvalThroughputBenchmark: %d pairs x %d words, %d timed rounds, JDK %s, %d CPUs%n",
                pairs, words, rounds, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        report("dependency-free (REFERENCE: EM + whitespace ROUGE-L + coherence + composite)", rounds, pairs,
                () -> {
                    MetricScores m = reference.score(preds, refs);
                    return m.composite();
                });
        report("rouge-score (rouge1/2/L/Lsum, stemmer)", rounds, pairs, () -> {
            double sink = 0;
            for (int i = 0; i < refs.size(); i++) {
                RougeScores s = rouge.score(refs.get(i), preds.get(i));
                sink += s.require(RougeType.ROUGE_LSUM).fmeasure() + s.require(RougeType.ROUGE1).fmeasure();
            }
            return sink;
        });
        for (RougeType type : RougeType.values()) {
            RougeScorer single = RougeScorer.builder().types(type).useStemmer(true).build();
            report("  breakdown: " + type.key() + " alone (stemmer)", rounds, pairs, () -> {
                double sink = 0;
                for (int i = 0; i < refs.size(); i++) {
                    sink += single.score(refs.get(i), preds.get(i)).require(type).fmeasure();
                }
                return sink;
            });
        }
        report("  breakdown: tokenize both texts (stemmer)", rounds, pairs, () -> {
            double sink = 0;
            for (int i = 0; i < refs.size(); i++) {
                sink += rouge.tokenize(refs.get(i)).size() + rouge.tokenize(preds.get(i)).size();
            }
            return sink;
        });
        report("QualityScorer ROUGE_SCORE mode (EM + rougeL with stemmer + coherence)", rounds, pairs,
                () -> rougeMode.score(preds, refs).composite());
    }

    /** A unit of work returning a value so the JIT cannot drop it. */
    private interface Work {
        double run();
    }

    private static double blackhole;

    private static void report(String name, int rounds, int pairs, Work work) {
        int warmup = Math.max(3, rounds / 3);
        for (int i = 0; i < warmup; i++) {
            blackhole += work.run();
        }
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long t0 = System.nanoTime();
            blackhole += work.run();
            long ns = System.nanoTime() - t0;
            rates[i] = pairs / (ns / 1e9);
        }
        Arrays.sort(rates);
        System.out.printf("  %-78s median %,10.0f pairs/s  (min %,.0f, max %,.0f)%n", name, rates[rounds / 2], rates[0],
                rates[rounds - 1]);
        if (blackhole == 42.4242) {
            System.out.println();
        }
    }

    private static void generate(int pairs, int words, SplittableRandom rnd, List<String> refs, List<String> preds) {
        String[] vocab = vocabulary(3000, rnd);
        for (int p = 0; p < pairs; p++) {
            List<String> ref = new ArrayList<>(words);
            for (int w = 0; w < words; w++) {
                ref.add(pick(vocab, rnd));
            }
            List<String> pred = new ArrayList<>(words);
            for (String w : ref) {
                double r = rnd.nextDouble();
                if (r < 0.15) {
                    pred.add(pick(vocab, rnd)); // substitution
                } else if (r < 0.22) {
                    continue; // deletion
                } else if (r < 0.30) {
                    pred.add(w);
                    pred.add(pick(vocab, rnd)); // insertion
                } else {
                    pred.add(w);
                }
            }
            refs.add(render(ref, rnd));
            preds.add(render(pred, rnd));
        }
    }

    private static String pick(String[] vocab, SplittableRandom rnd) {
        // Zipf-like: small indices are much more frequent
        double u = rnd.nextDouble();
        int i = (int) Math.min(vocab.length - 1, Math.floor(Math.pow(vocab.length, u)) - 1);
        return vocab[Math.max(0, i)];
    }

    private static String render(List<String> words, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        boolean capital = true;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            sb.append(capital ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : w);
            capital = false;
            double r = rnd.nextDouble();
            if (r < 0.06) {
                sb.append('.');
                capital = true;
            } else if (r < 0.12) {
                sb.append(',');
            }
            if (i < words.size() - 1) {
                sb.append(' ');
            }
        }
        return sb.append('.').toString();
    }

    private static String[] vocabulary(int size, SplittableRandom rnd) {
        String[] common = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
            "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "had",
            "they", "you", "were", "their", "one", "all", "we", "can", "her", "has", "there", "been", "if", "more",
            "when", "will", "would", "who", "so", "no"};
        String[] suffixes = {"", "s", "ed", "ing", "ation", "ly", "ness", "ment", "er", "ity", "ive", "al"};
        String consonants = "bcdfghjklmnprstvwz";
        String vowels = "aeiou";
        String[] v = new String[size];
        System.arraycopy(common, 0, v, 0, common.length);
        for (int i = common.length; i < size; i++) {
            StringBuilder w = new StringBuilder();
            int syllables = 1 + rnd.nextInt(3);
            for (int s = 0; s < syllables; s++) {
                w.append(consonants.charAt(rnd.nextInt(consonants.length())));
                w.append(vowels.charAt(rnd.nextInt(vowels.length())));
                if (rnd.nextBoolean()) {
                    w.append(consonants.charAt(rnd.nextInt(consonants.length())));
                }
            }
            w.append(suffixes[rnd.nextInt(suffixes.length)]);
            v[i] = w.toString();
        }
        return v;
    }
}
