package io.chimeraforge.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.model.Architecture;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.model.RegistryModel;
import io.chimeraforge.core.quant.Quantization;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VRAM, KV cache and KV-bound concurrency (spec 2.3-2.5, 4.1; section 8 items 8-13). */
class MemoryModelTest {

    private static final Architecture LLAMA_3B = Architecture.of(28, 8, 128);
    private static final double GIB = 1024.0 * 1024 * 1024;
    /** The reference's VRAMModel() defaults: overhead 1.10, no activations. */
    /** v0.30.0's figures (weights in decimal GB at the capacity sites), pinned under compat reference. */
    private static final PhysicsConstants V030 = PhysicsConstants.of(Compat.REFERENCE);
    private final MemoryModel defaults = new MemoryModel(FittedModels.Vram.DEFAULTS, V030);
    private final MemoryModel bundled = new MemoryModel(FittedModels.bundled().vram(), V030);
    private final MemoryModel corrected = new MemoryModel(FittedModels.bundled().vram());

    @Test
    void kvCacheIsByteExactAndLinearInEveryFactor() {
        double kv = MemoryModel.kvCacheGb(LLAMA_3B, 2048, 1, 2.0);
        assertThat(kv).isEqualTo(234_881_024 / GIB).isEqualTo(0.21875);
        assertThat(MemoryModel.kvCacheGb(LLAMA_3B, 4096, 1, 2.0)).isEqualTo(2 * kv);
        assertThat(MemoryModel.kvCacheGb(LLAMA_3B, 2048, 2, 2.0)).isEqualTo(2 * kv);
        assertThat(MemoryModel.kvCacheGb(Architecture.of(28, 16, 128), 2048, 1, 2.0)).isEqualTo(2 * kv);
        assertThat(MemoryModel.kvCacheGb(LLAMA_3B, 2048, 1, 1.0)).isEqualTo(kv / 2);
        assertThat(MemoryModel.kvCacheGb(LLAMA_3B, 2048, 1, 0.5)).isEqualTo(kv / 4);
        assertThat(KvPrecision.FP16.bytesPerElement()).isEqualTo(2.0);
        assertThat(KvPrecision.Q8.bytesPerElement()).isEqualTo(1.0);
        assertThat(KvPrecision.Q4.bytesPerElement()).isEqualTo(0.5);
    }

    @Test
    void kvPrecisionParsing() {
        assertThat(KvPrecision.fromId("Q8")).contains(KvPrecision.Q8);
        assertThat(KvPrecision.fromId("fp16")).contains(KvPrecision.FP16);
        assertThat(KvPrecision.fromId("q3")).isEmpty();
        assertThat(KvPrecision.fromId(null)).isEmpty();
        assertThat(KvPrecision.FP16.quantized()).isFalse();
        assertThat(KvPrecision.Q4.quantized()).isTrue();
    }

    @Test
    void vramOfRegistryModelsWithBundledCoefficients() {
        double fp16 = bundled.vramPerGpuGb(3.21, "FP16", 2048, LLAMA_3B, 2.0, 1, 1);
        // 3.21*2*1.0580478 + 0.21875 + 0.0090954*28*2
        assertThat(fp16).isCloseTo(7.521, within(0.0005)).isBetween(6.5, 8.5);
        double longContext = bundled.vramPerGpuGb(3.21, "FP16", 32768, LLAMA_3B, 2.0, 1, 1);
        assertThat(longContext).isCloseTo(18.44, within(0.005)).isLessThan(20.0);
        double q4 = bundled.vramPerGpuGb(3.21, "Q4_K_M", 2048, LLAMA_3B, 2.0, 1, 1);
        assertThat(q4).isCloseTo(2.639, within(0.0005)).isLessThan(fp16);
        double llama8b = bundled.vramPerGpuGb(8.03, "FP16", 2048, Architecture.of(32, 8, 128), 2.0, 1, 1);
        assertThat(llama8b).isCloseTo(17.824, within(0.0005)).isBetween(8.0, 30.0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // ladder order: FP16, FP8, Q8_0, Q6_K, Q5_K_M, AWQ, GPTQ, Q4_K_M, Q3_K_S, Q2_K
        "qwen2.5-0.5b | 1.497, 0.978, 0.978, 0.881, 0.816, 0.752, 0.752, 0.752, 0.687, 0.622",
        "llama3.2-1b  | 2.978, 1.666, 1.666, 1.42, 1.256, 1.092, 1.092, 1.092, 0.928, 0.764",
        "qwen2.5-1.5b | 3.823, 2.193, 2.193, 1.888, 1.684, 1.481, 1.481, 1.481, 1.277, 1.073",
        "phi-2        | 7.09, 4.148, 4.148, 3.597, 3.229, 2.862, 2.862, 2.862, 2.494, 2.126",
        "qwen2.5-3b   | 7.264, 3.995, 3.995, 3.382, 2.973, 2.564, 2.564, 2.564, 2.156, 1.747",
        "llama3.2-3b  | 7.521, 4.124, 4.124, 3.488, 3.063, 2.639, 2.639, 2.639, 2.214, 1.789",
        "llama3.1-8b  | 17.824, 9.328, 9.328, 7.735, 6.673, 5.611, 5.611, 5.611, 4.549, 3.487",
    })
    void registryVramTableAt2048(String model, String figures) {
        RegistryModel m = ModelRegistry.bundled().find(model).orElseThrow();
        List<String> expected = List.of(figures.split(",\\s*"));
        for (int i = 0; i < Quantization.LADDER.size(); i++) {
            String quant = Quantization.LADDER.get(i);
            double vram = bundled.vramPerGpuGb(m.paramsB(), quant, 2048, m.architecture(), 2.0, 1, 1);
            assertThat(vram).as("%s %s", model, quant).isCloseTo(Double.parseDouble(expected.get(i)), within(0.0005));
        }
    }

