package io.chimeraforge.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Number rounding and formatting that reproduces the reference implementation's Python output
 * exactly, so that files and figures compare equal between the two tools.
 *
 * <p>Python rounds the exact binary value of a double half-to-even, both in {@code round(x, n)}
 * and in format specs such as {@code f"{x:.1f}"}. Java's {@code Math.round}, {@code
 * String.format} and {@code BigDecimal.valueOf} round the shortest decimal form half-up, which
 * differs on exact ties ({@code round(2.675, 2)} is {@code 2.67} in Python). Every place that
 * must match a reference figure goes through this class.
 */
public final class PyNumbers {

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
    };
    /**
     * Below this distance from a half the fast path cannot trust the scaled product. It holds only
     * while the product's rounding error (half an ulp) is smaller, i.e. below 2^32.
     */
    private static final double TIE_GUARD = 1e-6;

    private PyNumbers() {
    }

    /**
     * Python's {@code round(x, digits)} for {@code digits} in 0..15.
     *
     * <p>Fast path: scale, round to an integer, divide back. The division of two exactly
     * representable values is correctly rounded, so the result is the double nearest the decimal;
     * only the integer choice can be wrong, and only when the scaled value sits within a rounding
     * error of a half. Those cases go through {@link BigDecimal} on the exact binary value.
     *
     * @param x      the value; NaN and infinities are returned unchanged
     * @param digits decimal places, 0 to 15
     * @return the double nearest to {@code x} rounded half-to-even at {@code digits} places
     */
    public static double round(double x, int digits) {
        if (digits < 0 || digits >= POWERS_OF_TEN.length) {
            throw new IllegalArgumentException("digits must be between 0 and 15, got " + digits);
        }
        if (!Double.isFinite(x) || x == 0.0) {
            return x;
        }
        double scale = POWERS_OF_TEN[digits];
        double scaled = x * scale;
        if (Math.abs(scaled) >= 0x1p32) {
            // the product's rounding error (half an ulp of it) can exceed the tie guard here, and
            // beyond 2^52 the value need not sit on the decimal grid: take the exact path
            return signed(exact(x, digits).doubleValue(), x);
        }
        double floor = Math.floor(scaled);
        double fraction = scaled - floor;
        if (Math.abs(fraction - 0.5) > TIE_GUARD) {
            double whole = fraction < 0.5 ? floor : floor + 1.0;
            return signed(whole / scale, x);
        }
        return signed(exact(x, digits).doubleValue(), x); // BigDecimal has no negative zero
    }

    /** Keeps the sign of a value that rounds to zero, as Python does ({@code round(-0.01, 1) == -0.0}). */
    private static double signed(double rounded, double original) {
        return rounded == 0.0 ? Math.copySign(0.0, original) : rounded;
    }

    private static BigDecimal exact(double x, int digits) {
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN);
    }

    /**
     * Python's {@code f"{x:.{digits}f}"}: fixed notation, half-to-even on the exact binary value,
     * {@code "-0"} kept for small negatives, {@code inf}/{@code nan} spelled as Python does.
     */
    public static String fixed(double x, int digits) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String fast = fastFixed(x, digits, digits);
        if (fast != null) {
            return fast;
        }
        String text = exact(x, digits).toPlainString();
        boolean negative = x < 0 || (x == 0.0 && 1.0 / x < 0);
        if (negative && !text.startsWith("-")) {
            text = "-" + text;
        }
        return text;
    }

    /**
     * The fast path of {@link #fixed} and {@link #percent}: rounds {@code x * 10^scalePower} to an
     * integer and shows it with {@code digits} decimals. Returns null when the scaled value is
     * too large or within rounding error of a tie, where only the exact path is right.
     */
    private static String fastFixed(double x, int digits, int scalePower) {
        if (scalePower < 0 || scalePower >= POWERS_OF_TEN.length) {
            return null;
        }
        double scaled = x * POWERS_OF_TEN[scalePower];
        if (!(Math.abs(scaled) < 0x1p32)) {
            return null; // above 2^32 the product's own rounding error can exceed the tie guard
        }
        double floor = Math.floor(scaled);
        double fraction = scaled - floor;
        if (Math.abs(fraction - 0.5) <= TIE_GUARD) {
            return null;
        }
        long whole = (long) (fraction < 0.5 ? floor : floor + 1.0);
        boolean negative = x < 0 || (x == 0.0 && 1.0 / x < 0);
        String magnitude = Long.toString(Math.abs(whole));
        StringBuilder out = new StringBuilder(magnitude.length() + 3);
        if (negative) {
            out.append('-');
        }
        if (digits == 0) {
            return out.append(magnitude).toString();
        }
        if (magnitude.length() <= digits) {
            out.append("0.");
            for (int i = magnitude.length(); i < digits; i++) {
                out.append('0');
            }
            return out.append(magnitude).toString();
        }
        int point = magnitude.length() - digits;
        return out.append(magnitude, 0, point).append('.').append(magnitude, point, magnitude.length()).toString();
    }

    /**
     * Python's {@code f"{x:.{digits}%}"}: CPython multiplies the double by 100 in floating point
     * first, then formats that product as {@link #fixed} does ({@code f"{0.005:.0%}"} is
     * {@code "0%"}, because 0.005 x 100 is 0.5 exactly and rounds to even).
     */
    public static String percent(double x, int digits) {
        return fixed(x * 100, digits) + "%";
    }

    /**
     * Python's {@code repr(float)} (also {@code str(float)}): the shortest decimal that reads back
     * to the same double, in fixed notation for decimal exponents from -4 to 15 and in scientific
     * notation otherwise ({@code 1e-05}, {@code 1e+16}).
     */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0.0) {
            return 1.0 / x < 0 ? "-0.0" : "0.0";
        }
        String plain = Double.toString(x);
        if (plain.indexOf('E') < 0 && significantDigits(plain) <= 15) {
            return plain; // 1e-3 <= |x| < 1e7 with a short form: Java and Python print it alike
        }
        BigDecimal shortest = shortest(x);
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // decimal exponent of the first digit
        String sign = x < 0 ? "-" : "";
        if (exponent >= -5 + 1 && exponent < 16) {
            return sign + fixedFromDigits(digits, exponent);
        }
        StringBuilder out = new StringBuilder(sign).append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) {
            out.append('0');
        }
        return out.append(magnitude).toString();
    }

    private static String fixedFromDigits(String digits, int exponent) {
        StringBuilder out = new StringBuilder();
        if (exponent < 0) {
            out.append("0.");
            out.append("0".repeat(-exponent - 1)).append(digits);
            return out.toString();
        }
        if (digits.length() <= exponent + 1) {
            out.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
            return out.toString();
        }
        out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        return out.toString();
    }

    private static int significantDigits(String plain) {
        int count = 0;
        boolean leading = true;
        int lastNonZero = 0;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            if (leading && c == '0') {
                continue;
            }
            leading = false;
            count++;
            if (c != '0') {
                lastNonZero = count;
            }
        }
        return lastNonZero;
    }

    /** The shortest decimal (fewest significant digits, nearest on ties) that parses back to x. */
    private static BigDecimal shortest(double x) {
        String plain = Double.toString(x);
        if (plain.indexOf('E') < 0 && significantDigits(plain) <= 15) {
            // JDK 17's occasional over-long output only happens at 16-17 significant digits
            return new BigDecimal(plain).stripTrailingZeros();
        }
        // Double.toString always round-trips; on JDK 17 it is occasionally one digit longer than
        // needed, so try fewer digits first. Rounding the exact value gives the nearest candidate.
        BigDecimal exactValue = new BigDecimal(x);
        BigDecimal viaToString = new BigDecimal(Double.toString(x)).stripTrailingZeros();
        int upper = viaToString.precision();
        for (int precision = Math.max(1, upper - 2); precision < upper; precision++) {
            BigDecimal candidate = exactValue.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == x) {
                return candidate.stripTrailingZeros();
            }
        }
        return viaToString;
    }
}
