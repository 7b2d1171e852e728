package io.chimeraforge.report.internal;

import java.util.Optional;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.moment.Variance;

/** Welch's t interval for the difference of two means with unequal variances. */
public final class Welch {

    private Welch() {
    }

    /**
     * The two-sided interval of {@code mean(b) − mean(a)} at {@code confidence}, or empty when a
     * side has fewer than two values. Identical constant samples give a zero-width interval.
     *
     * @return {@code [low, high]}
     */
    public static Optional<double[]> differenceOfMeans(double[] a, double[] b, double confidence) {
        if (a.length < 2 || b.length < 2) {
            return Optional.empty();
        }
        double va = new Variance(true).evaluate(a) / a.length;
        double vb = new Variance(true).evaluate(b) / b.length;
        double diff = mean(b) - mean(a);
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return Optional.of(new double[] {diff, diff});
        }
        // Welch–Satterthwaite degrees of freedom
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double t = new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return Optional.of(new double[] {diff - t * se, diff + t * se});
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
