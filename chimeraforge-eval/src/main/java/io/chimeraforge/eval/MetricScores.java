package io.chimeraforge.eval;

import java.util.List;

/**
 * Unrounded metric values of a batch, before model/quant labelling.
 *
 * @param exactMatch    fraction of exact matches, [0, 1]
 * @param rougeL        mean ROUGE-L F1, [0, 1]
 * @param bertScore     mean BERTScore F1 (0.0 when unavailable)
 * @param bertAvailable whether BERTScore was computed
 * @param coherence     mean length-ratio coherence, [0, 1]
 * @param composite     the composite, with BERTScore's weight moved to ROUGE-L when unavailable
 * @param nSamples      pairs scored, {@code min(predictions, references)}
 * @param warnings      metric-level warnings (for example a tokenizer dropping non-ASCII text)
 */
public record MetricScores(double exactMatch, double rougeL, double bertScore, boolean bertAvailable,
        double coherence, double composite, int nSamples, List<String> warnings) {

    /** Validates the count and copies the warnings. */
    public MetricScores {
        if (nSamples < 0) {
            throw new IllegalArgumentException("nSamples must be >= 0, got " + nSamples);
        }
        if (!bertAvailable && bertScore != 0.0) {
            throw new IllegalArgumentException("bertScore must be 0.0 when BERTScore is unavailable, got "
                    + bertScore);
        }
        warnings = List.copyOf(warnings);
    }
}
