package io.chimeraforge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.CapacityReport;
import io.chimeraforge.planner.Gate;
import io.chimeraforge.planner.PlanResult;
import org.junit.jupiter.api.Test;

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
}
