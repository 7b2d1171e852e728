package io.chimeraforge.eval.rouge;

import io.chimeraforge.eval.internal.Mt19937;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Bootstrap confidence intervals over per-pair ROUGE scores, as rouge-score's
 * {@code BootstrapAggregator} computes them with numpy's legacy global RNG.
 *
 * <p>For each type (in {@link RougeType} order) and each of {@code nSamples} resamples, N pair
 * indices are drawn with replacement from one Mersenne Twister stream seeded with {@code seed};
 * the column means of each resample are collected and low / mid / high are their percentiles
 * (linear interpolation, numpy's default) at {@code 100·(1−c)/2}, 50 and {@code 100·(1−(1−c)/2)}.
 * With the same seed as {@code np.random.seed(seed)} the numbers are bit-identical to
 * rouge-score's.
 *
 * @param confidenceInterval the interval's coverage, in (0, 1); rouge-score's default 0.95
 * @param nSamples           resamples per type, at least 1; rouge-score's default 1000
 * @param seed               the numpy seed, 0 to 2^32 − 1
 */
public record BootstrapAggregator(double confidenceInterval, int nSamples, long seed) {

    /** rouge-score's default coverage. */
    public static final double DEFAULT_CONFIDENCE_INTERVAL = 0.95;
    /** rouge-score's default number of resamples. */
    public static final int DEFAULT_N_SAMPLES = 1000;

    /** Validates the ranges. */
    public BootstrapAggregator {
        if (!(confidenceInterval > 0 && confidenceInterval < 1)) {
            throw new IllegalArgumentException(
                    "confidenceInterval must be in (0, 1), got " + confidenceInterval);
        }
        if (nSamples < 1) {
            throw new IllegalArgumentException("nSamples must be >= 1, got " + nSamples);
        }
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 4294967295, got " + seed);
        }
    }

    /** The defaults (0.95, 1000 resamples) with the given seed. */
    public static BootstrapAggregator withSeed(long seed) {
        return new BootstrapAggregator(DEFAULT_CONFIDENCE_INTERVAL, DEFAULT_N_SAMPLES, seed);
    }

    /**
     * Aggregates per-pair scores. Every element must hold the same types.
     *
     * @throws IllegalArgumentException when {@code pairs} is empty or the types differ
     */
    public Map<RougeType, AggregateScore> aggregate(List<RougeScores> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("nothing to aggregate: pairs is empty");
        }
        var types = pairs.get(0).scores().keySet();
        for (RougeScores s : pairs) {
            if (!s.scores().keySet().equals(types)) {
                throw new IllegalArgumentException("all pairs must hold the same ROUGE types");
            }
        }
        Mt19937 rng = new Mt19937(seed);
        int n = pairs.size();
        double delta = (1 - confidenceInterval) / 2;
        double[] quantiles = {delta * 100, 50, (1 - delta) * 100};
        Map<RougeType, AggregateScore> out = new EnumMap<>(RougeType.class);
        for (RougeType type : types) {
            double[][] matrix = new double[n][3];
            for (int i = 0; i < n; i++) {
                RougeScore s = pairs.get(i).require(type);
                matrix[i][0] = s.precision();
                matrix[i][1] = s.recall();
                matrix[i][2] = s.fmeasure();
            }
            double[][] means = new double[3][nSamples];
            int[] sample = new int[n];
            for (int k = 0; k < nSamples; k++) {
                for (int i = 0; i < n; i++) {
                    sample[i] = rng.nextBounded(n);
                }
                for (int c = 0; c < 3; c++) {
                    double sum = 0.0;
                    for (int i = 0; i < n; i++) {
                        sum += matrix[sample[i]][c];
                    }
                    means[c][k] = sum / n;
                }
            }
            RougeScore[] bounds = new RougeScore[3];
            for (int q = 0; q < 3; q++) {
                double[] v = new double[3];
                for (int c = 0; c < 3; c++) {
                    double[] sorted = means[c].clone();
                    Arrays.sort(sorted);
                    v[c] = percentile(sorted, quantiles[q]);
                }
                bounds[q] = new RougeScore(v[0], v[1], v[2]);
            }
            out.put(type, new AggregateScore(bounds[0], bounds[1], bounds[2]));
        }
        return out;
    }

    /** The first resample's indices for the given pair count (checks the RNG alone). */
    public int[] firstResampleIndices(int pairCount) {
        Mt19937 rng = new Mt19937(seed);
        int[] out = new int[pairCount];
        for (int i = 0; i < pairCount; i++) {
            out[i] = rng.nextBounded(pairCount);
        }
        return out;
    }

    /** Plain arithmetic means per type (left-to-right sum / N), no resampling. */
    public static Map<RougeType, RougeScore> mean(List<RougeScores> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("nothing to average: pairs is empty");
        }
        Map<RougeType, RougeScore> out = new EnumMap<>(RougeType.class);
        for (RougeType type : pairs.get(0).scores().keySet()) {
            double p = 0;
            double r = 0;
            double f = 0;
            for (RougeScores s : pairs) {
                RougeScore x = s.require(type);
                p += x.precision();
                r += x.recall();
                f += x.fmeasure();
            }
            int n = pairs.size();
            out.put(type, new RougeScore(p / n, r / n, f / n));
        }
        return out;
    }

    /** numpy's default ("linear", R-7) percentile of an ascending array, with its interpolation form. */
    static double percentile(double[] sorted, double q) {
        double h = (sorted.length - 1) * (q / 100);
        int i = (int) Math.floor(h);
        if (i >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double t = h - i;
        double a = sorted[i];
        double b = sorted[i + 1];
        // numpy lerps from whichever end is nearer, which changes the last bit
        return t < 0.5 ? a + (b - a) * t : b - (b - a) * (1 - t);
    }
}
