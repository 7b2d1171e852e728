package io.chimeraforge.report;

import io.chimeraforge.core.stats.ExactMoments;
import java.util.Objects;

/**
 * How far predictions are from measurements: root-mean-square error, mean absolute error, mean
 * absolute percentage error and the coefficient of determination, with the reference's
 * conventions for the edge cases (so the same series gives the same figures in both tools).
 *
 * <ul>
 *   <li>Both series must have the same length; empty series give 0.0 for every statistic.</li>
 *   <li>{@link #mape} is a fraction (0.75 means 75 %) over the pairs whose actual value is not zero;
 *       with no such pair it is 0.0.</li>
 *   <li>{@link #rSquared} is 1 − SS<sub>res</sub>/SS<sub>tot</sub> around the mean of the actual
 *       values; it is 0.0 when the actual values are all equal, and can be negative.</li>
 * </ul>
 *
 * <p>Means are exact sums correctly rounded (Python's {@code statistics.mean}); the sums of squares
 * in R² run left to right in doubles. Both as the reference computes them, so figures agree to the
 * last bit.
 *
 * @param rmse      root-mean-square error, in the series' unit
 * @param mae       mean absolute error, in the series' unit
 * @param mape      mean absolute percentage error, as a fraction
 * @param rSquared  coefficient of determination
 * @param nSamples  number of pairs
 */
public record Accuracy(double rmse, double mae, double mape, double rSquared, int nSamples) {

    /**
     * Every statistic of {@code predicted} against {@code actual}.
     *
     * @throws IllegalArgumentException "Length mismatch: actual=N, predicted=M" when the lengths differ
     * @throws NullPointerException     when either series is null
     */
    public static Accuracy of(double[] actual, double[] predicted) {
        check(actual, predicted);
        return new Accuracy(rmse(actual, predicted), mae(actual, predicted), mape(actual, predicted),
                rSquared(actual, predicted), actual.length);
    }

    /** Root-mean-square error: sqrt(mean((a − p)²)); 0.0 for empty series. */
    public static double rmse(double[] actual, double[] predicted) {
        check(actual, predicted);
        if (actual.length == 0) {
            return 0.0;
        }
        ExactMoments squares = new ExactMoments();
        for (int i = 0; i < actual.length; i++) {
            double d = actual[i] - predicted[i];
            squares.add(d * d);
        }
        return Math.sqrt(squares.mean());
    }

    /** Mean absolute error: mean(|a − p|); 0.0 for empty series. */
    public static double mae(double[] actual, double[] predicted) {
        check(actual, predicted);
        if (actual.length == 0) {
            return 0.0;
        }
        ExactMoments errors = new ExactMoments();
        for (int i = 0; i < actual.length; i++) {
            errors.add(Math.abs(actual[i] - predicted[i]));
        }
        return errors.mean();
    }

    /** Mean absolute percentage error as a fraction, over pairs with a non-zero actual; else 0.0. */
    public static double mape(double[] actual, double[] predicted) {
        check(actual, predicted);
        ExactMoments ratios = new ExactMoments();
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] != 0) {
                ratios.add(Math.abs(actual[i] - predicted[i]) / Math.abs(actual[i]));
            }
        }
        return ratios.count() == 0 ? 0.0 : ratios.mean();
    }

    /** Coefficient of determination; 0.0 for empty series or constant actual values. */
    public static double rSquared(double[] actual, double[] predicted) {
        check(actual, predicted);
        if (actual.length == 0) {
            return 0.0;
        }
        ExactMoments values = new ExactMoments();
        for (double a : actual) {
            values.add(a);
        }
        double mean = values.mean();
        double ssTot = 0;
        double ssRes = 0;
        for (int i = 0; i < actual.length; i++) {
            ssTot += (actual[i] - mean) * (actual[i] - mean);
            ssRes += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
        }
        return ssTot == 0 ? 0.0 : 1 - ssRes / ssTot;
    }

    private static void check(double[] actual, double[] predicted) {
        Objects.requireNonNull(actual, "actual");
        Objects.requireNonNull(predicted, "predicted");
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException("Length mismatch: actual=" + actual.length + ", predicted="
                    + predicted.length);
        }
    }
}