    @Test
    void tensorParallelShardsWeightsAndKv() {
        Architecture llama70 = Architecture.of(80, 8, 128);
        double tp1 = defaults.vramPerGpuGb(70, "FP16", 8192, llama70, 2.0, 1, 1);
        double tp4 = defaults.vramPerGpuGb(70, "FP16", 8192, llama70, 2.0, 4, 1);
        assertThat(tp1).isCloseTo(156.5, within(1e-9)).isGreaterThan(80);
        assertThat(tp4).isCloseTo(39.125, within(1e-9)).isLessThan(80);
    }

    @Test
    void kvShardingUnderTensorParallelIsCappedAtTheKvHeadCount() {
        Architecture twoHeads = Architecture.of(32, 2, 128);
        MemoryModel plain = new MemoryModel(new FittedModels.Vram(1.0, 0.0, false), V030);
        double tp2 = plain.vramPerGpuGb(4, "Q8_0", 2048, twoHeads, 2.0, 2, 1);
        double tp8 = plain.vramPerGpuGb(4, "Q8_0", 2048, twoHeads, 2.0, 8, 1);
        // weights shrink 4/2 -> 4/8; KV stays split over 2 ranks in both
        assertThat(tp2 - tp8).isCloseTo(1.5, within(1e-12));
        assertThat(MemoryModel.kvShards(twoHeads, 8, 1)).isEqualTo(2);
        assertThat(MemoryModel.kvShards(twoHeads, 1, 8)).isEqualTo(8);
        double pp8 = plain.vramPerGpuGb(4, "Q8_0", 2048, twoHeads, 2.0, 1, 8);
        assertThat(pp8).isLessThanOrEqualTo(tp8);
    }

    @Test
    void maxConcurrentSequencesWithReferenceDefaults() {
        int on24 = defaults.maxConcurrentSeqs(3.21, "Q4_K_M", LLAMA_3B, 2048, 24, 2.0, 1, 1);
        int on12 = defaults.maxConcurrentSeqs(3.21, "Q4_K_M", LLAMA_3B, 2048, 12, 2.0, 1, 1);
        assertThat(on24).isGreaterThan(on12);
        assertThat(on12).isPositive();
        int shortContext = defaults.maxConcurrentSeqs(3.21, "Q4_K_M", LLAMA_3B, 1024, 24, 2.0, 1, 1);
        int longContext = defaults.maxConcurrentSeqs(3.21, "Q4_K_M", LLAMA_3B, 8192, 24, 2.0, 1, 1);
        assertThat(shortContext).isGreaterThan(longContext);
        int fp16 = defaults.maxConcurrentSeqs(3.21, "FP16", LLAMA_3B, 2048, 24, 2.0, 1, 1);
        assertThat(fp16).isLessThan(on24);
        assertThat(defaults.maxConcurrentSeqs(70, "FP16", Architecture.of(80, 8, 128), 2048, 24, 2.0, 1, 1)).isZero();
        assertThat(defaults.maxConcurrentSeqs(8.03, "Q4_K_M", LLAMA_3B, 8192, 80, 2.0, 1, 1)).isEqualTo(76);
        assertThat(defaults.maxConcurrentSeqs(8.03, "Q4_K_M", LLAMA_3B, 8192, 80, 0.5, 1, 1)).isEqualTo(306);
    }

