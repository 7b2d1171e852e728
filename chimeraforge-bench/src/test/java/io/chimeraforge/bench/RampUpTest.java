package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Closed-loop ramp-up: worker w sends its first request w/N of the ramp after the start. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RampUpTest {

    @Test
    void workersStartSpreadOverTheRampInsteadOfAllAtOnce() {
        Script script = Script.builder().ttft(Duration.ofMillis(100)).interTokenGap(Duration.ZERO).outputTokens(2).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).start()) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.OLLAMA)
                    .baseUrl(server.baseUrl()).workload(Workload.CONCURRENT).concurrency(4).runs(16)
                    .warmupRequests(0).rampUp(Duration.ofMillis(600)).build();
            long before = System.nanoTime(); // no later than the loop's own start
            ConfigResult result = BenchRunner.builder(config).captureGpu(false).build().run().configs().get(0);
            List<RequestTimeline> t = result.timelines();
            assertThat(t).hasSize(16).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
            // When did k requests first run at once? Worker k-1 starts (k-1) × 150 ms after the loop
            // does, so not before that: a lower bound, which a slow machine can only make easier.
            long[] firstReached = new long[5];
            java.util.Arrays.fill(firstReached, Long.MAX_VALUE);
            for (RequestTimeline r : t) {
                long at = r.dispatchedNanos();
                int inFlight = (int) t.stream().filter(o -> o.dispatchedNanos() <= at && at < o.endNanos()).count();
                for (int k = 1; k <= Math.min(4, inFlight); k++) {
                    firstReached[k] = Math.min(firstReached[k], at);
                }
            }
            assertThat(firstReached[4]).as("all four workers eventually run").isLessThan(Long.MAX_VALUE);
            for (int k = 2; k <= 4; k++) {
                assertThat(firstReached[k] - before).as("%d requests in flight", k)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(150L * (k - 1)).toNanos());
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> load = (Map<String, Object>) result.result().extra().get("load");
            assertThat(load).containsEntry("ramp_up_s", 0.6);
        }
    }

    @Test
    void rampUpIsForTheClosedLoopOnly() {
        assertThatThrownBy(() -> BenchConfig.builder().model("m").workload(Workload.SERVER).rate(1.0)
                .rampUp(Duration.ofSeconds(1)).build()).isInstanceOf(IllegalStateException.class)
                .hasMessage("ramp-up applies only to the concurrent workload, not server");
        assertThatThrownBy(() -> BenchConfig.builder().rampUp(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rampUp");
    }
}
