package io.chimeraforge.eval.rouge;

/**
 * Precision, recall and F-measure of one ROUGE type.
 *
 * @param precision overlap / prediction size, in [0, 1]
 * @param recall    overlap / target size, in [0, 1]
 * @param fmeasure  2PR/(P+R), or 0 when P+R is 0 (aggregates carry their own averaged value)
 */
public record RougeScore(double precision, double recall, double fmeasure) {

    /** The all-zero score. */
    public static final RougeScore ZERO = new RougeScore(0.0, 0.0, 0.0);

    /** Rejects NaN components. */
    public RougeScore {
        if (Double.isNaN(precision) || Double.isNaN(recall) || Double.isNaN(fmeasure)) {
            throw new IllegalArgumentException("ROUGE components must not be NaN");
        }
    }

    /** A score from precision and recall, with rouge-score's F-measure. */
    public static RougeScore of(double precision, double recall) {
        double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;
        return new RougeScore(precision, recall, f);
    }

    /** The component at {@code index} 0 (precision), 1 (recall) or 2 (fmeasure). */
    double component(int index) {
        return index == 0 ? precision : index == 1 ? recall : fmeasure;
    }
}
