package io.chimeraforge.planner.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.planner.fleet.internal.MixSolver;
import io.chimeraforge.planner.fleet.internal.MixSolver.Option;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Fleet mixes: spec planner-extensions §3.6 items 1–3, and the exact search against brute force. */
class MixSolverTest {

    private static final Option BIG = new Option(100, 1000);
    private static final Option SMALL = new Option(10, 200);

    private static double cost(List<Option> options, int[] counts) {
        double c = 0;
        for (int i = 0; i < counts.length; i++) {
            c += counts[i] * options.get(i).cost();
        }
        return c;
    }

    private static double served(List<Option> options, int[] counts) {
        double s = 0;
        for (int i = 0; i < counts.length; i++) {
            s += counts[i] * options.get(i).rate();
        }
        return s;
    }

    @Test
    void referenceMixCoversDemandCheaply() {
        List<Option> both = List.of(BIG, SMALL);
        assertThat(MixSolver.referenceMix(both, 100)).hasValueSatisfying(c -> assertThat(c).containsExactly(1, 0));
        assertThat(MixSolver.referenceMix(both, 105)).hasValueSatisfying(c -> assertThat(c).containsExactly(1, 1));
        assertThat(MixSolver.referenceMix(both, 101).map(c -> cost(both, c))).hasValue(1200.0);
        for (double demand : new double[] {5, 55, 100, 137, 260}) {
            int[] c = MixSolver.referenceMix(both, demand).orElseThrow();
            assertThat(served(both, c)).isGreaterThanOrEqualTo(0.999 * demand);
        }
        for (double demand : new double[] {17, 63, 128, 205}) {
            double brute = Double.POSITIVE_INFINITY;
            for (int b = 0; b <= 4; b++) {
                for (int s = 0; s < 40; s++) {
                    if (b * 100 + s * 10 >= demand) {
                        brute = Math.min(brute, b * 1000 + s * 200);
                    }
                }
            }
            assertThat(cost(both, MixSolver.referenceMix(both, demand).orElseThrow())).isEqualTo(brute);
        }
    }

    @Test
    void singleTypeAndRefusals() {
        List<Option> small = List.of(SMALL);
        assertThat(MixSolver.referenceMix(small, 10)).hasValueSatisfying(c -> assertThat(c).containsExactly(1));
        assertThat(MixSolver.referenceMix(small, 50)).hasValueSatisfying(c -> assertThat(c).containsExactly(5));
        assertThat(MixSolver.referenceMix(small, 0)).isEmpty();
        assertThat(MixSolver.referenceMix(List.of(new Option(0, 100)), 10)).isEmpty();
        assertThat(MixSolver.referenceMix(small, 10 * (64 + 5))).isEmpty();
        assertThat(MixSolver.optimalMix(small, 10 * (64 + 5))).isEmpty();
        assertThat(MixSolver.optimalMix(small, 640)).hasValueSatisfying(c -> assertThat(c).containsExactly(64));
    }

    @Test
    void theStepGridCanMissTheCheapestCover() {
        // the end-to-end example of the spec (§3.6 item 6): the exact search is never dearer
        List<Option> options = List.of(new Option(63.1106, 1800), new Option(36.0125, 1152), new Option(1.5301, 360));
        int[] optimal = MixSolver.optimalMix(options, 64).orElseThrow();
        int[] reference = MixSolver.referenceMix(options, 64).orElseThrow();
        assertThat(cost(options, optimal)).isLessThanOrEqualTo(cost(options, reference));
        assertThat(served(options, optimal)).isGreaterThanOrEqualTo(64);
    }

    @Test
    void roundingRatesDownToWholeStepsCanBuyAnExtraGpu() {
        // step = 36.8281/200; 48.9733 is 265.95 steps, counted as 265, so three units look 1 step short
        List<Option> options = List.of(new Option(48.9733, 100), new Option(36.8281, 500));
        assertThat(MixSolver.referenceMix(options, 146.5624)).hasValueSatisfying(c -> assertThat(c).containsExactly(4, 0));
        assertThat(MixSolver.optimalMix(options, 146.5624)).hasValueSatisfying(c -> assertThat(c).containsExactly(3, 0));
    }

    @Property(tries = 300)
    void optimalMixIsTheBruteForceMinimum(@ForAll @DoubleRange(min = 0.5, max = 50) double r1,
            @ForAll @DoubleRange(min = 0.5, max = 50) double r2, @ForAll @IntRange(min = 1, max = 40) int c1,
            @ForAll @IntRange(min = 1, max = 40) int c2, @ForAll @DoubleRange(min = 0.1, max = 200) double demand) {
        List<Option> options = List.of(new Option(r1, c1 * 50.0), new Option(r2, c2 * 50.0));
        double brute = Double.POSITIVE_INFINITY;
        for (int a = 0; a <= 64; a++) {
            for (int b = 0; b <= 64; b++) {
                if (a * r1 + b * r2 >= demand) {
                    brute = Math.min(brute, a * c1 * 50.0 + b * c2 * 50.0);
                }
            }
        }
        Optional<int[]> optimal = MixSolver.optimalMix(options, demand);
        if (brute == Double.POSITIVE_INFINITY) {
            assertThat(optimal).isEmpty();
            return;
        }
        assertThat(optimal).isPresent();
        assertThat(served(options, optimal.get())).isGreaterThanOrEqualTo(demand);
        assertThat(cost(options, optimal.get())).isEqualTo(brute);
        double minimum = brute;
        MixSolver.referenceMix(options, demand).ifPresent(ref ->
                assertThat(cost(options, ref)).isGreaterThanOrEqualTo(minimum));
    }
}
