package io.chimeraforge.eval.rouge;

import java.util.Objects;
/**
 * A bootstrap confidence interval of one ROUGE type.
 *
 * @param low  the lower percentile of the bootstrap sample means (2.5th for a 95% interval)
 * @param mid  the median of the bootstrap sample means (not the plain mean)
 * @param high the upper percentile (97.5th for a 95% interval)
 */
public record AggregateScore(RougeScore low, RougeScore mid, RougeScore high) {
    /** Requires all three bounds. */
    public AggregateScore {
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(high, "high");
    }
}
