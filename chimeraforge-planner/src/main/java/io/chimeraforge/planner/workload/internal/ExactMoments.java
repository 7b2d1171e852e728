package io.chimeraforge.planner.workload.internal;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Sum and sum of squares of doubles kept exactly, so that the mean and the population variance are
 * the exact values correctly rounded to a double, as Python's {@code statistics.mean} and
 * {@code statistics.pvariance} return them (both work in exact fractions). A naive double sum over
 * a million gaps would drift in the last digits, and a CV² rounded to four places can then differ
 * from the reference's.
 *
 * <p>Whole numbers below 2<sup>31</sup> (token counts, the common case) are summed in {@code long}s;
 * anything else, or an overflow, goes to {@link BigDecimal}, where every double is exact.
 */
public final class ExactMoments {

    private static final MathContext QUOTIENT = new MathContext(40);
    private static final double SMALL_WHOLE = 0x1p31;

    private long count;
    private long smallSum;
    private long smallSquares;
    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal squares = BigDecimal.ZERO;

    /** Adds one value; it must be finite. */
    public void add(double x) {
        count++;
        if (x == Math.rint(x) && Math.abs(x) < SMALL_WHOLE) {
            long v = (long) x;
            long square = v * v; // < 2^62: cannot overflow
            try {
                long s = Math.addExact(smallSum, v);
                long q = Math.addExact(smallSquares, square);
                smallSum = s;
                smallSquares = q;
                return;
            } catch (ArithmeticException overflow) {
                spill();
                // fall through to the exact path with the totals moved out of the longs
            }
        }
        BigDecimal exact = new BigDecimal(x);
        sum = sum.add(exact);
        squares = squares.add(exact.multiply(exact));
    }

    private void spill() {
        sum = sum.add(BigDecimal.valueOf(smallSum));
        squares = squares.add(BigDecimal.valueOf(smallSquares));
        smallSum = 0;
        smallSquares = 0;
    }

    /** How many values were added. */
    public long count() {
        return count;
    }

    /** The exact sum. */
    public BigDecimal exactSum() {
        return sum.add(BigDecimal.valueOf(smallSum));
    }

    /** The mean, exact then rounded to a double; NaN when nothing was added. */
    public double mean() {
        if (count == 0) {
            return Double.NaN;
        }
        return exactSum().divide(BigDecimal.valueOf(count), QUOTIENT).doubleValue();
    }

    /**
     * The population variance Σ(x − mean)²/n, exact then rounded to a double; NaN when nothing was
     * added. Computed as (n·Σx² − (Σx)²)/n², which is exact in {@link BigDecimal}.
     */
    public double populationVariance() {
        if (count == 0) {
            return Double.NaN;
        }
        BigDecimal n = BigDecimal.valueOf(count);
        BigDecimal total = exactSum();
        BigDecimal sq = squares.add(BigDecimal.valueOf(smallSquares));
        BigDecimal numerator = n.multiply(sq).subtract(total.multiply(total));
        return numerator.divide(n.multiply(n), QUOTIENT).doubleValue();
    }

    /**
     * Python's {@code pvariance(xs) / mean(xs) ** 2} (both exact, then rounded, then divided in
     * doubles); empty when nothing was added or the mean is not positive.
     */
    public java.util.OptionalDouble squaredCoefficientOfVariation() {
        double mean = mean();
        if (count == 0 || !(mean > 0)) {
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of(populationVariance() / (mean * mean));
    }
}
