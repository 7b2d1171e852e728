package io.chimeraforge.planner;

import static io.chimeraforge.planner.Plans.get;
import static io.chimeraforge.planner.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.quant.Backend;
import org.junit.jupiter.api.Test;

/** Tensor and pipeline parallelism, MoE and MLA models through the planner (spec section 8 items 40-43). */
class PlannerParallelismTest {

    private static PlanRequest.Builder seventyB(ModelSpec spec, double rate) {
        return PlanRequest.builder().model(spec).hardware("H100 80GB").requestRate(rate).latencySloMs(20000)
                .contextLength(4096).budgetUsdPerMonth(1e9);
    }

    @Test
    void seventyBillionFp16NeedsTensorParallelOnH100() {
        PlanResult single = plan(seventyB(Plans.llama70b(), 2));
        assertThat(single.candidates()).noneMatch(c -> c.quant().equals("FP16"));

        PlanResult tp4 = plan(seventyB(Plans.llama70b(), 2).tensorParallel(Parallelism.of(4)));
        assertThat(tp4.candidates()).anyMatch(c -> c.quant().equals("FP16"));
        assertThat(tp4.candidates()).allSatisfy(c -> {
            assertThat(c.tensorParallel()).isEqualTo(4);
            assertThat(c.pipelineParallel()).isEqualTo(1);
            assertThat(c.gpusTotal()).isEqualTo(4 * c.replicas());
            assertThat(c.vramPerGpuGb()).isLessThanOrEqualTo(80);
            assertThat(c.provenance().throughput()).isEqualTo(Provenance.ESTIMATED);
            assertThat(c.warnings()).anyMatch(w -> w.startsWith("tensor-parallel TP=4 (" + c.gpusTotal() + " GPUs total)"));
        });
        assertThat(tp4.candidates()).filteredOn(c -> c.quant().equals("FP16"))
                .allMatch(c -> c.vramPerGpuGb() == 40.25);
    }

    @Test
    void explicitTensorParallelOneIsTheDefault() {
        PlanResult byDefault = plan(seventyB(Plans.llama70b(), 2));
        PlanResult explicit = plan(seventyB(Plans.llama70b(), 2).tensorParallel(Parallelism.of(1)));
        assertThat(explicit.candidates()).isEqualTo(byDefault.candidates());
        assertThat(explicit.trace()).isEqualTo(byDefault.trace());
    }

