package io.chimeraforge.planner;

import static io.chimeraforge.planner.Plans.PLANNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.quant.Backend;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Planner#check}: one fixed deployment against a workload, every gate reported. */
class CapacityCheckTest {

    private static final List<Gate> GATE_ORDER = List.of(Gate.VRAM, Gate.QUALITY, Gate.SAFETY, Gate.FORMAT,
            Gate.THROUGHPUT, Gate.LATENCY, Gate.BUDGET);

    private static Deployment of(Candidate c) {
        return new Deployment(c.model(), Optional.empty(), c.quant(), c.backend(), c.replicas(), c.tensorParallel(),
                c.pipelineParallel());
    }

    @Test
    void theDefaultWinnerPassesEveryGateAtThePlannedOperatingPoint() {
        PlanRequest workload = PlanRequest.defaults();
        Candidate winner = PLANNER.plan(workload).recommendation().orElseThrow();
        CapacityReport report = PLANNER.check(workload, Deployment.of("qwen2.5-1.5b", "Q6_K", Backend.OLLAMA, 1));
        assertThat(report.passed()).isTrue();
        assertThat(report.failures()).isEmpty();
        assertThat(report.gpuName()).isEqualTo("RTX 4080 12GB");
        assertThat(report.gates()).extracting(GateCheck::gate).containsExactlyElementsOf(GATE_ORDER);
        Candidate operating = report.operating().orElseThrow();
        assertThat(operating.monthlyCostUsd()).isEqualTo(winner.monthlyCostUsd()).isEqualTo(25.2);
        assertThat(operating.p95LatencyMs()).isEqualTo(winner.p95LatencyMs()).isEqualTo(2586.8);
        assertThat(operating.replicas()).isEqualTo(1);
        assertThat(operating.batchPerGpu()).isEqualTo(1);
        assertThat(operating.totalThroughputTps()).isEqualTo(winner.totalThroughputTps());
    }

    @Test
    void everyPlannedCandidatePassesItsOwnCheck() {
        PlanRequest workload = PlanRequest.builder().hardware("RTX 4090 24GB").requestRate(2).build();
        List<Candidate> candidates = PLANNER.plan(workload).candidates();
        assertThat(candidates).isNotEmpty();
        for (Candidate c : candidates) {
            CapacityReport report = PLANNER.check(workload, of(c));
            assertThat(report.failures()).as("%s/%s/%s N=%d", c.model(), c.quant(), c.backend(), c.replicas())
                    .isEmpty();
            Candidate operating = report.operating().orElseThrow();
            assertThat(operating.monthlyCostUsd()).isEqualTo(c.monthlyCostUsd());
            assertThat(operating.p95LatencyMs()).isEqualTo(c.p95LatencyMs());
            assertThat(operating.batchPerGpu()).isEqualTo(c.batchPerGpu());
        }
    }

    @Test
    void modelTooLargeForTheGpuFailsVramAndStillReportsTheRest() {
        CapacityReport report = PLANNER.check(PlanRequest.defaults(),
                Deployment.of("llama3.1-8b", "FP16", Backend.OLLAMA, 1));
        assertThat(report.passed()).isFalse();
        assertThat(report.gates()).extracting(GateCheck::gate).containsExactlyElementsOf(GATE_ORDER);
        assertThat(report.gate(Gate.VRAM).passed()).isFalse();
        assertThat(report.gate(Gate.VRAM).detail()).contains("17.82").contains("12");
        assertThat(report.gate(Gate.QUALITY).passed()).isTrue();
        assertThat(report.gate(Gate.FORMAT).passed()).isTrue();
        assertThat(report.gate(Gate.BUDGET).passed()).isTrue();
        assertThat(report.failures()).extracting(GateCheck::gate).contains(Gate.VRAM);
        assertThat(report.operating()).isEmpty();
    }

    @Test
    void overBudgetFailsOnlyTheBudgetGate() {
        PlanRequest workload = PlanRequest.builder().hardware("H100 80GB").build();
        CapacityReport report = PLANNER.check(workload, Deployment.of("qwen2.5-1.5b", "Q6_K", Backend.OLLAMA, 1));
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(GateCheck::gate).containsExactly(Gate.BUDGET);
        assertThat(report.gate(Gate.BUDGET).detail()).contains("1800").contains("100");
        assertThat(report.gates()).hasSize(7);
        assertThat(report.operating()).isPresent();
        assertThat(report.operating().get().monthlyCostUsd()).isEqualTo(1800.0);
    }

