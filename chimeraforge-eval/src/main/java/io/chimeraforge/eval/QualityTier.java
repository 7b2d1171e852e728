package io.chimeraforge.eval;

import io.chimeraforge.core.PyNumbers;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Quality tier of a quantized model against its FP16 baseline composite (TR125 boundaries at −3,
 * −10 and −15 percentage points).
 */
public enum QualityTier {
    /** Drop of at most 3 pp. */
    NEGLIGIBLE("negligible"),
    /** Drop of more than 3 and at most 10 pp. */
    ACCEPTABLE("acceptable"),
    /** Drop of more than 10 and at most 15 pp. */
    CONCERNING("concerning"),
    /** Drop of more than 15 pp. */
    UNACCEPTABLE("unacceptable"),
    /** No usable baseline (absent or not positive). */
    UNKNOWN("unknown");

    /** Lowest drop (pp) still {@link #NEGLIGIBLE}. */
    public static final double NEGLIGIBLE_MIN_DROP_PP = -3.0;
    /** Lowest drop (pp) still {@link #ACCEPTABLE}. */
    public static final double ACCEPTABLE_MIN_DROP_PP = -10.0;
    /** Lowest drop (pp) still {@link #CONCERNING}. */
    public static final double CONCERNING_MIN_DROP_PP = -15.0;

    private final String label;

    QualityTier(String label) {
        this.label = label;
    }

    /** The lower-case label used in JSON ({@code "negligible"}, …). */
    public String label() {
        return label;
    }

    /**
     * A tier with the drop it was derived from.
     *
     * @param tier   the tier
     * @param dropPp {@code round((composite − baseline) × 100, 6)}; empty when the tier is unknown
     */
    public record Assessment(QualityTier tier, OptionalDouble dropPp) {
        /** Validates that a drop is present exactly when the tier is known. */
        public Assessment {
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(dropPp, "dropPp");
            if ((tier == UNKNOWN) == dropPp.isPresent()) {
                throw new IllegalArgumentException("dropPp must be present exactly when the tier is known");
            }
        }
    }

    /**
     * Classifies an (unrounded) composite against a baseline composite.
     *
     * <p>The drop is rounded to 6 decimals (Python {@code round}, half-even on the binary value)
     * before comparing, so 0.97 against 1.0 lands on −3.0 exactly and counts as negligible.
     *
     * @param composite     the candidate's composite score
     * @param fp16Composite the baseline; empty or {@code <= 0} gives {@link #UNKNOWN}
     */
    public static Assessment assess(double composite, OptionalDouble fp16Composite) {
        if (fp16Composite.isEmpty() || !(fp16Composite.getAsDouble() > 0)) {
            return new Assessment(UNKNOWN, OptionalDouble.empty());
        }
        double dropPp = PyNumbers.round((composite - fp16Composite.getAsDouble()) * 100, 6);
        QualityTier tier;
        if (dropPp >= NEGLIGIBLE_MIN_DROP_PP) {
            tier = NEGLIGIBLE;
        } else if (dropPp >= ACCEPTABLE_MIN_DROP_PP) {
            tier = ACCEPTABLE;
        } else if (dropPp >= CONCERNING_MIN_DROP_PP) {
            tier = CONCERNING;
        } else {
            tier = UNACCEPTABLE;
        }
        return new Assessment(tier, OptionalDouble.of(dropPp));
    }

    /** Shorthand for {@code assess(composite, fp16Composite).tier()}. */
    public static QualityTier of(double composite, OptionalDouble fp16Composite) {
        return assess(composite, fp16Composite).tier();
    }
}
