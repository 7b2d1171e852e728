package io.chimeraforge.planner;

import static io.chimeraforge.planner.Plans.CORRECTED;
import static io.chimeraforge.planner.Plans.PLANNER;
import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import org.junit.jupiter.api.Test;

/**
 * The default planner reproduces upstream's corrected tree; {@code compat(REFERENCE)} v0.30.0.
 * Figures are the spec's worked examples (planner-corrections.md sections 1-4 and 9), each side
 * by side with its v0.30.0 value so a test fails if either behaviour drifts.
 */
class CorrectedPlannerTest {

    private static Candidate top(Planner planner, PlanRequest.Builder request) {
        return planner.plan(request.build()).recommendation().orElseThrow();
    }

    @Test
    void theDefaultIsCorrectedAndReferenceIsOneSwitchAway() {
        assertThat(Planner.builder().measuredCorpus(false).build().compat()).isEqualTo(Compat.CORRECTED);
        assertThat(PLANNER.compat()).isEqualTo(Compat.REFERENCE);
        assertThat(CORRECTED.gpuCatalog().require("RTX 4080 12GB").bandwidthGbps()).isEqualTo(432.0);
        assertThat(PLANNER.gpuCatalog().require("RTX 4080 12GB").bandwidthGbps()).isEqualTo(556.0);
    }

    /** Golden {@code defaults}: the rig's TDP and the GiB weights move; config, rates and cost do not. */
    @Test
    void defaultsOnTheReferenceRig() {
        Candidate a = top(PLANNER, PlanRequest.builder());
        Candidate b = top(CORRECTED, PlanRequest.builder());
        assertThat(b.model()).isEqualTo(a.model());
        assertThat(b.quant()).isEqualTo(a.quant());
        assertThat(b.backend()).isEqualTo(a.backend());
        assertThat(b.monthlyCostUsd()).isEqualTo(a.monthlyCostUsd());
        assertThat(a.vramPerGpuGb()).isEqualTo(1.89);
        assertThat(b.vramPerGpuGb()).isEqualTo(1.8);
        assertThat(a.maxConcurrentSeqs()).isEqualTo(163);
        assertThat(b.maxConcurrentSeqs()).isEqualTo(165);
        assertThat(a.tdpWatts()).isEqualTo(285.0);
        assertThat(b.tdpWatts()).isEqualTo(150.0);
        assertThat(a.energyCostPerMonthUsd()).isEqualTo(20.93);
        assertThat(b.energyCostPerMonthUsd()).isEqualTo(11.02);
    }

    /** Golden {@code size-8b-rtx4090-r2}: +28.7% bandwidth extrapolation and GiB weights. */
    @Test
    void eightBillionOnAnRtx4090() {
        PlanRequest.Builder request = PlanRequest.builder().modelSize("8b").hardware("RTX 4090 24GB").requestRate(2.0);
        Candidate a = top(PLANNER, request);
        Candidate b = top(CORRECTED, request);
        assertThat(a.vramPerGpuGb()).isEqualTo(17.82);
        assertThat(b.vramPerGpuGb()).isEqualTo(16.66);
        assertThat(a.singleStreamTps()).isEqualTo(108.7);
        assertThat(b.singleStreamTps()).isEqualTo(139.8);
        assertThat(a.p95LatencyMs()).isEqualTo(3172.9);
        assertThat(b.p95LatencyMs()).isEqualTo(1848.2);
        assertThat(a.maxConcurrentSeqs()).isEqualTo(16);
        assertThat(b.maxConcurrentSeqs()).isEqualTo(20);
        assertThat(a.warnings()).contains("utilisation > 70% safety cap");
        assertThat(b.warnings()).doesNotContain("utilisation > 70% safety cap");
    }

    /** Golden {@code offload-70b-rtx4090}: 23.80 GiB fits, so nothing is offloaded. */
    @Test
    void seventyBillionQ2FitsTheRtx4090WithoutOffload() {
        ModelSpec llama70 = ModelSpec.builder("meta-llama/Llama-3.1-70B-Instruct").paramsB(70.55)
                .architecture(80, 8, 128).hiddenSize(8192).build();
        PlanRequest.Builder request = PlanRequest.builder().model(llama70).hardware("RTX 4090 24GB")
                .allowOffload(true).budgetUsdPerMonth(1000).latencySloMs(600000).requestRate(0.5);
        Candidate a = top(PLANNER, request);
        Candidate b = top(CORRECTED, request);
        assertThat(a.offloadFraction()).isEqualTo(0.0638);
        assertThat(b.offloadFraction()).isEqualTo(0.0);
        assertThat(a.replicas()).isEqualTo(13);
        assertThat(b.replicas()).isEqualTo(6);
        assertThat(b.vramPerGpuGb()).isEqualTo(23.8);
    }

    /** c1: a prompt plus decode longer than the window warns in every corrected plan. */
    @Test
    void contextGuardWarnsWithoutReasoningTokens() {
        String warning = "peak sequence 2128 tokens (prompt 2000 + decode 128) exceeds --context-length 2048: KV was"
                + " sized for a window this request cannot finish inside";
        PlanRequest.Builder request = PlanRequest.builder().promptTokens(2000);
        assertThat(CORRECTED.plan(request.build()).candidates()).hasSize(70)
                .allSatisfy(c -> assertThat(c.warnings()).contains(warning));
        assertThat(PLANNER.plan(request.build()).candidates()).hasSize(70)
                .allSatisfy(c -> assertThat(c.warnings()).doesNotContain(warning));
        // exactly at the window: no warning in either behaviour
        assertThat(CORRECTED.plan(PlanRequest.builder().promptTokens(1920).build()).candidates())
                .allSatisfy(c -> assertThat(c.warnings()).noneMatch(w -> w.startsWith("peak sequence")));
    }

    /** d2: an approximated alias keeps the stand-in's values but not its "measured" labels. */
    @Test
    void approximatedAliasesLoseMeasuredQualityAndSafety() {
        ModelResolver.Resolution resolution = CORRECTED.resolver().resolve("ollama:llama3.2:1b", ManualOverrides.NONE);
        assertThat(resolution.spec().source()).isEqualTo(ModelSource.REGISTRY_APPROX);
        PlanRequest.Builder request = PlanRequest.builder().model(resolution.spec().withName("ollama:llama3.2:1b"))
                .hardware("RTX 4090 24GB");
        Candidate a = top(PLANNER, request);
        Candidate b = top(CORRECTED, request);
        assertThat(a.provenance().quality()).isEqualTo(Provenance.MEASURED);
        assertThat(a.provenance().safety()).isEqualTo(Provenance.MEASURED);
        assertThat(b.provenance().quality()).isEqualTo(Provenance.ESTIMATED);
        assertThat(b.provenance().safety()).isEqualTo(Provenance.UNKNOWN);
        assertThat(b.provenance().throughput()).isEqualTo(a.provenance().throughput());
        assertThat(b.quality()).isEqualTo(a.quality());
        assertThat(b.refusalRate()).isEqualTo(a.refusalRate());
        assertThat(b.singleStreamTps()).isEqualTo(341.4);
        assertThat(b.warnings()).anyMatch(w -> w.startsWith("throughput is a 2.3x memory-bandwidth extrapolation"));
        assertThat(a.warnings()).anyMatch(w -> w.startsWith("throughput is a 1.8x memory-bandwidth extrapolation"));
    }
}
