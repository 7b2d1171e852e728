package io.chimeraforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.bench.Backend;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.CapacityReport;
import io.chimeraforge.planner.Gate;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The examples keep compiling and keep telling the story their Javadoc tells. */
class ExamplesTest {

    @Test
    void startupCheckReportsEveryGateAndAnOperatingPoint() {
        CapacityReport report = StartupCapacityCheck.check();
        assertThat(report.gates()).extracting(g -> g.gate())
                .containsExactly(Gate.VRAM, Gate.QUALITY, Gate.SAFETY, Gate.FORMAT, Gate.THROUGHPUT, Gate.LATENCY,
                        Gate.BUDGET);
        assertThat(report.gpuName()).isEqualTo("H100 80GB");
        assertThat(report.operating()).isPresent();
        Candidate point = report.operating().get();
        assertThat(point.gpusTotal()).isEqualTo(2);
        // 2 x H100 at $2.50/hr x 720 h
        assertThat(point.monthlyCostUsd()).isEqualTo(3600.0);
        assertThat(report.passed()).isEqualTo(report.failures().isEmpty());
    }

    @Test
    void planForMyWorkloadFindsAnAffordable8bConfiguration() {
        PlanResult result = PlanForMyWorkload.plan();
        assertThat(result.recommendation()).isPresent();
        Candidate best = result.recommendation().get();
        assertThat(best.model()).isEqualTo("llama3.1-8b");
        assertThat(best.monthlyCostUsd()).isLessThanOrEqualTo(200.0);
        assertThat(best.p95LatencyMs()).isLessThanOrEqualTo(5000.0);
        assertThat(result.alternatives(4)).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void measureMyServerPassesAFastServerAndFailsASlowOne() {
        Script fast = Script.builder().ttft(Duration.ofMillis(20)).interTokenGap(Duration.ofMillis(5)).outputTokens(16)
                .build();
        try (MockLlmServer server = MockLlmServer.builder().script(fast).models(java.util.List.of("my-model")).start()) {
            MeasureMyServer.Verdict v = MeasureMyServer.measure(Backend.VLLM, server.baseUrl(), "my-model", 20, 40);
            assertThat(v.result().aggregate().count()).isEqualTo(40);
            assertThat(v.ttftMs().p50()).isGreaterThanOrEqualTo(20.0);
            assertThat(v.attainment()).isEqualTo(1.0);
            assertThat(v.holds()).isTrue();
        }
        // First token after 800 ms: every request misses the 500 ms objective, none is lost.
        Script slow = Script.builder().ttft(Duration.ofMillis(800)).interTokenGap(Duration.ofMillis(5)).outputTokens(4)
                .build();
        try (MockLlmServer server = MockLlmServer.builder().script(slow).start()) {
            MeasureMyServer.Verdict v = MeasureMyServer.measure(Backend.OLLAMA, server.baseUrl(), "mock-model", 10, 10);
            assertThat(v.result().aggregate().count()).isEqualTo(10);
            assertThat(v.ttftMs().min()).isGreaterThanOrEqualTo(800.0);
            assertThat(v.attainment()).isZero();
            assertThat(v.goodputRps()).isZero();
            assertThat(v.holds()).isFalse();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void measureRefitPlanTurnsAnExtrapolationIntoAMeasurement(@org.junit.jupiter.api.io.TempDir java.nio.file.Path work)
            throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(2)).interTokenGap(Duration.ofMillis(3)).outputTokens(24)
                .build();
        try (MockLlmServer server = MockLlmServer.builder().script(script)
                .models(java.util.List.of(MeasureRefitPlan.MODEL)).start()) {
            MeasureRefitPlan.Loop loop = MeasureRefitPlan.loop(server.baseUrl(), work);
            assertThat(loop.before().provenance().throughput().id()).isEqualTo("extrapolated");
            assertThat(loop.measured().runs()).isEqualTo(60);
            assertThat(loop.measured().hardware()).contains(MeasureRefitPlan.GPU);
            assertThat(loop.after().provenance().throughput().id()).isEqualTo("measured");
            assertThat(loop.after().singleStreamTps())
                    .isEqualTo(io.chimeraforge.core.PyNumbers.round(loop.measured().aggregate().throughputTps().mean(), 1));
            assertThat(loop.refit().validation().passed()).isTrue();
            assertThat(java.nio.file.Files.readString(loop.report())).startsWith("<!DOCTYPE html>")
                    .contains(MeasureRefitPlan.MODEL);
            assertThat(work.resolve("cache").resolve("fitted_models.json")).isRegularFile();
        }
    }
}
