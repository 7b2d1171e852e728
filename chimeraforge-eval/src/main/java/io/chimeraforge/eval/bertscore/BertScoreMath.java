package io.chimeraforge.eval.bertscore;

/**
 * BERTScore's matching arithmetic on given token embeddings (bert_score's {@code greedy_cos_idf}
 * for one unpadded pair), in double precision.
 *
 * <ol>
 *   <li>Every token vector is divided by its L2 norm.</li>
 *   <li>Cosine similarities are taken over all positions; special tokens take part in matching and
 *       are neutralised only by a zero weight.</li>
 *   <li>Each candidate token keeps its best similarity (word precision), each reference token its
 *       best (word recall).</li>
 *   <li>Weights are divided by their own sum, unguarded: a zero sum gives NaN.</li>
 *   <li>P and R are weighted sums, F = 2PR/(P+R).</li>
 *   <li>A side of exactly two tokens (only {@code [CLS][SEP]}: an empty sentence) forces P = R = 0.</li>
 *   <li>A NaN F becomes 0; P and R are left as they are.</li>
 * </ol>
 *
 * <p>In a padded batch, bert_score also lets padding offer similarity 0 to the maxima, which makes
 * a token whose real similarities are all negative score 0 — a batch-dependent artefact this
 * class does not reproduce: each pair is scored on its own.
 */
public final class BertScoreMath {

    private BertScoreMath() {
    }

    /**
     * Greedy matching of one pair.
     *
     * @param candidate        candidate token vectors (m × d)
     * @param reference        reference token vectors (n × d)
     * @param candidateWeights m raw weights (idf or 0/1), normalised here
     * @param referenceWeights n raw weights, normalised here
     */
    public static GreedyMatch greedy(double[][] candidate, double[][] reference, double[] candidateWeights,
            double[] referenceWeights) {
        int m = candidate.length;
        int n = reference.length;
        if (m == 0 || n == 0) {
            throw new IllegalArgumentException("both sides need at least one token, got " + m + " and " + n);
        }
        if (candidateWeights.length != m || referenceWeights.length != n) {
            throw new IllegalArgumentException("need one weight per token: " + candidateWeights.length + "/" + m
                    + " candidate, " + referenceWeights.length + "/" + n + " reference");
        }
        int d = candidate[0].length;
        double[][] c = normalised(candidate, d);
        double[][] r = normalised(reference, d);
        double[] wordPrecision = new double[m];
        double[] wordRecall = new double[n];
        java.util.Arrays.fill(wordPrecision, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(wordRecall, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0.0;
                for (int k = 0; k < d; k++) {
                    dot += c[i][k] * r[j][k];
                }
                // Math.max propagates NaN like torch.max does.
                wordPrecision[i] = Math.max(wordPrecision[i], dot);
                wordRecall[j] = Math.max(wordRecall[j], dot);
            }
        }
        double p = weightedSum(wordPrecision, candidateWeights);
        double rr = weightedSum(wordRecall, referenceWeights);
        double f = 2 * p * rr / (p + rr);
        if (m == 2) {
            p = 0.0;
            rr = 0.0;
        }
        if (n == 2) {
            p = 0.0;
            rr = 0.0;
        }
        if (Double.isNaN(f)) {
            f = 0.0;
        }
        return new GreedyMatch(new BertScoreTriple(p, rr, f), wordPrecision, wordRecall);
    }

    private static double[][] normalised(double[][] vectors, int d) {
        double[][] out = new double[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i].length != d) {
                throw new IllegalArgumentException("vector " + i + " has dimension " + vectors[i].length
                        + ", expected " + d);
            }
            double sq = 0.0;
            for (double x : vectors[i]) {
                sq += x * x;
            }
            double norm = Math.sqrt(sq);
            out[i] = new double[d];
            for (int k = 0; k < d; k++) {
                out[i][k] = vectors[i][k] / norm;
            }
        }
        return out;
    }

    private static double weightedSum(double[] values, double[] weights) {
        double total = 0.0;
        for (double w : weights) {
            total += w;
        }
        double sum = 0.0;
        for (int i = 0; i < values.length; i++) {
            sum += values[i] * (weights[i] / total);
        }
        return sum;
    }
}