    @Test
    void tooSlowFailsOnlyTheLatencyGate() {
        PlanRequest workload = PlanRequest.builder().latencySloMs(1000).build();
        CapacityReport report = PLANNER.check(workload, Deployment.of("qwen2.5-1.5b", "Q6_K", Backend.OLLAMA, 1));
        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).extracting(GateCheck::gate).containsExactly(Gate.LATENCY);
        assertThat(report.gate(Gate.THROUGHPUT).passed()).isTrue();
        assertThat(report.gate(Gate.BUDGET).passed()).isTrue();
        assertThat(report.gate(Gate.LATENCY).detail()).contains("2586.8").contains("1000");
        assertThat(report.operating().orElseThrow().p95LatencyMs()).isEqualTo(2586.8);
    }

    @Test
    void tooLittleThroughputFailsTheThroughputGate() {
        // llama3.2-3b FP16 on ollama decodes 95.9 tok/s; 1 req/s x 128 tokens needs 128
        CapacityReport report = PLANNER.check(PlanRequest.defaults(),
                Deployment.of("llama3.2-3b", "FP16", Backend.OLLAMA, 1));
        assertThat(report.gate(Gate.THROUGHPUT).passed()).isFalse();
        assertThat(report.gate(Gate.LATENCY).passed()).isFalse();
        assertThat(report.gate(Gate.VRAM).passed()).isTrue();
        CapacityReport two = PLANNER.check(PlanRequest.defaults(),
                Deployment.of("llama3.2-3b", "FP16", Backend.OLLAMA, 2));
        assertThat(two.gate(Gate.THROUGHPUT).passed()).isTrue();
    }

    @Test
    void formatGates() {
        CapacityReport gguf = PLANNER.check(PlanRequest.defaults(), Deployment.of("llama3.2-3b", "Q4_K_M", Backend.VLLM, 1));
        assertThat(gguf.gate(Gate.FORMAT).passed()).isFalse();
        assertThat(gguf.gate(Gate.FORMAT).detail()).isEqualTo("vllm does not serve gguf checkpoints");
        assertThat(gguf.operating()).isEmpty();
        CapacityReport fp8 = PLANNER.check(PlanRequest.builder().hardware("A100 80GB").budgetUsdPerMonth(1e4).build(),
                Deployment.of("llama3.2-3b", "FP8", Backend.VLLM, 1));
        assertThat(fp8.gate(Gate.FORMAT).passed()).isFalse();
        assertThat(fp8.gate(Gate.FORMAT).detail()).contains("no FP8 tensor cores");
    }

    @Test
    void qualityAndSafetyGates() {
        PlanRequest strict = PlanRequest.builder().qualityTarget(0.6).safetyTarget(0.8).build();
        CapacityReport report = PLANNER.check(strict, Deployment.of("llama3.2-1b", "Q2_K", Backend.OLLAMA, 1));
        assertThat(report.gate(Gate.QUALITY).passed()).isFalse();
        assertThat(report.gate(Gate.SAFETY).passed()).isFalse();
        assertThat(report.failures()).extracting(GateCheck::gate).startsWith(Gate.QUALITY, Gate.SAFETY);
    }

    @Test
    void offRegistrySpecAndTensorParallelDeployment() {
        ModelSpec llama70 = Plans.llama70b();
        PlanRequest workload = PlanRequest.builder().hardware("H100 80GB").requestRate(2).latencySloMs(20000)
                .contextLength(4096).budgetUsdPerMonth(1e9).build();
        CapacityReport single = PLANNER.check(workload, Deployment.of(llama70, "FP16", Backend.VLLM, 1));
        assertThat(single.gate(Gate.VRAM).passed()).isFalse();
        CapacityReport tp4 = PLANNER.check(workload, Deployment.of(llama70, "FP16", Backend.VLLM, 1)
                .withTensorParallel(4));
        assertThat(tp4.gate(Gate.VRAM).passed()).isTrue();
        assertThat(tp4.operating().orElseThrow().gpusTotal()).isEqualTo(4);
        assertThat(tp4.operating().get().vramPerGpuGb()).isEqualTo(40.25);
    }

    @Test
    void deploymentValidation() {
        assertThatThrownBy(() -> Deployment.of("m", "Q9_Z", Backend.OLLAMA, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("quant");
        assertThatThrownBy(() -> Deployment.of("m", "FP16", Backend.OLLAMA, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("replicas");
        assertThatThrownBy(() -> Deployment.of(" ", "FP16", Backend.OLLAMA, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model");
        assertThatThrownBy(() -> Deployment.of("m", "FP16", Backend.VLLM, 1).withTensorParallel(2)
                .withPipelineParallel(2)).isInstanceOf(IllegalStateException.class);
        assertThat(Deployment.of("m", "FP16", Backend.VLLM, 3).withPipelineParallel(4).gpus()).isEqualTo(12);
    }

    @Test
    void unresolvableModelOrGpuIsAnError() {
        assertThatThrownBy(() -> PLANNER.check(PlanRequest.defaults(), Deployment.of("acme/nothing", "FP16",
                Backend.OLLAMA, 1))).isInstanceOf(ModelResolutionException.class);
        assertThatThrownBy(() -> PLANNER.check(PlanRequest.builder().hardware("RTX 9999").build(),
                Deployment.of("llama3.2-3b", "FP16", Backend.OLLAMA, 1)))
                .isInstanceOf(io.chimeraforge.core.hardware.UnknownGpuException.class);
    }
}
