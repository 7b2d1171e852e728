package io.chimeraforge.bench.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.result.StatSummary;
import io.chimeraforge.core.result.Stats;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Series}: exact up to its limit, bounded past it. */
class SeriesTest {

    @Test
    void belowTheLimitItIsExactlyStatsSummarize() {
        SplittableRandom random = new SplittableRandom(7);
        double[] values = new double[5000];
        Series s = new Series(10_000);
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble() * 100;
            s.add(values[i]);
        }
        assertThat(s.exact()).isTrue();
        assertThat(s.summary()).isEqualTo(Stats.summarize(values));
    }

    @Test
    void pastTheLimitPercentilesStayWithinAThousandthAndTheRestIsExact() {
        SplittableRandom random = new SplittableRandom(11);
        double[] values = new double[50_000];
        Series s = new Series(1000);
        for (int i = 0; i < values.length; i++) {
            values[i] = 1 + random.nextDouble() * 200;
            s.add(values[i]);
        }
        assertThat(s.exact()).isFalse();
        StatSummary exact = Stats.summarize(values);
        StatSummary got = s.summary();
        assertThat(got.count()).isEqualTo(50_000);
        assertThat(got.min()).isEqualTo(exact.min());
        assertThat(got.max()).isEqualTo(exact.max());
        assertThat(got.mean()).isCloseTo(exact.mean(), within(1e-9 * exact.mean()));
        assertThat(got.stddev()).isCloseTo(exact.stddev(), within(1e-9 * exact.stddev()));
        for (double[] pair : new double[][] {{got.p50(), exact.p50()}, {got.p90(), exact.p90()}, {got.p95(), exact.p95()},
            {got.p99(), exact.p99()}}) {
            assertThat(pair[0]).isCloseTo(pair[1], within(pair[1] * 2e-3));
        }
    }
}
