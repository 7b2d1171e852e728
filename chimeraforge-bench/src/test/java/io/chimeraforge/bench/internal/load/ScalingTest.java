package io.chimeraforge.bench.internal.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.TokenSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ScalingTest {

    private static RequestTimeline t(int instance, long sent, long end) {
        return new RequestTimeline(0, false, instance, sent, sent, sent, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), end, List.of(), 1, TokenSource.SERVER_USAGE, 1,
                OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void backToBackRequestsDoNotContend() {
        Scaling.Occupancy o = Scaling.contention(List.of(t(0, 0, 100), t(0, 100, 200), t(0, 200, 300)));
        assertThat(o.busyNanos()).isEqualTo(300);
        assertThat(o.sharedNanos()).isZero();
        assertThat(o.maxInFlight()).isEqualTo(1);
        assertThat(o.rate().getAsDouble()).isZero();
    }

    @Test
    void sharedTimeOverBusyTime() {
        // busy 0..300, two in flight 50..100 and 200..250 (the third overlaps the second)
        Scaling.Occupancy o = Scaling.contention(List.of(t(0, 0, 100), t(0, 50, 250), t(0, 200, 300)));
        assertThat(o.busyNanos()).isEqualTo(300);
        assertThat(o.sharedNanos()).isEqualTo(100);
        assertThat(o.rate().getAsDouble()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void idleGapsAreNotBusyTime() {
        Scaling.Occupancy o = Scaling.contention(List.of(t(0, 0, 100), t(0, 0, 100), t(0, 1000, 1100)));
        assertThat(o.busyNanos()).isEqualTo(200);
        assertThat(o.rate().getAsDouble()).isCloseTo(0.5, within(1e-12));
        assertThat(o.maxInFlight()).isEqualTo(2);
    }

    @Test
    void overlapAcrossInstancesIsNotContention() {
        List<RequestTimeline> ts = List.of(t(0, 0, 100), t(1, 0, 100), t(0, 100, 200), t(1, 100, 200));
        Scaling.Occupancy pooled = Scaling.contentionByInstance(ts, 2);
        assertThat(pooled.sharedNanos()).isZero();
        assertThat(pooled.busyNanos()).isEqualTo(400);
        assertThat(Scaling.contention(ts).rate().getAsDouble()).isEqualTo(1.0); // as if one instance
    }

    @Test
    void noRequestsNoRate() {
        assertThat(Scaling.contention(List.of()).rate()).isEmpty();
    }
}
