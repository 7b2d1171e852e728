package io.chimeraforge.core.result;

import java.util.Arrays;

/**
 * Exact statistics for reports: numpy-compatible linear-interpolation percentiles and the
 * reference's sample standard deviation. Population standard deviation (numpy's {@code np.std},
 * vLLM's convention) is offered separately so the choice is always named.
 */
public final class Stats {

    private Stats() {
    }

    /**
     * Summarises {@code values} (not modified). Empty input gives {@link StatSummary#empty()}.
     */
    public static StatSummary summarize(double[] values) {
        int n = values.length;
        if (n == 0) {
            return StatSummary.empty();
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double v : sorted) {
            sum += v;
        }
        double mean = sum / n;
        return new StatSummary(mean, percentileOfSorted(sorted, 50), percentileOfSorted(sorted, 90),
                percentileOfSorted(sorted, 95), percentileOfSorted(sorted, 99), sorted[0], sorted[n - 1],
                sampleStdDev(sorted, mean), n);
    }

    /**
     * Percentile {@code p} (0..100) of ascending {@code sorted} values with linear interpolation:
     * {@code k = (n−1)·p/100}, {@code f = floor(k)}, {@code c = min(f+1, n−1)},
     * {@code v[f]·(c−k) + v[c]·(k−f)} — numpy's default ("linear", R-7).
     *
     * @throws IllegalArgumentException if {@code sorted} is empty or {@code p} is outside [0, 100]
     */
    public static double percentileOfSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("sorted must not be empty");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("p must be in [0, 100], got " + p);
        }
        double k = (sorted.length - 1) * (p / 100.0);
        int f = (int) Math.floor(k);
        int c = Math.min(f + 1, sorted.length - 1);
        if (f == c) {
            return sorted[f];
        }
        return sorted[f] * (c - k) + sorted[c] * (k - f);
    }

    /** Sample standard deviation (divisor n−1); 0 for fewer than two values. */
    public static double sampleStdDev(double[] values, double mean) {
        if (values.length < 2) {
            return 0.0;
        }
        return Math.sqrt(sumSquares(values, mean) / (values.length - 1));
    }

    /** Population standard deviation (divisor n, numpy's {@code np.std}); 0 for an empty sample. */
    public static double populationStdDev(double[] values) {
        if (values.length == 0) {
            return 0.0;
        }
        double mean = Arrays.stream(values).sum() / values.length;
        return Math.sqrt(sumSquares(values, mean) / values.length);
    }

    private static double sumSquares(double[] values, double mean) {
        double acc = 0;
        for (double v : values) {
            double d = v - mean;
            acc += d * d;
        }
        return acc;
    }
}
