package io.chimeraforge.core.result;

/**
 * Summary statistics of one metric over the requests of a configuration, as the reference's
 * {@code StatSummary} plus {@code p90} (an added key; the reference has none).
 *
 * <p>{@code stddev} is the <em>sample</em> standard deviation (divisor n−1, 0 when n = 1), as the
 * reference computes it; percentiles use linear interpolation between closest ranks (numpy's
 * default, Hyndman–Fan type 7). An empty sample summarises to all zeros, as in the reference.
 *
 * @param mean   arithmetic mean
 * @param p50    median
 * @param p90    90th percentile (added key)
 * @param p95    95th percentile
 * @param p99    99th percentile
 * @param min    smallest value
 * @param max    largest value
 * @param stddev sample standard deviation
 * @param count  number of values summarised (added key {@code n}; 0 when read from a reference file)
 */
public record StatSummary(double mean, double p50, double p90, double p95, double p99, double min, double max,
        double stddev, int count) {

    /** Validates that the count is not negative. */
    public StatSummary {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
    }

    /** The all-zero summary of an empty sample. */
    public static StatSummary empty() {
        return new StatSummary(0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The summary written when a metric could not be measured at all (every value was the −1
     * sentinel): all statistics −1.0 so old readers see the reference's sentinel.
     */
    public static StatSummary unmeasurable() {
        return new StatSummary(-1, -1, -1, -1, -1, -1, -1, -1, 0);
    }

    /** Coefficient of variation (stddev / mean), or 0 when the mean is not positive. */
    public double coefficientOfVariation() {
        return mean > 0 ? stddev / mean : 0.0;
    }
}
