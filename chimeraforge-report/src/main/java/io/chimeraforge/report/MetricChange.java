package io.chimeraforge.report;

import java.util.Optional;

/**
 * The change of one metric (throughput, TTFT or duration) of one configuration, in percent of the
 * baseline mean, with its confidence interval when both sides carry per-request data.
 *
 * @param deltaPct   (candidate − baseline) / baseline × 100; 0 when the baseline is 0
 * @param interval   the Welch t interval of the difference of means, in percent of the baseline
 *                   mean (the baseline mean taken as exact); empty without at least two requests a side
 * @param verdict    the conclusion: a change is called only when it exceeds the noise band and,
 *                   when an interval exists, the interval excludes 0
 */
public record MetricChange(double deltaPct, Optional<Interval> interval, Verdict verdict) {

    /** Rejects nulls. */
    public MetricChange {
        if (interval == null || verdict == null) {
            throw new IllegalArgumentException("interval and verdict must not be null");
        }
    }

    /**
     * A confidence interval, percent.
     *
     * @param lowPct  lower bound
     * @param highPct upper bound
     */
    public record Interval(double lowPct, double highPct) {

        /** Whether 0 lies outside the interval. */
        public boolean excludesZero() {
            return lowPct > 0 || highPct < 0;
        }
    }
}
