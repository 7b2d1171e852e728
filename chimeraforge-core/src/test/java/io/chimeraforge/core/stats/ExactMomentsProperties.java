package io.chimeraforge.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The superaccumulator agrees with plain {@link BigDecimal} arithmetic on any finite doubles. */
class ExactMomentsProperties {

    @Provide
    Arbitrary<List<Double>> values() {
        Arbitrary<Double> any = Arbitraries.doubles().filter(Double::isFinite);
        Arbitrary<Double> tokens = Arbitraries.integers().between(-5, 100_000).map(Integer::doubleValue);
        Arbitrary<Double> gaps = Arbitraries.doubles().between(1e-6, 1e4).ofScale(9);
        Arbitrary<Double> extremes = Arbitraries.of(Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE / 1e3,
                0x1p-1022, 1e300, -1e300, 0.1, 0.0, -0.0, 1.0);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(3, tokens), net.jqwik.api.Tuple.of(3, gaps),
                net.jqwik.api.Tuple.of(1, extremes)).list().ofMinSize(1).ofMaxSize(200);
    }

    @Property(tries = 300)
    void sumMeanAndVarianceAreExact(@ForAll("values") List<Double> xs) {
        ExactMoments m = new ExactMoments();
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal squares = BigDecimal.ZERO;
        for (double x : xs) {
            m.add(x);
            BigDecimal e = new BigDecimal(x);
            sum = sum.add(e);
            squares = squares.add(e.multiply(e));
        }
        assertThat(m.exactSum().compareTo(sum)).isZero();
        BigDecimal n = BigDecimal.valueOf(xs.size());
        MathContext mc = new MathContext(40);
        assertThat(m.mean()).isEqualTo(sum.divide(n, mc).doubleValue());
        assertThat(m.populationVariance())
                .isEqualTo(n.multiply(squares).subtract(sum.multiply(sum)).divide(n.multiply(n), mc).doubleValue());
    }

    @Property(tries = 50)
    void identicalValuesHaveExactlyZeroVariance(@ForAll("values") List<Double> seed) {
        ExactMoments m = new ExactMoments();
        for (int i = 0; i < 1000; i++) {
            m.add(seed.get(0));
        }
        assertThat(m.populationVariance()).isEqualTo(0.0);
    }
}
