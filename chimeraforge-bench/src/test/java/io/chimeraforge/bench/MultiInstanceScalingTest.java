package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.result.Aggregate;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Parallel efficiency and contention rate against two {@link MockLlmServer} instances with one
 * generation slot each: two agents on two servers do not contend, two agents on one server do
 * (the second request queues behind the first). Each request takes ~20 + 16 × 10 ms = 180 ms
 * scripted, so per-request overhead on a busy machine is small against it; bounds are wide.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MultiInstanceScalingTest {

    private static final Script SCRIPT = Script.builder().ttft(Duration.ofMillis(20))
            .interTokenGap(Duration.ofMillis(10)).outputTokens(16).build();

    private static MockLlmServer oneSlot() {
        return MockLlmServer.builder().script(SCRIPT).slots(1).start();
    }

    private static BenchConfig.Builder agents(int... sweep) {
        return BenchConfig.builder().model("mock-model").workload(Workload.CONCURRENT).concurrency(sweep).runs(6)
                .warmupRequests(1).maxTokens(16).instanceMode(InstanceMode.PER_WORKER);
    }

    private static List<BenchResult> run(BenchConfig config) {
        return BenchRunner.builder(config).captureGpu(false).build().run().results();
    }

    @Test
    void twoAgentsOnTwoServersScaleAndDoNotContend() {
        try (MockLlmServer a = oneSlot(); MockLlmServer b = oneSlot()) {
            List<BenchResult> rs = run(agents(1, 2).baseUrls(List.of(a.baseUrl(), b.baseUrl())).build());
            assertThat(rs).hasSize(2);
            Aggregate one = rs.get(0).aggregate();
            Aggregate two = rs.get(1).aggregate();
            assertThat(one.extra()).containsEntry("agents", 1).containsEntry("single_agent_tps_source", "run");
            assertThat(one.number("parallel_efficiency")).contains(1.0); // its own baseline, by definition
            assertThat(two.extra()).containsEntry("agents", 2).containsEntry("single_agent_tps_source", "run");
            assertThat(two.number("single_agent_tps")).isEqualTo(one.number("output_throughput_tps"));
            assertThat(two.number("parallel_efficiency").orElseThrow()).isBetween(0.8, 1.25);
            assertThat(two.number("contention_rate").orElseThrow()).isLessThan(0.05);
            assertThat(two.extra()).containsEntry("max_in_flight_per_instance", 1);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> instances = (List<Map<String, Object>>) rs.get(1).extra().get("instances");
            assertThat(instances).hasSize(2).allSatisfy(i -> {
                assertThat(i).containsEntry("max_in_flight", 1);
                assertThat((Double) i.get("contention_rate")).isLessThan(0.05);
            });
        }
    }

    @Test
    void twoAgentsOnOneSlotContendAndHalveEfficiency() {
        try (MockLlmServer shared = oneSlot()) {
            // baseline after the contended configuration: efficiencies are filled in once it exists
            List<BenchResult> rs = run(agents(2, 1).baseUrl(shared.baseUrl()).build());
            Aggregate two = rs.get(0).aggregate();
            assertThat(two.extra()).containsEntry("agents", 2).containsEntry("single_agent_tps_source", "run");
            // one slot serves one request at a time: aggregate ≈ single-agent throughput, efficiency ≈ 0.5
            assertThat(two.number("parallel_efficiency").orElseThrow()).isBetween(0.3, 0.7);
            assertThat(two.number("contention_rate").orElseThrow()).isGreaterThan(0.7);
            assertThat(two.extra()).containsEntry("max_in_flight_per_instance", 2);
            assertThat(rs.get(1).aggregate().number("parallel_efficiency")).contains(1.0);
        }
    }

    @Test
    void withoutABaselineTheFigureIsOmittedAndAUserBaselineIsUsedAndLabelled() {
        try (MockLlmServer a = oneSlot(); MockLlmServer b = oneSlot()) {
            BenchConfig.Builder base = agents(2).baseUrls(List.of(a.baseUrl(), b.baseUrl()));
            Aggregate none = run(base.build()).get(0).aggregate();
            assertThat(none.extra()).containsEntry("agents", 2)
                    .doesNotContainKeys("parallel_efficiency", "single_agent_tps", "single_agent_tps_source");
            double perAgent = none.number("output_throughput_tps").orElseThrow() / 2;
            Aggregate user = run(base.baselineTps(perAgent * 2).build()).get(0).aggregate();
            assertThat(user.extra()).containsEntry("single_agent_tps", perAgent * 2)
                    .containsEntry("single_agent_tps_source", "baseline_tps");
            // a baseline twice the real per-agent speed puts efficiency near 0.5
            assertThat(user.number("parallel_efficiency").orElseThrow()).isBetween(0.3, 0.7);
        }
    }

    @Test
    void aUserBaselineDoesNotOverrideTheRunsOwnAndSaysSo() {
        try (MockLlmServer a = oneSlot()) {
            List<BenchResult> rs = run(agents(1).baseUrl(a.baseUrl()).baselineTps(12345).build());
            assertThat(rs.get(0).aggregate().extra()).containsEntry("single_agent_tps_source", "run");
            assertThat(rs.get(0).warnings()).anySatisfy(w -> assertThat(w).startsWith("baseline_tps 12345.00 not used"));
        }
    }

    @Test
    void openLoopConfigurationsGetNoEfficiency() {
        try (MockLlmServer a = oneSlot()) {
            BenchResult r = run(BenchConfig.builder().model("mock-model").workload(Workload.SERVER).rate(20.0).runs(4)
                    .warmupRequests(0).maxTokens(4).baselineTps(10).baseUrl(a.baseUrl()).build()).get(0);
            assertThat(r.aggregate().extra()).doesNotContainKeys("parallel_efficiency", "agents")
                    .containsKey("contention_rate");
        }
    }
}
