package io.chimeraforge.eval.bertscore;

/**
 * A baseline row for rescaling ({@code x' = (x − b) / (1 − b)} per component): bert_score's
 * {@code rescale_baseline/<lang>/<model>.tsv} row at the model's layer, LAYER column dropped.
 *
 * @param precision baseline of P, below 1
 * @param recall    baseline of R, below 1
 * @param f1        baseline of F, below 1
 */
public record Baseline(double precision, double recall, double f1) {

    /** The zero baseline: rescaling is the identity. */
    public static final Baseline IDENTITY = new Baseline(0.0, 0.0, 0.0);

    /** Each component must be finite and below 1. */
    public Baseline {
        check("precision", precision);
        check("recall", recall);
        check("f1", f1);
    }

    private static void check(String name, double v) {
        if (!Double.isFinite(v) || v >= 1.0) {
            throw new IllegalArgumentException("baseline " + name + " must be finite and < 1, got " + v);
        }
    }

    /** Rescales each component on its own (F from the raw F, not recomputed). */
    public BertScoreTriple rescale(BertScoreTriple raw) {
        return new BertScoreTriple(
                (raw.precision() - precision) / (1 - precision),
                (raw.recall() - recall) / (1 - recall),
                (raw.f1() - f1) / (1 - f1));
    }
}
