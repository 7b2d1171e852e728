package io.chimeraforge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** ModelSpec derived facts: MoE active parameters, MLA, sliding window (spec 2.9, 2.4; section 8 item 19). */
class ModelSpecTest {

    static ModelSpec mixtral() {
        return ModelSpec.builder("mistralai/Mixtral-8x7B-v0.1").paramsB(46.7).architecture(32, 8, 128)
                .hiddenSize(4096).numExperts(8).expertsPerToken(2).moeIntermediateSize(14336).build();
    }

    static ModelSpec deepSeekV3() {
        return ModelSpec.builder("deepseek-ai/DeepSeek-V3").paramsB(671).architecture(61, 128, 56)
                .hiddenSize(7168).numExperts(256).expertsPerToken(8).moeIntermediateSize(2048).nDenseLayers(3)
                .kvLoraRank(512).qkRopeHeadDim(64).build();
    }

    static ModelSpec qwen3MoE() {
        return ModelSpec.builder("Qwen/Qwen3-30B-A3B").paramsB(30.5).architecture(48, 4, 128)
                .hiddenSize(2048).numExperts(128).expertsPerToken(8).moeIntermediateSize(768).build();
    }

    @Test
    void moeActiveParameters() {
        assertThat(mixtral().isMoe()).isTrue();
        assertThat(mixtral().activeParamsB()).isEqualTo(12.8771);
        assertThat(deepSeekV3().activeParamsB()).isEqualTo(37.5259);
        assertThat(qwen3MoE().activeParamsB()).isEqualTo(3.3209);
        // the reference's own sanity bands
        assertThat(mixtral().activeParamsB()).isCloseTo(12.9, within(0.1));
        assertThat(deepSeekV3().activeParamsB()).isCloseTo(37.0, within(1.0));
        assertThat(qwen3MoE().activeParamsB()).isCloseTo(3.3, within(0.1));
    }

    @Test
    void denseAndRegistryModelsAreFullyActive() {
        ModelSpec dense = ModelSpec.builder("dense").paramsB(7.24).architecture(32, 8, 128).hiddenSize(4096).build();
        assertThat(dense.isMoe()).isFalse();
        assertThat(dense.activeParamsB()).isEqualTo(7.24);
        ModelSpec registry = ModelRegistry.bundled().spec("llama3.1-8b").orElseThrow();
        assertThat(registry.activeParamsB()).isEqualTo(8.03);
    }

    @Test
    void incompleteOrDegenerateMoeFallsBackToTotal() {
        ModelSpec base = mixtral();
        ModelSpec noHidden = ModelSpec.builder("m").paramsB(46.7).architecture(32, 8, 128)
                .numExperts(8).expertsPerToken(2).moeIntermediateSize(14336).build();
        assertThat(noHidden.activeParamsB()).isEqualTo(46.7);
        ModelSpec noExpertWidth = base.toBuilder().moeIntermediateSize(0).build();
        assertThat(noExpertWidth.activeParamsB()).isEqualTo(46.7);
        ModelSpec topKEqualsExperts = base.toBuilder().expertsPerToken(8).build();
        assertThat(topKEqualsExperts.isMoe()).isFalse();
        assertThat(topKEqualsExperts.activeParamsB()).isEqualTo(46.7);
        ModelSpec allDense = base.toBuilder().nDenseLayers(32).build();
        assertThat(allDense.activeParamsB()).isEqualTo(46.7);
        ModelSpec moreDenseThanLayers = base.toBuilder().nDenseLayers(40).build();
        assertThat(moreDenseThanLayers.activeParamsB()).isEqualTo(46.7);
    }

    @Test
    void absurdExpertWidthNeverMakesActiveParamsNonPositive() {
        ModelSpec absurd = mixtral().toBuilder().moeIntermediateSize(1_000_000_000).build();
        assertThat(absurd.activeParamsB()).isPositive().isLessThanOrEqualTo(46.7);
        ModelSpec wide = mixtral().toBuilder().moeIntermediateSize(200_000).build();
        assertThat(wide.activeParamsB()).isPositive().isLessThanOrEqualTo(46.7);
    }

    @Test
    void mlaNeedsBothLatentFields() {
        ModelSpec v3 = deepSeekV3();
        assertThat(v3.isMla()).isTrue();
        assertThat(v3.kvElemsPerTokenPerLayer()).isEqualTo(576);
        assertThat(v3.architecture().cachedElementsPerTokenPerLayer()).isEqualTo(576);

        ModelSpec partial = ModelSpec.builder("partial").paramsB(10).architecture(61, 8, 128).kvLoraRank(512).build();
        assertThat(partial.isMla()).isFalse();
        assertThat(partial.kvElemsPerTokenPerLayer()).isZero();
        assertThat(partial.architecture().cachedElementsPerTokenPerLayer()).isEqualTo(2 * 8 * 128);
        ModelSpec otherPartial = ModelSpec.builder("partial").paramsB(10).architecture(61, 8, 128).qkRopeHeadDim(64)
                .build();
        assertThat(otherPartial.architecture().cachedElementsPerTokenPerLayer()).isEqualTo(2048);
    }

    @Test
    void slidingWindowAppliesOnlyWithItsLayerPattern() {
        ModelSpec gemma3 = ModelSpec.builder("google/gemma-3-12b-it").paramsB(12).architecture(48, 8, 240)
                .hiddenSize(3840).slidingWindow(1024).swaGlobalEvery(6).build();
        assertThat(gemma3.architecture().hasSlidingWindowPattern()).isTrue();
        assertThat(gemma3.architecture().swaWindow()).isEqualTo(1024);
        assertThat(gemma3.architecture().swaGlobalEvery()).isEqualTo(6);

        ModelSpec mistral = ModelSpec.builder("mistral").paramsB(7.24).architecture(32, 8, 128).slidingWindow(4096)
                .build();
        assertThat(mistral.slidingWindow()).hasValue(4096);
        assertThat(mistral.architecture().hasSlidingWindowPattern()).isFalse();
        assertThat(mistral.architecture().swaWindow()).isZero();
    }

    @Test
    void builderDefaultsAndValidation() {
        ModelSpec spec = ModelSpec.builder("x").paramsB(1).architecture(2, 3, 4).build();
        assertThat(spec.source()).isEqualTo(ModelSource.MANUAL);
        assertThat(spec.hiddenSize()).isEmpty();
        assertThat(spec.registryAlias()).isEmpty();
        assertThat(spec.withName("y").name()).isEqualTo("y");
        assertThat(spec.withName("y").paramsB()).isEqualTo(1.0);

        assertThatThrownBy(() -> ModelSpec.builder("x").architecture(2, 3, 4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paramsB");
        assertThatThrownBy(() -> ModelSpec.builder("x").paramsB(Double.NaN).architecture(2, 3, 4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("paramsB");
        assertThatThrownBy(() -> ModelSpec.builder("x").paramsB(1).architecture(0, 3, 4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nLayers");
        assertThatThrownBy(() -> ModelSpec.builder("x").hiddenSize(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hiddenSize");
        assertThatThrownBy(() -> ModelSpec.builder(" ").paramsB(1).architecture(2, 3, 4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
    }

    @Test
    void sourceIdentifiers() {
        assertThat(ModelSource.REGISTRY_APPROX.id()).isEqualTo("registry-approx");
        assertThat(ModelSource.fromId("HF")).isEqualTo(ModelSource.HF);
        assertThatThrownBy(() -> ModelSource.fromId("carrier-pigeon")).isInstanceOf(IllegalArgumentException.class);
    }
}