    /** Spec planner-corrections b1-b3: weights x GB_TO_GIB where they meet capacity, nowhere else. */
    @Test
    void correctedWeightsAreGibAtTheThreeCapacitySites() {
        Architecture llama8b = Architecture.of(32, 8, 128);
        assertThat(bundled.vramPerGpuGb(8.03, "FP16", 2048, llama8b, 2.0, 1, 1)).isCloseTo(17.8244, within(0.00005));
        assertThat(corrected.vramPerGpuGb(8.03, "FP16", 2048, llama8b, 2.0, 1, 1)).isCloseTo(16.6574, within(0.00005));
        double ov = FittedModels.bundled().vram().overheadFactor();
        double kvAndAct = bundled.vramPerGpuGb(3.21, "FP16", 2048, LLAMA_3B, 2.0, 1, 1) - 3.21 * 16 / 8 * ov;
        assertThat(corrected.vramPerGpuGb(3.21, "FP16", 2048, LLAMA_3B, 2.0, 1, 1))
                .isCloseTo(3.21 * 16 / 8 * PhysicsConstants.GB_TO_GIB * ov + kvAndAct, within(1e-9));
        // b2 on the RTX 4090: free memory 4.03 GB -> 16 sequences; 5.19 GiB -> 20
        assertThat(bundled.maxConcurrentSeqs(8.03, "FP16", llama8b, 2048, 24, 2.0, 1, 1)).isEqualTo(16);
        assertThat(corrected.maxConcurrentSeqs(8.03, "FP16", llama8b, 2048, 24, 2.0, 1, 1)).isEqualTo(20);
        // b3: the offload share's denominator, no overhead factor
        assertThat(bundled.weightGbPerGpu(8.03, "Q3_K_S", 1, 1)).isCloseTo(3.5131, within(0.00005));
        assertThat(corrected.weightGbPerGpu(8.03, "Q3_K_S", 1, 1)).isCloseTo(3.2719, within(0.00005));
        // the KV term is not converted
        assertThat(MemoryModel.kvCacheGb(llama8b, 2048, 1, 2.0)).isEqualTo(0.25);
    }

    @Test
    void maxConcurrentSequencesWithBundledCoefficients() {
        assertThat(bundled.maxConcurrentSeqs(1.54, "Q6_K", Architecture.of(28, 2, 128), 2048, 12, 2.0, 1, 1))
                .isEqualTo(163);
        assertThat(MemoryModel.KV_CACHE_UTILISATION).isEqualTo(0.9);
    }

    @Test
    void activationsAreLinearInContext() {
        double at2k = bundled.activationGb(LLAMA_3B, 2048);
        assertThat(bundled.activationGb(LLAMA_3B, 4096)).isCloseTo(2 * at2k, within(1e-12));
        assertThat(at2k).isCloseTo(0.00909537188657266 * 28 * 2, within(1e-15));
        assertThat(defaults.activationGb(LLAMA_3B, 2048)).isZero();
    }

    @Test
    void mlaLatentCacheIsFiftySevenTimesSmallerThanGqa() {
        ModelSpec v3 = io.chimeraforge.core.model.ModelSpec.builder("deepseek-ai/DeepSeek-V3").paramsB(671)
                .architecture(61, 128, 128).hiddenSize(7168).kvLoraRank(512).qkRopeHeadDim(64).build();
        double mla = MemoryModel.kvCacheGb(v3.architecture(), 8192, 1, 2.0);
        double gqa = MemoryModel.kvCacheGb(Architecture.of(61, 128, 128), 8192, 1, 2.0);
        assertThat(mla).isCloseTo(0.5361, within(0.00005));
        assertThat(gqa).isEqualTo(30.5);
        assertThat(gqa / mla).isCloseTo(32768.0 / 576, within(1e-9));

        ModelSpec partial = v3.toBuilder().qkRopeHeadDim(0).nKvHeads(8).build();
        assertThat(MemoryModel.kvCacheGb(partial.architecture(), 8192, 1, 2.0))
                .isEqualTo(MemoryModel.kvCacheGb(Architecture.of(61, 8, 128), 8192, 1, 2.0));
    }

    @Test
    void slidingWindowCapsLocalLayers() {
        ModelSpec gemma3 = ModelSpec.builder("google/gemma-3-12b-it").paramsB(12).architecture(48, 8, 240)
                .hiddenSize(3840).slidingWindow(1024).swaGlobalEvery(6).build();
        double swa = MemoryModel.kvCacheGb(gemma3.architecture(), 8192, 1, 2.0);
        assertThat(swa).isCloseTo(48 * ((8 * 8192 + 40 * 1024) / 48.0) * 3840 * 2 / GIB, within(1e-12));
        assertThat(swa).isCloseTo(0.7617, within(0.00005));
        assertThat(MemoryModel.kvCacheGb(Architecture.of(48, 8, 240), 8192, 1, 2.0)).isEqualTo(2.8125);

        // a window at least as long as the context changes nothing
        ModelSpec wideWindow = gemma3.toBuilder().slidingWindow(8192).build();
        assertThat(MemoryModel.kvCacheGb(wideWindow.architecture(), 2048, 1, 2.0))
                .isEqualTo(MemoryModel.kvCacheGb(Architecture.of(48, 8, 240), 2048, 1, 2.0));

        // a window without a layer pattern is ignored (conservative)
        ModelSpec mistral = ModelSpec.builder("mistral").paramsB(7.24).architecture(32, 8, 128).slidingWindow(4096)
                .build();
        assertThat(MemoryModel.kvCacheGb(mistral.architecture(), 32768, 1, 2.0))
                .isEqualTo(MemoryModel.kvCacheGb(Architecture.of(32, 8, 128), 32768, 1, 2.0));
    }
}