    @Test
    void autoTensorParallelPicksTheSmallestDegreeThatFits() {
        ModelSpec nativeFp16 = Plans.llama70b().toBuilder().nativeQuant("FP16").build();
        PlanResult auto = plan(seventyB(nativeFp16, 2).tensorParallel(Parallelism.AUTO));
        assertThat(auto.candidates()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.quant()).isEqualTo("FP16");
            assertThat(c.tensorParallel()).isEqualTo(2);
            assertThat(c.vramPerGpuGb()).isEqualTo(77.6);
        });
    }

    @Test
    void tensorAndPipelineParallelCannotBeCombined() {
        assertThatThrownBy(() -> PlanRequest.builder().tensorParallel(Parallelism.of(2))
                .pipelineParallel(Parallelism.of(2)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot both be above 1");
        assertThatThrownBy(() -> PlanRequest.builder().tensorParallel(Parallelism.AUTO)
                .pipelineParallel(Parallelism.AUTO).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot both be above 1");
        assertThatThrownBy(() -> PlanRequest.builder().tensorParallel(Parallelism.AUTO)
                .pipelineParallel(Parallelism.of(2)).build())
                .isInstanceOf(IllegalStateException.class);
        // auto with the other at 1 is fine
        assertThat(PlanRequest.builder().tensorParallel(Parallelism.AUTO).pipelineParallel(Parallelism.of(1)).build()
                .tensorParallel().auto()).isTrue();
    }

    @Test
    void pipelineParallelFourStages() {
        PlanResult pp4 = plan(seventyB(Plans.llama70b(), 20).pipelineParallel(Parallelism.of(4)));
        assertThat(pp4.candidates()).anyMatch(c -> c.quant().equals("FP16"));
        assertThat(pp4.candidates()).allSatisfy(c -> {
            assertThat(c.pipelineParallel()).isEqualTo(4);
            assertThat(c.tensorParallel()).isEqualTo(1);
            assertThat(c.gpusTotal()).isEqualTo(4 * c.replicas());
            assertThat(c.vramPerGpuGb()).isLessThanOrEqualTo(80);
            assertThat(c.warnings()).anyMatch(w -> w.startsWith("pipeline-parallel PP=4"));
        });
        Candidate vllm = get(pp4, "FP16", Backend.VLLM);
        assertThat(vllm.batchPerGpu()).isEqualTo(102);
        assertThat(vllm.p95LatencyMs()).isEqualTo(4527.2);
    }

    @Test
    void autoPipelineParallel() {
        ModelSpec nativeFp16 = Plans.llama70b().toBuilder().nativeQuant("FP16").build();
        PlanResult auto = plan(seventyB(nativeFp16, 1).pipelineParallel(Parallelism.AUTO));
        assertThat(auto.candidates()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.pipelineParallel()).isGreaterThan(1);
            assertThat(c.tensorParallel()).isEqualTo(1);
            assertThat(c.vramPerGpuGb()).isLessThanOrEqualTo(80);
        });
    }

    @Test
    void autoDegreeReportsWhenEvenEightGpusAreNotEnough() {
        ModelSpec huge = ModelSpec.builder("acme/huge").paramsB(2000).architecture(120, 8, 128).hiddenSize(16384)
                .nativeQuant("FP16").build();
        PlanResult tp = plan(PlanRequest.builder().model(huge).hardware("H100 80GB").budgetUsdPerMonth(1e9)
                .tensorParallel(Parallelism.AUTO));
        assertThat(tp.candidates()).isEmpty();
        assertThat(tp.whyNothingFit()).containsExactly("acme/huge: blocked at vram gate - exceeds VRAM even at TP=8");
        PlanResult pp = plan(PlanRequest.builder().model(huge).hardware("H100 80GB").budgetUsdPerMonth(1e9)
                .pipelineParallel(Parallelism.AUTO));
        assertThat(pp.whyNothingFit()).containsExactly("acme/huge: blocked at vram gate - exceeds VRAM even at PP=8");
    }

    // --- MoE and MLA ------------------------------------------------------------------------

    private static ModelSpec mixtral() {
        return ModelSpec.builder("mistralai/Mixtral-8x7B-v0.1").paramsB(46.7).architecture(32, 8, 128)
                .hiddenSize(4096).numExperts(8).expertsPerToken(2).moeIntermediateSize(14336).build();
    }

    @Test
    void moeSizesMemoryOnTotalAndSpeedOnActiveParameters() {
        ModelSpec moe = mixtral();
        ModelSpec dense = ModelSpec.builder(moe.name()).paramsB(46.7).architecture(32, 8, 128).hiddenSize(4096).build();
        java.util.function.Supplier<PlanRequest.Builder> base = () -> PlanRequest.builder().hardware("H100 80GB")
                .requestRate(1).latencySloMs(60000).budgetUsdPerMonth(1e9);
        PlanResult moePlan = plan(base.get().model(moe));
        PlanResult densePlan = plan(base.get().model(dense));
        Candidate m = get(moePlan, "Q8_0", Backend.OLLAMA);
        Candidate d = get(densePlan, "Q8_0", Backend.OLLAMA);
        assertThat(m.vramPerGpuGb()).isEqualTo(d.vramPerGpuGb()).isEqualTo(50.24);
        assertThat(m.singleStreamTps()).isEqualTo(110.0);
        assertThat(d.singleStreamTps()).isEqualTo(30.3);
        assertThat(m.singleStreamTps()).isGreaterThan(2 * d.singleStreamTps());
        assertThat(m.ttftMs()).isEqualTo(33.3);
        assertThat(d.ttftMs()).isEqualTo(120.9);
        assertThat(m.paramsB()).isEqualTo(46.7);
        assertThat(m.activeParamsB()).isEqualTo(12.8771);
        assertThat(d.activeParamsB()).isEqualTo(46.7);
        assertThat(moePlan.candidates()).allMatch(c -> c.warnings().stream().anyMatch(w -> w.startsWith(
                "MoE: 12.8771B of 46.7B params active per token (2/8 experts).")));
        assertThat(densePlan.candidates()).allMatch(c -> c.warnings().stream().noneMatch(w -> w.startsWith("MoE")));
    }

    @Test
    void mlaLatentCacheMultipliesConcurrency() {
        ModelSpec v3 = ModelSpec.builder("deepseek-ai/DeepSeek-V3").paramsB(671).architecture(61, 128, 56)
                .hiddenSize(7168).numExperts(256).expertsPerToken(8).moeIntermediateSize(2048).nDenseLayers(3)
                .kvLoraRank(512).qkRopeHeadDim(64).build();
        ModelSpec stripped = v3.toBuilder().kvLoraRank(0).qkRopeHeadDim(0).build();
        java.util.function.Supplier<PlanRequest.Builder> base = () -> PlanRequest.builder().hardware("H200 141GB")
                .tensorParallel(Parallelism.of(8)).contextLength(8192).qualityTarget(0).budgetUsdPerMonth(1e9);
        PlanResult mla = plan(base.get().model(v3));
        PlanResult gqa = plan(base.get().model(stripped));
        assertThat(mla.candidates()).isNotEmpty();
        assertThat(mla.candidates()).allMatch(c -> c.warnings().stream().anyMatch(w -> w.startsWith(
                "MLA attention: KV cached as a 512-wide latent + 64 RoPE dims per layer")));
        assertThat(gqa.candidates()).allMatch(c -> c.warnings().stream().noneMatch(w -> w.startsWith("MLA")));
        assertThat(mla.candidates()).filteredOn(c -> c.quant().equals("FP8")).isNotEmpty()
                .allMatch(c -> c.maxConcurrentSeqs() == 503);
        assertThat(gqa.candidates()).filteredOn(c -> c.quant().equals("FP8")).isNotEmpty()
                .allMatch(c -> c.maxConcurrentSeqs() == 20);
    }
}
