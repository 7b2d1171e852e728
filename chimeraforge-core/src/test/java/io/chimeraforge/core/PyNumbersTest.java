package io.chimeraforge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PyNumbers} against what CPython 3 prints. Every expected value below is CPython's own
 * output for the literal shown ({@code round(x, d)}, {@code f"{x:.{d}f}"}, {@code f"{x:.{d}%}"},
 * {@code repr(x)}); the interesting cases are exact binary ties and near-ties, where Java's
 * {@code String.format} / {@code Math.round} / {@code BigDecimal.valueOf} give a different answer.
 */
class PyNumbersTest {

    @ParameterizedTest(name = "round({0}, {1}) == {2}")
    @CsvSource({
        // 2.675 is 2.67499999999999982236431605997495353221893310546875 in binary
        "2.675, 2, 2.67",
        // 0.125 and 0.375 are exact binary ties: half-to-even
        "0.125, 2, 0.12",
        "0.375, 2, 0.38",
        "-2.675, 2, -2.67",
        "-0.125, 2, -0.12",
        "2.5, 0, 2.0",
        "-2.5, 0, -2.0",
        "0.5, 0, 0.0",
        "1.5, 0, 2.0",
        "1.005, 2, 1.0",
        "0.045, 2, 0.04",
        "0.0049999, 3, 0.005",
        "2586.849999, 1, 2586.8",
        "1234567.891, 2, 1234567.89",
        "123456789.125, 2, 123456789.12",
        "331776000.0, 2, 331776000.0",
        // beyond 2^52 at this scale the value is already an integer: returned unchanged
        "1000000000000000.2, 1, 1000000000000000.2",
        "1.0e300, 4, 1.0e300",
        "-1.0e300, 15, -1.0e300",
    })
    void roundMatchesPython(double x, int digits, double expected) {
        assertThat(PyNumbers.round(x, digits)).isEqualTo(expected);
    }

