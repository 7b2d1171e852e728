package io.chimeraforge.eval.rouge;

import io.chimeraforge.eval.internal.PorterStemmer;
import io.chimeraforge.eval.internal.TokenLcs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ROUGE scoring with Google rouge-score semantics: ROUGE-1/2 n-gram overlap with multiplicity,
 * ROUGE-L on whole token lists, and ROUGE-Lsum as the summary-level union LCS over
 * newline-separated sentences.
 *
 * <pre>{@code
 * RougeScorer scorer = RougeScorer.builder()
 *         .types(RougeType.ROUGE1, RougeType.ROUGE_L)
 *         .useStemmer(true)
 *         .build();
 * RougeScores s = scorer.score("the cat sat", "a cat sat down");
 * double f = s.require(RougeType.ROUGE_L).fmeasure();
 * }</pre>
 *
 * <p>Thread-safe, and immutable in its settings; it memoises stems internally (bounded), which
 * changes speed only, never results.
 */
public final class RougeScorer {

    /** Stems kept per scorer; beyond this many distinct words new ones are stemmed uncached. */
    private static final int STEM_CACHE_LIMIT = 100_000;

    private final Set<RougeType> types;
    private final boolean useStemmer;
    private final RougeTokenizer tokenizer;
    /** Memo of the (pure) stemmer: natural text repeats words, and stemming dominates tokenizing. */
    private final Map<String, String> stemCache = new ConcurrentHashMap<>();
    private final PorterStemmer stemmer = new PorterStemmer();

    private RougeScorer(Builder b) {
        this.types = EnumSet.copyOf(b.types);
        this.useStemmer = b.useStemmer;
        this.tokenizer = b.tokenizer;
    }

    private String stem(String word) {
        String s = stemCache.get(word);
        if (s == null) {
            s = stemmer.stem(word);
            if (stemCache.size() < STEM_CACHE_LIMIT) {
                stemCache.put(word, s);
            }
        }
        return s;
    }

    /** A builder; defaults are all four types, no stemmer, {@link RougeTokenizer#DEFAULT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** All four types, no stemmer, the rouge-score tokenizer. */
    public static RougeScorer defaults() {
        return builder().build();
    }

    /** A builder starting from this scorer's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.types = EnumSet.copyOf(types);
        b.useStemmer = useStemmer;
        b.tokenizer = tokenizer;
        return b;
    }

    /** The requested types. */
    public Set<RougeType> types() {
        return EnumSet.copyOf(types);
    }

    /** Whether tokens longer than 3 characters are Porter-stemmed. */
    public boolean useStemmer() {
        return useStemmer;
    }

    /** The tokenizer. */
    public RougeTokenizer tokenizer() {
        return tokenizer;
    }

    /** Tokens of a whole text, as ROUGE-1/2/L see them. */
    public List<String> tokenize(String text) {
        return tokenizer.tokenize(text, useStemmer ? this::stem : null);
    }

