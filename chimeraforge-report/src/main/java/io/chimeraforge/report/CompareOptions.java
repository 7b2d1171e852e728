package io.chimeraforge.report;

import io.chimeraforge.core.Compat;
import java.util.Objects;

/**
 * How a {@link Comparison} is made.
 *
 * @param compat       {@link Compat#REFERENCE} for v0.30.0's rows exactly, else the corrected behaviour
 * @param confidence   confidence level of the per-delta intervals, in (0, 1); 0.95 by default
 * @param thresholdPct noise band, percent: a change within ±threshold is never called; 0 by default
 */
public record CompareOptions(Compat compat, double confidence, double thresholdPct) {

    /** Validates the options. */
    public CompareOptions {
        Objects.requireNonNull(compat, "compat");
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), got " + confidence);
        }
        if (!(thresholdPct >= 0 && Double.isFinite(thresholdPct))) {
            throw new IllegalArgumentException("threshold must be a finite percentage >= 0, got " + thresholdPct);
        }
    }

    /** The corrected behaviour, 95% intervals, no noise band. */
    public static CompareOptions defaults() {
        return new CompareOptions(Compat.defaults(), 0.95, 0.0);
    }

    /** These options in another mode. */
    public CompareOptions withCompat(Compat value) {
        return new CompareOptions(value, confidence, thresholdPct);
    }

    /** These options with another confidence level. */
    public CompareOptions withConfidence(double value) {
        return new CompareOptions(compat, value, thresholdPct);
    }

    /** These options with another noise band, percent. */
    public CompareOptions withThresholdPct(double value) {
        return new CompareOptions(compat, confidence, value);
    }
}
