package io.chimeraforge.bench.internal.load;

import io.chimeraforge.core.result.StatSummary;
import io.chimeraforge.core.result.Stats;
import java.util.Arrays;
import org.HdrHistogram.DoubleHistogram;

/**
 * A growing sample summarised like {@link Stats#summarize(double[])} with bounded memory. The
 * first {@link #EXACT_LIMIT} values are kept in a primitive array, so percentiles are exact (the
 * reference's numpy definition) for every count a real run of the per-request metrics reaches;
 * past the limit — in practice only per-token series of very long runs — the values move into an
 * HdrHistogram with 3 significant digits (percentiles within 0.1 %), while count, mean, min, max
 * and standard deviation stay exact (running sums).
 */
final class Series {

    /** Values kept exactly: 1,000,000 (8 MB). */
    static final int EXACT_LIMIT = 1_000_000;

    private final int exactLimit;
    private double[] values = new double[16];
    private int n;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    // Welford's running variance, exact in either mode.
    private double mean;
    private double m2;
    private DoubleHistogram histogram;

    Series() {
        this(EXACT_LIMIT);
    }

    Series(int exactLimit) {
        this.exactLimit = exactLimit;
    }

    void add(double v) {
        n++;
        sum += v;
        min = Math.min(min, v);
        max = Math.max(max, v);
        double d = v - mean;
        mean += d / n;
        m2 += d * (v - mean);
        if (histogram != null) {
            record(v);
            return;
        }
        if (n > exactLimit) {
            histogram = new DoubleHistogram(3);
            for (int i = 0; i < n - 1; i++) {
                record(values[i]);
            }
            values = null;
            record(v);
            return;
        }
        if (n > values.length) {
            values = Arrays.copyOf(values, Math.min(exactLimit, values.length * 2));
        }
        values[n - 1] = v;
    }

    private void record(double v) {
        // Latencies are >= 0; a histogram cannot hold negatives or zero-width ranges, so clamp tiny values.
        histogram.recordValue(Math.max(v, 1e-6));
    }

    int count() {
        return n;
    }

    boolean exact() {
        return histogram == null;
    }

    StatSummary summary() {
        if (n == 0) {
            return StatSummary.empty();
        }
        if (histogram == null) {
            return Stats.summarize(Arrays.copyOf(values, n));
        }
        double std = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0.0;
        return new StatSummary(sum / n, histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                histogram.getValueAtPercentile(95), histogram.getValueAtPercentile(99), min, max, std, n);
    }
}
