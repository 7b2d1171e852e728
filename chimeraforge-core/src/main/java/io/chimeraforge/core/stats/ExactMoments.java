package io.chimeraforge.core.stats;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.OptionalDouble;

/**
 * Sum and sum of squares of doubles kept exactly, so that the mean and the population variance are
 * the exact values correctly rounded to a double, as Python's {@code statistics.mean} and
 * {@code statistics.pvariance} return them (both work in exact fractions). A plain double sum over
 * a million gaps drifts in the last digits, and a CV² rounded to four places can then differ from
 * the reference's; exact evenly spaced arrivals must give exactly 0, not ±1e-20.
 *
 * <p>Each double is an integer mantissa times a power of two, so both sums are kept as one wide
 * fixed-point integer in 32-bit limbs (a "superaccumulator"): adding a value or its square touches
 * at most five limbs, with no allocation, about as fast as a double addition and a hundred times
 * faster than {@link BigDecimal}. Limbs carry 31 bits of headroom and are normalised before they
 * could overflow.
 */
public final class ExactMoments {

    private static final MathContext QUOTIENT = new MathContext(40);

    private final Accumulator sum = new Accumulator();
    private final Accumulator squares = new Accumulator();
    private long count;
    private boolean nonFinite;
    private double naiveSum;

    /** Adds one value. A non-finite value makes the mean and variance non-finite, as in Python. */
    public void add(double x) {
        count++;
        if (!Double.isFinite(x)) {
            nonFinite = true;
            naiveSum += x;
            return;
        }
        long bits = Double.doubleToRawLongBits(x);
        int biased = (int) (bits >>> 52) & 0x7FF;
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        int exponent;
        if (biased == 0) {
            exponent = -1074; // subnormal
        } else {
            mantissa |= 1L << 52;
            exponent = biased - 1075;
        }
        if (mantissa == 0) {
            return;
        }
        int sign = bits < 0 ? -1 : 1;
        // strip trailing zero bits so squares of small integers stay narrow
        int tz = Long.numberOfTrailingZeros(mantissa);
        mantissa >>>= tz;
        exponent += tz;
        sum.add(sign, 0, mantissa, exponent);
        squares.add(1, Math.multiplyHigh(mantissa, mantissa), mantissa * mantissa, 2 * exponent);
    }

    /** How many values were added. */
    public long count() {
        return count;
    }

    /** The exact sum. */
    public BigDecimal exactSum() {
        return sum.value();
    }

    /** The mean, exact then rounded to a double; NaN when nothing was added. */
    public double mean() {
        if (count == 0) {
            return Double.NaN;
        }
        if (nonFinite) {
            return naiveSum / count;
        }
        return exactSum().divide(BigDecimal.valueOf(count), QUOTIENT).doubleValue();
    }

    /**
     * The population variance Σ(x − mean)²/n, exact then rounded to a double; NaN when nothing was
     * added. Computed as (n·Σx² − (Σx)²)/n², which is exact on exact sums.
     */
    public double populationVariance() {
        if (count == 0 || nonFinite) {
            return Double.NaN;
        }
        BigDecimal n = BigDecimal.valueOf(count);
        BigDecimal total = exactSum();
        BigDecimal numerator = n.multiply(squares.value()).subtract(total.multiply(total));
        return numerator.divide(n.multiply(n), QUOTIENT).doubleValue();
    }

    /**
     * Python's {@code pvariance(xs) / mean(xs) ** 2} (both exact, then rounded, then divided in
     * doubles); empty when nothing was added or the mean is not positive.
     */
    public OptionalDouble squaredCoefficientOfVariation() {
        double mean = mean();
        if (count == 0 || !(mean > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(populationVariance() / (mean * mean));
    }

    /** A signed fixed-point integer of 32-bit limbs, weight 2^(32·i + BASE) for limb i. */
    private static final class Accumulator {
        /** Lowest weight: below the square of the smallest subnormal, 2^-2148. */
        private static final int BASE = -2176;
        /** Enough limbs for the square of the largest double, below 2^2048, with room for carries. */
        private static final int LIMBS = (2200 - BASE) / 32 + 6;
        /** Adds between normalisations: each adds < 2^32 to a limb, which holds 2^63. */
        private static final int HEADROOM = 1 << 30;

        private final long[] limbs = new long[LIMBS];
        private int pending;

        /** Adds sign · (hi·2^64 + lo, both unsigned) · 2^exponent. */
        void add(int sign, long hi, long lo, int exponent) {
            int offset = exponent - BASE;
            int limb = offset >>> 5;
            int shift = offset & 31;
            // the 128-bit value shifted left by 'shift' spans at most five 32-bit chunks
            long c0 = (lo << shift) & 0xFFFF_FFFFL;
            long c1 = shift == 0 ? lo >>> 32 : ((lo >>> (32 - shift)) & 0xFFFF_FFFFL);
            long c2 = shift == 0 ? hi & 0xFFFF_FFFFL : (((lo >>> (64 - shift)) | (hi << shift)) & 0xFFFF_FFFFL);
            long c3 = shift == 0 ? hi >>> 32 : ((hi >>> (32 - shift)) & 0xFFFF_FFFFL);
            long c4 = shift == 0 ? 0 : hi >>> (64 - shift);
            limbs[limb] += sign * c0;
            limbs[limb + 1] += sign * c1;
            if ((c2 | c3 | c4) != 0) {
                limbs[limb + 2] += sign * c2;
                limbs[limb + 3] += sign * c3;
                limbs[limb + 4] += sign * c4;
            }
            if (++pending == HEADROOM) {
                normalise();
            }
        }

        /** Carries every limb's excess into the next, leaving limbs in [0, 2^32) but the top one. */
        private void normalise() {
            for (int i = 0; i < LIMBS - 1; i++) {
                long carry = limbs[i] >> 32; // arithmetic: negative limbs borrow
                limbs[i] -= carry << 32;
                limbs[i + 1] += carry;
            }
            pending = 0;
        }

        BigDecimal value() {
            BigInteger total = BigInteger.ZERO;
            for (int i = LIMBS - 1; i >= 0; i--) {
                total = total.shiftLeft(32).add(BigInteger.valueOf(limbs[i]));
            }
            if (total.signum() == 0) {
                return BigDecimal.ZERO;
            }
            // total · 2^BASE = total · 5^-BASE / 10^-BASE
            int lowZeros = total.getLowestSetBit();
            total = total.shiftRight(lowZeros);
            int exponent = BASE + lowZeros;
            if (exponent >= 0) {
                return new BigDecimal(total.shiftLeft(exponent));
            }
            return new BigDecimal(total.multiply(BigInteger.valueOf(5).pow(-exponent)), -exponent);
        }
    }
}
