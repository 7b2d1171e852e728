package io.chimeraforge.eval.bertscore;

/**
 * Result of BERTScore's greedy matching of one (candidate, reference) pair: the raw triple and
 * the per-token maxima it was built from.
 */
public final class GreedyMatch {

    private final BertScoreTriple raw;
    private final double[] wordPrecision;
    private final double[] wordRecall;

    GreedyMatch(BertScoreTriple raw, double[] wordPrecision, double[] wordRecall) {
        this.raw = raw;
        this.wordPrecision = wordPrecision;
        this.wordRecall = wordRecall;
    }

    /** P, R, F before rescaling. */
    public BertScoreTriple raw() {
        return raw;
    }

    /** P, R, F rescaled with {@code baseline} (identity for {@link Baseline#IDENTITY}). */
    public BertScoreTriple rescaled(Baseline baseline) {
        return baseline.rescale(raw);
    }

    /** For each candidate token, its best cosine similarity to any reference token. */
    public double[] wordPrecision() {
        return wordPrecision.clone();
    }

    /** For each reference token, its best cosine similarity to any candidate token. */
    public double[] wordRecall() {
        return wordRecall.clone();
    }
}
