package io.chimeraforge.eval.onnx.bench;

import io.chimeraforge.eval.bertscore.BertScoreTriple;
import io.chimeraforge.eval.bertscore.BertScorer;
import io.chimeraforge.eval.onnx.OnnxEmbeddingProvider;
import io.chimeraforge.eval.onnx.ParaphraseTriples;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * BERTScore throughput with the ONNX provider (a benchmark, not a test): pairs per second for
 * 200 pairs of about 30-word sentences, plus the F1 of the five paraphrase triples.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -B -q -pl chimeraforge-eval-onnx -am -DskipTests -Ponnx-benchmark test
 * </pre>
 * Optional arguments through {@code -Dexec.args="<rounds> <pairs> <words> <intraOpThreads>"}
 * (defaults 5, 200, 30, 0 = ONNX Runtime's choice).
 *
 * <p>Each round scores every pair with {@code BertScorer.score(candidates, references)} (no idf,
 * no rescaling): both texts of a pair go through the model, so a round is {@code 2 × pairs} model
 * runs plus the greedy matching. Two warm-up rounds precede the timed ones; the figure is the
 * median round. Texts are synthetic English (a fixed word list, seed 20261123); each candidate is
 * its reference with about 30% of the words replaced, dropped or inserted.
 */
public final class OnnxBertScoreBenchmark {

    private static final String[] WORDS = ("the a of to and in is was for on that with as by at from his her it an be"
            + " this which or are had not but were have one their all been they has also its new more when who after"
            + " first two other time into only over than some most up can year may would about out there such these"
            + " model server request latency throughput memory quantization accuracy benchmark deployment replica"
            + " cluster network storage budget forecast customer quarterly revenue analysis experiment hypothesis"
            + " temperature afternoon mountain river village library teacher student kitchen garden journey"
            + " carefully quickly reliably eventually unfortunately surprisingly independently"
            + " increased reduced measured compared observed predicted scheduled postponed finished delivered"
            + " large small fast slow expensive cheap accurate noisy stable recent previous important").split(" ");

    private OnnxBertScoreBenchmark() {
    }

    /** Entry point. */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int words = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 0;

        List<String> refs = new ArrayList<>();
        List<String> cands = new ArrayList<>();
        generate(pairs, words, new SplittableRandom(20261123L), refs, cands);

        double loadAverageBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long t0 = System.nanoTime();
        try (OnnxEmbeddingProvider provider = OnnxEmbeddingProvider.builder().intraOpThreads(threads).build()) {
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            BertScorer scorer = BertScorer.builder(provider).build();
            double tokens = 0;
            for (String s : refs) {
                tokens += provider.tokenIds(s).length;
            }
            for (String s : cands) {
                tokens += provider.tokenIds(s).length;
            }
            System.out.printf(Locale.ROOT, "OnnxBertScoreBenchmark: %s%n", scorer.hash());
            System.out.printf(Locale.ROOT, "%d pairs x %d words (%.1f tokens per text incl. [CLS]/[SEP]), %d timed"
                    + " rounds, intraOpThreads=%d, JDK %s, %d CPUs, load average %.2f, model load %.2f s%n",
                    pairs, words, tokens / (2.0 * pairs), rounds, threads, System.getProperty("java.version"),
                    Runtime.getRuntime().availableProcessors(), loadAverageBefore, loadSeconds);

            System.out.println();
            System.out.println("paraphrase triples (F1 against the reference):");
            for (ParaphraseTriples.Triple t : ParaphraseTriples.ALL) {
                BertScoreTriple p = scorer.score(t.paraphrase(), t.reference());
                BertScoreTriple u = scorer.score(t.unrelated(), t.reference());
                System.out.printf(Locale.ROOT, "  paraphrase %.4f  unrelated %.4f  %s%n", p.f1(), u.f1(),
                        t.reference());
            }

            double sink = 0;
            for (int i = 0; i < 2; i++) {
                sink += round(scorer, cands, refs);
            }
            double[] perSecond = new double[rounds];
            for (int i = 0; i < rounds; i++) {
                long start = System.nanoTime();
                sink += round(scorer, cands, refs);
                perSecond[i] = pairs / ((System.nanoTime() - start) / 1e9);
            }
            double[] sorted = perSecond.clone();
            Arrays.sort(sorted);
            System.out.println();
            System.out.printf(Locale.ROOT, "BERTScore (F1, no idf): median %.1f pairs/s (min %.1f, max %.1f) over %d"
                    + " rounds; load average after %.2f  [checksum %.6f]%n", sorted[rounds / 2], sorted[0],
                    sorted[rounds - 1], rounds, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    sink);
        }
    }

    private static double round(BertScorer scorer, List<String> cands, List<String> refs) {
        double sum = 0;
        for (BertScoreTriple t : scorer.score(cands, refs)) {
            sum += t.f1();
        }
        return sum;
    }

    private static void generate(int pairs, int words, SplittableRandom random, List<String> refs, List<String> cands) {
        for (int p = 0; p < pairs; p++) {
            List<String> ref = new ArrayList<>();
            for (int w = 0; w < words; w++) {
                ref.add(WORDS[random.nextInt(WORDS.length)]);
            }
            List<String> cand = new ArrayList<>();
            for (String w : ref) {
                int r = random.nextInt(100);
                if (r < 10) {
                    cand.add(WORDS[random.nextInt(WORDS.length)]); // replaced
                } else if (r < 20) {
                    continue; // dropped
                } else if (r < 30) {
                    cand.add(w);
                    cand.add(WORDS[random.nextInt(WORDS.length)]); // inserted
                } else {
                    cand.add(w);
                }
            }
            if (cand.isEmpty()) {
                cand.add(ref.get(0));
            }
            refs.add(sentence(ref));
            cands.add(sentence(cand));
        }
    }

    private static String sentence(List<String> words) {
        String s = String.join(" ", words);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1) + ".";
    }
}