    /** Tokens per sentence ({@code \n}-separated, empty lines dropped), as ROUGE-Lsum sees them. */
    public List<List<String>> sentenceTokens(String text) {
        List<List<String>> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i > start) {
                    out.add(tokenize(text.substring(start, i)));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * Scores a prediction against its target (rouge-score's argument order: target first).
     *
     * @param target     the reference text
     * @param prediction the generated text
     */
    public RougeScores score(String target, String prediction) {
        Map<RougeType, RougeScore> out = new EnumMap<>(RougeType.class);
        boolean needWhole = types.contains(RougeType.ROUGE1) || types.contains(RougeType.ROUGE2)
                || types.contains(RougeType.ROUGE_L);
        boolean needSentences = types.contains(RougeType.ROUGE_LSUM);
        // Tokenizing is character-local and '\n' is a separator, so the whole text's tokens are the
        // concatenation of its lines' tokens: tokenize once when both views are needed.
        List<List<String>> targetSentences = needSentences ? sentenceTokens(target) : null;
        List<List<String>> predictionSentences = needSentences ? sentenceTokens(prediction) : null;
        if (needWhole) {
            TokenIds ids = new TokenIds();
            int[] t = ids.intern(needSentences ? flatten(targetSentences) : tokenize(target));
            int[] p = ids.intern(needSentences ? flatten(predictionSentences) : tokenize(prediction));
            for (RougeType type : types) {
                if (type.order() > 0) {
                    out.put(type, ngramScore(t, p, type.order()));
                } else if (type == RougeType.ROUGE_L) {
                    out.put(type, lcsScore(t, p, ids.size()));
                }
            }
        }
        if (needSentences) {
            out.put(RougeType.ROUGE_LSUM, summaryLcsScore(targetSentences, predictionSentences));
        }
        return new RougeScores(out);
    }

    private static List<String> flatten(List<List<String>> sentences) {
        if (sentences.size() == 1) {
            return sentences.get(0);
        }
        List<String> out = new ArrayList<>();
        sentences.forEach(out::addAll);
        return out;
    }

    static RougeScore ngramScore(int[] target, int[] prediction, int n) {
        int targetCount = Math.max(0, target.length - n + 1);
        int predictionCount = Math.max(0, prediction.length - n + 1);
        int overlap = 0;
        if (targetCount > 0 && predictionCount > 0) {
            Map<Long, int[]> counts = new HashMap<>(targetCount * 2);
            for (int i = 0; i < targetCount; i++) {
                counts.computeIfAbsent(ngramKey(target, i, n), k -> new int[1])[0]++;
            }
            for (int i = 0; i < predictionCount; i++) {
                int[] c = counts.get(ngramKey(prediction, i, n));
                if (c != null && c[0] > 0) {
                    c[0]--; // each target n-gram can be matched once: min(count_t, count_p)
                    overlap++;
                }
            }
        }
        double precision = (double) overlap / Math.max(predictionCount, 1);
        double recall = (double) overlap / Math.max(targetCount, 1);
        return RougeScore.of(precision, recall);
    }

    /** Packs an n-gram of interned ids (n ≤ 2 here; ids < 2^31) into one key. */
    private static long ngramKey(int[] ids, int start, int n) {
        return n == 1 ? ids[start] : ((long) ids[start] << 32) | (ids[start + 1] & 0xFFFFFFFFL);
    }

    static RougeScore lcsScore(int[] target, int[] prediction, int idCount) {
        if (target.length == 0 || prediction.length == 0) {
            return RougeScore.ZERO;
        }
        int lcs = lcsLength(target, prediction, idCount);
        return RougeScore.of((double) lcs / prediction.length, (double) lcs / target.length);
    }

    /** Bit-parallel LCS length over interned ids (see {@code TokenLcs} for the method). */
    static int lcsLength(int[] a, int[] b, int idCount) {
        int m = a.length;
        int words = (m + 63) >>> 6;
        // ids are dense per pair, so position masks live in one flat array: id * words + word
        long[] positions = new long[idCount * words];
        boolean[] present = new boolean[idCount];
        for (int i = 0; i < m; i++) {
            positions[a[i] * words + (i >>> 6)] |= 1L << (i & 63);
            present[a[i]] = true;
        }
        long[] v = new long[words];
        Arrays.fill(v, -1L);
        for (int token : b) {
            if (present[token]) {
                TokenLcs.advance(v, positions, token * words);
            }
        }
        return TokenLcs.length(v, m);
    }

    static RougeScore summaryLcsScore(List<List<String>> targetSentences, List<List<String>> predictionSentences) {
        TokenIds ids = new TokenIds();
        int[][] ref = new int[targetSentences.size()][];
        int[][] cand = new int[predictionSentences.size()][];
        int m = 0;
        int n = 0;
        for (int i = 0; i < ref.length; i++) {
            ref[i] = ids.intern(targetSentences.get(i));
            m += ref[i].length;
        }
        for (int i = 0; i < cand.length; i++) {
            cand[i] = ids.intern(predictionSentences.get(i));
            n += cand[i].length;
        }
        if (m == 0 || n == 0) {
            return RougeScore.ZERO;
        }
        int[] refCounts = new int[ids.size()];
        int[] candCounts = new int[ids.size()];
        for (int[] s : ref) {
            for (int t : s) {
                refCounts[t]++;
            }
        }
        for (int[] s : cand) {
            for (int t : s) {
                candCounts[t]++;
            }
        }
        int hits = 0;
        int[] table = new int[0];
        for (int[] r : ref) {
            boolean[] inUnion = new boolean[r.length];
            for (int[] c : cand) {
                int needed = (r.length + 1) * (c.length + 1);
                if (table.length < needed) {
                    table = new int[needed];
                }
                markLcs(r, c, table, inUnion);
            }
            for (int k = 0; k < r.length; k++) {
                if (inUnion[k]) {
                    int t = r[k];
                    if (candCounts[t] > 0 && refCounts[t] > 0) {
                        hits++;
                        candCounts[t]--;
                        refCounts[t]--;
                    }
                }
            }
        }
        return RougeScore.of((double) hits / n, (double) hits / m);
    }

    /**
     * Marks the indices of r in one LCS of (r, c). Which LCS matters for the union: walk back
     * from the end, take a match diagonally, else move left in c only when that keeps a strictly
     * longer prefix, otherwise (ties included) move up in r.
     */
    private static void markLcs(int[] r, int[] c, int[] table, boolean[] inUnion) {
        int rows = r.length;
        int cols = c.length;
        int width = cols + 1;
        Arrays.fill(table, 0, width, 0);
        for (int i = 1; i <= rows; i++) {
            int row = i * width;
            int prev = row - width;
            table[row] = 0;
            int ri = r[i - 1];
            for (int j = 1; j <= cols; j++) {
                table[row + j] = ri == c[j - 1]
                        ? table[prev + j - 1] + 1
                        : Math.max(table[prev + j], table[row + j - 1]);
            }
        }
        int i = rows;
        int j = cols;
        while (i > 0 && j > 0) {
            if (r[i - 1] == c[j - 1]) {
                inUnion[i - 1] = true;
                i--;
                j--;
            } else if (table[i * width + j - 1] > table[(i - 1) * width + j]) {
                j--;
            } else {
                i--;
            }
        }
    }

    /** Per-pair token interning so comparisons are int comparisons. */
    private static final class TokenIds {
        private final Map<String, Integer> ids = new HashMap<>();

        int[] intern(List<String> tokens) {
            int[] out = new int[tokens.size()];
            for (int i = 0; i < out.length; i++) {
                Integer id = ids.get(tokens.get(i));
                if (id == null) {
                    id = ids.size();
                    ids.put(tokens.get(i), id);
                }
                out[i] = id;
            }
            return out;
        }

        int size() {
            return ids.size();
        }
    }

    /** Settings for a {@link RougeScorer}. */
    public static final class Builder {
        private Set<RougeType> types = EnumSet.allOf(RougeType.class);
        private boolean useStemmer;
        private RougeTokenizer tokenizer = RougeTokenizer.DEFAULT;

        private Builder() {
        }

        /** The types to compute (at least one). Default: all four. */
        public Builder types(RougeType first, RougeType... more) {
            EnumSet<RougeType> set = EnumSet.of(first, more);
            this.types = set;
            return this;
        }

        /** The types to compute (at least one). */
        public Builder types(Set<RougeType> types) {
            Objects.requireNonNull(types, "types");
            if (types.isEmpty()) {
                throw new IllegalArgumentException("types must hold at least one ROUGE type, got " + types);
            }
            this.types = EnumSet.copyOf(types);
            return this;
        }

        /** Porter-stem tokens longer than 3 characters. Default false. */
        public Builder useStemmer(boolean useStemmer) {
            this.useStemmer = useStemmer;
            return this;
        }

        /** The tokenizer. Default {@link RougeTokenizer#DEFAULT} (rouge-score's). */
        public Builder tokenizer(RougeTokenizer tokenizer) {
            Objects.requireNonNull(tokenizer, "tokenizer");
            this.tokenizer = tokenizer;
            return this;
        }

        /** The scorer. */
        public RougeScorer build() {
            return new RougeScorer(this);
        }
    }
}
