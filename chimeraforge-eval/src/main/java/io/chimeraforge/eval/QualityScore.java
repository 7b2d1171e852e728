package io.chimeraforge.eval;

import java.util.Objects;
import io.chimeraforge.core.PyNumbers;

/**
 * The reference's {@code QualityScore}: scores rounded to 4 decimals (Python {@code round},
 * half-to-even on the binary value) and the tier of the unrounded composite.
 *
 * <p>JSON keys, in order: {@code model, quant, exact_match, rouge_l, bert_score, coherence,
 * composite, tier, n_samples} (see {@link EvalJson}).
 *
 * @param model      model label
 * @param quant      quantization label; {@code "FP16"} when none was given, as the reference does
 * @param exactMatch rounded exact match
 * @param rougeL     rounded ROUGE-L
 * @param bertScore  rounded BERTScore (0.0 when unavailable)
 * @param coherence  rounded coherence
 * @param composite  rounded composite
 * @param tier       tier of the unrounded composite against the FP16 baseline
 * @param nSamples   pairs scored
 */
public record QualityScore(String model, String quant, double exactMatch, double rougeL, double bertScore,
        double coherence, double composite, QualityTier tier, int nSamples) {

    /** Decimal places the scores are rounded to. */
    public static final int DECIMALS = 4;

    /** Validates non-null labels and a non-negative count. */
    public QualityScore {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(tier, "tier");
        if (nSamples < 0) {
            throw new IllegalArgumentException("nSamples must be >= 0, got " + nSamples);
        }
    }

    /** Rounds unrounded metrics into a score. */
    public static QualityScore of(String model, String quant, MetricScores m, QualityTier tier) {
        return new QualityScore(model, quant,
                PyNumbers.round(m.exactMatch(), DECIMALS),
                PyNumbers.round(m.rougeL(), DECIMALS),
                PyNumbers.round(m.bertScore(), DECIMALS),
                PyNumbers.round(m.coherence(), DECIMALS),
                PyNumbers.round(m.composite(), DECIMALS),
                tier, m.nSamples());
    }
}
