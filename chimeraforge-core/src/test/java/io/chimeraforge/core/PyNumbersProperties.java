package io.chimeraforge.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link PyNumbers} against the definition of Python's behaviour: {@code round}
 * and {@code :.Nf} round the exact binary value half-to-even (which {@link BigDecimal} of the
 * double reproduces), and {@code repr} is the shortest decimal that reads back to the same double.
 *
 * <p>The generator mixes arbitrary doubles with short decimals and exact binary ties (k/8, k/1024),
 * since those are where a naive implementation goes wrong.
 */
class PyNumbersProperties {

    @Provide
    Arbitrary<Double> values() {
        return Arbitraries.oneOf(
                Arbitraries.longs().withDistribution(RandomDistribution.uniform()).map(Double::longBitsToDouble),
                Arbitraries.doubles().between(-1e6, 1e6).ofScale(9),
                Arbitraries.doubles().between(-1e-3, 1e-3).ofScale(12),
                Arbitraries.doubles().between(-1e3, 1e3).ofScale(3),
                Arbitraries.integers().between(-10_000_000, 10_000_000).map(i -> i / 1000.0),
                Arbitraries.integers().between(-10_000_000, 10_000_000).map(i -> i / 8.0),
                Arbitraries.integers().between(-10_000_000, 10_000_000).map(i -> i / 1024.0),
                Arbitraries.longs().between(-(1L << 60), 1L << 60).map(l -> (double) l))
                .filter(Double::isFinite);
    }

    @Property(tries = 400)
    void roundEqualsHalfEvenOnTheExactBinaryValue(@ForAll("values") double x, @ForAll @IntRange(min = 0, max = 6) int d) {
        double expected = new BigDecimal(x).setScale(d, RoundingMode.HALF_EVEN).doubleValue();
        double actual = PyNumbers.round(x, d);
        assertThat(actual == expected).as("round(%s, %d): expected %s, got %s", x, d, expected, actual).isTrue();
        if (actual == 0.0) {
            // Python keeps the sign: round(-0.01, 1) == -0.0
            assertThat(Math.copySign(1.0, actual)).as("sign of round(%s, %d)", x, d).isEqualTo(Math.copySign(1.0, x));
        }
    }

    @Property(tries = 400)
    void fixedEqualsTheBigDecimalPlainString(@ForAll("values") double x, @ForAll @IntRange(min = 0, max = 6) int d) {
        String expected = new BigDecimal(x).setScale(d, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = x < 0 || Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(-0.0);
        if (negative && !expected.startsWith("-")) {
            expected = "-" + expected; // Python: f"{-0.4:.0f}" == "-0"
        }
        assertThat(PyNumbers.fixed(x, d)).as("f\"{%s:.%df}\"", x, d).isEqualTo(expected);
    }

    @Property(tries = 400)
    void reprReadsBackAndIsNoLongerThanDoubleToString(@ForAll("values") double x) {
        String repr = PyNumbers.repr(x);
        assertThat(Double.parseDouble(repr)).as("repr(%s) = %s reads back", x, repr).isEqualTo(x);
        assertThat(significantDigits(repr)).as("digits of repr(%s) = %s", x, repr)
                .isLessThanOrEqualTo(significantDigits(Double.toString(x)));
        double magnitude = Math.abs(x);
        boolean scientific = x != 0 && (magnitude < 1e-4 || magnitude >= 1e16);
        if (scientific) {
            assertThat(repr).matches("-?\\d(\\.\\d+)?e[+-]\\d{2,3}");
        } else {
            assertThat(repr).matches("-?\\d+\\.\\d+");
        }
    }

    /** Significant digits of a decimal string (mantissa only; trailing zeros not counted). */
    private static int significantDigits(String text) {
        String mantissa = text.toLowerCase().split("e")[0].replace("-", "").replace(".", "");
        mantissa = mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
        return Math.max(mantissa.length(), 1);
    }
}
