package io.chimeraforge.eval;

import io.chimeraforge.eval.internal.PyStrings;
import io.chimeraforge.eval.internal.TokenLcs;
import java.util.List;

/**
 * The reference's dependency-free metrics: exact match, whitespace-token ROUGE-L and the
 * length-ratio coherence heuristic, with Python string semantics (Unicode whitespace for split and
 * strip, code-point lengths, full Unicode lower-casing).
 *
 * <p>Every list metric scores the first {@code n = min(predictions, references)} pairs and returns a
 * value in [0, 1]; either list empty gives 0.0.
 */
public final class ReferenceMetrics {

    private ReferenceMetrics() {
    }

    /**
     * Whitespace-token LCS details of one pair.
     *
     * @param lcsTokens        length of the longest common token subsequence
     * @param predictionTokens tokens in the prediction (Python {@code split()})
     * @param referenceTokens  tokens in the reference
     * @param f1               the pair's ROUGE-L F1 (0 when either side has no tokens)
     */
    public record LcsDetail(int lcsTokens, int predictionTokens, int referenceTokens, double f1) {
        /** Validates the counts. */
        public LcsDetail {
            if (lcsTokens < 0 || predictionTokens < 0 || referenceTokens < 0) {
                throw new IllegalArgumentException("token counts must be >= 0");
            }
        }
    }

    /** True when the two strings are equal after Python {@code strip().lower()}. */
    public static boolean exactMatch(String prediction, String reference) {
        return PyStrings.lower(PyStrings.strip(prediction)).equals(PyStrings.lower(PyStrings.strip(reference)));
    }

    /** Fraction of the first n pairs that match exactly (case- and outer-whitespace-insensitive). */
    public static double exactMatch(List<String> predictions, List<String> references) {
        int n = Math.min(predictions.size(), references.size());
        if (n == 0) {
            return 0.0;
        }
        int matches = 0;
        for (int i = 0; i < n; i++) {
            if (exactMatch(predictions.get(i), references.get(i))) {
                matches++;
            }
        }
        return (double) matches / n;
    }

    /** ROUGE-L details of one pair on case-sensitive whitespace tokens (punctuation kept). */
    public static LcsDetail rougeLDetail(String prediction, String reference) {
        List<String> pred = PyStrings.split(prediction);
        List<String> ref = PyStrings.split(reference);
        if (pred.isEmpty() || ref.isEmpty()) {
            return new LcsDetail(0, pred.size(), ref.size(), 0.0);
        }
        int lcs = TokenLcs.length(ref, pred);
        return new LcsDetail(lcs, pred.size(), ref.size(), f1(lcs, pred.size(), ref.size()));
    }

    /** The pair's whitespace-token ROUGE-L F1. */
    public static double rougeL(String prediction, String reference) {
        return rougeLDetail(prediction, reference).f1();
    }

    /** Mean whitespace-token ROUGE-L F1 over the first n pairs. */
    public static double rougeL(List<String> predictions, List<String> references) {
        int n = Math.min(predictions.size(), references.size());
        if (n == 0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += rougeL(predictions.get(i), references.get(i));
        }
        return sum / n;
    }

    /**
     * Length-ratio coherence of one pair: stripped lengths in code points; both empty is 1.0,
     * exactly one empty is 0.0, else shorter / longer.
     */
    public static double coherence(String prediction, String reference) {
        int lp = PyStrings.length(PyStrings.strip(prediction));
        int lr = PyStrings.length(PyStrings.strip(reference));
        if (lp == 0 && lr == 0) {
            return 1.0;
        }
        if (lp == 0 || lr == 0) {
            return 0.0;
        }
        double ratio = (double) Math.min(lp, lr) / Math.max(lp, lr);
        return Math.max(0.0, Math.min(1.0, ratio));
    }

    /** Mean coherence over the first n pairs. */
    public static double coherence(List<String> predictions, List<String> references) {
        int n = Math.min(predictions.size(), references.size());
        if (n == 0) {
            return 0.0;
        }
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            sum += coherence(predictions.get(i), references.get(i));
        }
        return sum / n;
    }

    static double f1(int lcs, int predTokens, int refTokens) {
        double p = (double) lcs / predTokens;
        double r = (double) lcs / refTokens;
        return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
    }
}