    @Test
    void roundKeepsTheSignOfANegativeValueThatRoundsToZero() {
        // Python: round(-0.01, 1) == -0.0 (and prints "-0.0")
        double r = PyNumbers.round(-0.01, 1);
        assertThat(r).isZero();
        assertThat(Double.doubleToRawLongBits(r)).isEqualTo(Double.doubleToRawLongBits(-0.0));
        double p = PyNumbers.round(0.01, 1);
        assertThat(Double.doubleToRawLongBits(p)).isEqualTo(Double.doubleToRawLongBits(0.0));
        // Near a tie the exact (BigDecimal) path decides, and BigDecimal has no negative zero:
        // Python: round(-5e-7, 6) == -0.0 (found by PyNumbersProperties with a random seed)
        assertThat(Double.doubleToRawLongBits(PyNumbers.round(-5e-7, 6))).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void roundPassesNonFiniteValuesThrough() {
        assertThat(PyNumbers.round(Double.NaN, 2)).isNaN();
        assertThat(PyNumbers.round(Double.POSITIVE_INFINITY, 2)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(PyNumbers.round(Double.NEGATIVE_INFINITY, 0)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void roundRefusesDigitsOutsideZeroToFifteen() {
        assertThatThrownBy(() -> PyNumbers.round(1.0, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digits");
        assertThatThrownBy(() -> PyNumbers.round(1.0, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("digits");
    }

    @ParameterizedTest(name = "f\"'{'{0}:.{1}f'}'\" == {2}")
    @CsvSource({
        "0.125, 2, 0.12",
        "2.5, 0, 2",
        "3.5, 0, 4",
        "1.5, 0, 2",
        "-0.4, 0, -0",
        "-0.5, 0, -0",
        "0.0, 2, 0.00",
        "-0.0, 1, -0.0",
        "1.005, 2, 1.00",
        "2.675, 2, 2.67",
        "-2.675, 2, -2.67",
        "1.0e20, 2, 100000000000000000000.00",
        "12345.6789, 3, 12345.679",
        "0.1, 20, 0.10000000000000000555",
        "4.9e-324, 3, 0.000",
        "-1.0e-9, 2, -0.00",
        "209.35, 1, 209.3",
        "0.05, 1, 0.1",
        "2586.8, 1, 2586.8",
        "1800.0, 0, 1800",
    })
    void fixedMatchesPython(double x, int digits, String expected) {
        assertThat(PyNumbers.fixed(x, digits)).isEqualTo(expected);
    }

    @Test
    void fixedSpellsNonFiniteValuesAsPythonDoes() {
        assertThat(PyNumbers.fixed(Double.NaN, 2)).isEqualTo("nan");
        assertThat(PyNumbers.fixed(Double.POSITIVE_INFINITY, 0)).isEqualTo("inf");
        assertThat(PyNumbers.fixed(Double.NEGATIVE_INFINITY, 1)).isEqualTo("-inf");
    }

    @ParameterizedTest(name = "f\"'{'{0}:.{1}%'}'\" == {2}")
    @CsvSource({
        "0.125, 1, 12.5%",
        "0.125, 0, 12%",
        "0.5, 0, 50%",
        "1.0, 0, 100%",
        "0.6117, 0, 61%",
        "0.25, 0, 25%",
        "0.045, 1, 4.5%",
        "0.035, 0, 4%",
        "0.145, 0, 14%",
        "0.285, 0, 28%",
        "0.0, 0, 0%",
        "-0.004, 0, -0%",
        "0.9, 0, 90%",
        "0.3, 0, 30%",
        "0.07, 0, 7%",
    })
    void percentMatchesPython(double x, int digits, String expected) {
        assertThat(PyNumbers.percent(x, digits)).isEqualTo(expected);
    }

    /**
     * CPython formats {@code '%'} by multiplying the double by 100 in floating point first
     * ({@code val *= 100} in {@code format_float_internal}) and then rounding that double
     * half-to-even; it does not scale the exact binary value. Where the float product lands on an
     * exact tie the two differ: {@code 0.015 * 100 == 1.5} in doubles, so Python prints
     * {@code "2%"}, while 0.015's exact binary value is 0.01499999999999999944... and rounds to 1.
     */
    @ParameterizedTest(name = "f\"'{'{0}:.{1}%'}'\" == {2}")
    @CsvSource({
        "0.005, 0, 0%",
        "0.015, 0, 2%",
        "0.025, 0, 2%",
    })
    void percentMultipliesTheDoubleBy100BeforeRoundingAsCPythonDoes(double x, int digits, String expected) {
        assertThat(PyNumbers.percent(x, digits)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "repr({0}) == {1}")
    @CsvSource({
        "1e-05, 1e-05",
        "1e16, 1e+16",
        "0.0001, 0.0001",
        "331776000.0, 331776000.0",
        "1e15, 1000000000000000.0",
        "123456789012345.6, 123456789012345.6",
        "1234567890123456.7, 1234567890123456.8",
        "2.5e-07, 2.5e-07",
        "12.8771, 12.8771",
        "46.7, 46.7",
        "1.152921504606846976e18, 1.152921504606847e+18",
        "4.9e-324, 5e-324",
        "1.7976931348623157e308, 1.7976931348623157e+308",
        "0.00012345, 0.00012345",
        "9.5e-05, 9.5e-05",
        "-1.5e16, -1.5e+16",
        "100.0, 100.0",
        "0.1, 0.1",
        "2586.8, 2586.8",
        "0.002, 0.002",
        "5e-05, 5e-05",
        "8.41e21, 8.41e+21",
        // JDK 17's Double.toString is not shortest here ("9.999999999999999E22", "2.82879384806159008E17")
        "1e23, 1e+23",
        "2.82879384806159e17, 2.82879384806159e+17",
        "0.3333333333333333, 0.3333333333333333",
        "9007199254740993.0, 9007199254740992.0",
    })
    void reprMatchesPython(double x, String expected) {
        assertThat(PyNumbers.repr(x)).isEqualTo(expected);
    }

    @Test
    void reprOfSumsAndSpecialValues() {
        assertThat(PyNumbers.repr(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PyNumbers.repr(0.0)).isEqualTo("0.0");
        assertThat(PyNumbers.repr(-0.0)).isEqualTo("-0.0");
        assertThat(PyNumbers.repr(Double.NaN)).isEqualTo("nan");
        assertThat(PyNumbers.repr(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(PyNumbers.repr(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @org.junit.jupiter.api.Test
    void largeValuesTakeTheExactPath() {
        // found by a jqwik seed: x * 100 lies just below 2^52, where the product's rounding error
        // (0.25) dwarfs the tie guard and the fast path chose the wrong neighbour
        org.assertj.core.api.Assertions.assertThat(PyNumbers.round(4.5035996273704984E13, 2))
                .isEqualTo(4.503599627370498E13);
        org.assertj.core.api.Assertions.assertThat(PyNumbers.fixed(4.5035996273704984E13, 2))
                .isEqualTo(new java.math.BigDecimal(4.5035996273704984E13)
                        .setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString());
    }
}
