package io.chimeraforge.planner.workload.internal;

import java.math.BigInteger;

/**
 * Python's built-in {@code sum()} over JSON numbers, in order: integers add exactly until the first
 * float, from which point the running total is a float. The prefix-cache hit rate divides two such
 * sums, so matching the reference to four places needs the same arithmetic.
 */
public final class PythonSum {

    private BigInteger whole = BigInteger.ZERO;
    private long small;
    private boolean isFloat;
    private double floating;

    /** Adds a JSON integer. */
    public void addInteger(long v) {
        if (isFloat) {
            floating += (double) v;
            return;
        }
        long s = small + v;
        if (((small ^ s) & (v ^ s)) < 0) { // overflow: carry into the big integer
            whole = whole.add(BigInteger.valueOf(small)).add(BigInteger.valueOf(v));
            small = 0;
        } else {
            small = s;
        }
    }

    /** Adds a JSON integer too large for a {@code long}. */
    public void addInteger(BigInteger v) {
        if (isFloat) {
            floating += v.doubleValue();
        } else {
            whole = whole.add(v);
        }
    }

    /** Adds a JSON float. */
    public void addFloat(double v) {
        if (!isFloat) {
            isFloat = true;
            floating = integerTotal().doubleValue() + v;
        } else {
            floating += v;
        }
    }

    private BigInteger integerTotal() {
        return whole.add(BigInteger.valueOf(small));
    }

    /** The total as Python would hold it, converted to a double. */
    public double value() {
        return isFloat ? floating : integerTotal().doubleValue();
    }
}
