package io.chimeraforge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.estimate.MemoryModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled model registry (spec 4.1, 4.2; section 8 item 2). */
class ModelRegistryTest {

    private final ModelRegistry registry = ModelRegistry.bundled();

    @Test
    void registryHoldsTheSevenCorpusModelsInOrder() {
        assertThat(registry.all()).extracting(RegistryModel::name).containsExactly(
                "qwen2.5-0.5b", "llama3.2-1b", "qwen2.5-1.5b", "phi-2", "qwen2.5-3b", "llama3.2-3b", "llama3.1-8b");
        assertThat(registry.families()).containsExactly("qwen2.5", "llama3.2", "phi", "llama3.1");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // model, params B, family, layers, kv heads, d_head, KV/seq @2048 fp16 GB
        "qwen2.5-0.5b, 0.49, qwen2.5, 24, 2, 64, 0.0234375",
        "llama3.2-1b, 1.24, llama3.2, 16, 8, 64, 0.0625",
        "qwen2.5-1.5b, 1.54, qwen2.5, 28, 2, 128, 0.0546875",
        "phi-2, 2.78, phi, 32, 32, 80, 0.625",
        "qwen2.5-3b, 3.09, qwen2.5, 36, 2, 128, 0.0703125",
        "llama3.2-3b, 3.21, llama3.2, 28, 8, 128, 0.21875",
        "llama3.1-8b, 8.03, llama3.1, 32, 8, 128, 0.25",
    })
    void registryRows(String name, double params, String family, int layers, int kvHeads, int dHead, double kvGb) {
        RegistryModel model = registry.find(name).orElseThrow();
        assertThat(model.paramsB()).isEqualTo(params);
        assertThat(model.family()).isEqualTo(family);
        assertThat(model.architecture()).isEqualTo(Architecture.of(layers, kvHeads, dHead));
        // byte-exact: every figure here is a dyadic fraction
        assertThat(MemoryModel.kvCacheGb(model.architecture(), 2048, 1, 2.0)).isEqualTo(kvGb);
    }

    @Test
    void everyArchitectureValueIsPositive() {
        for (RegistryModel model : registry.all()) {
            Architecture arch = model.architecture();
            assertThat(arch.nLayers()).as(model.name()).isPositive();
            assertThat(arch.nKvHeads()).as(model.name()).isPositive();
            assertThat(arch.dHead()).as(model.name()).isPositive();
            assertThat(arch.kvElemsPerTokenPerLayer()).as(model.name()).isZero();
            assertThat(arch.hasSlidingWindowPattern()).as(model.name()).isFalse();
        }
    }

    @Test
    void registrySpecIsSourceRegistryAliasedToItselfWithNoOptionalFacts() {
        for (RegistryModel model : registry.all()) {
            ModelSpec spec = registry.spec(model.name()).orElseThrow();
            assertThat(spec.name()).isEqualTo(model.name());
            assertThat(spec.paramsB()).isEqualTo(model.paramsB());
            assertThat(spec.architecture()).isEqualTo(model.architecture());
            assertThat(spec.family()).contains(model.family());
            assertThat(spec.source()).isEqualTo(ModelSource.REGISTRY);
            assertThat(spec.registryAlias()).contains(model.name());
            // no native quant, variant, hidden size, MoE/MLA/SWA facts for the seven registry names
            assertThat(spec.nativeQuant()).isEmpty();
            assertThat(spec.variant()).isEmpty();
            assertThat(spec.hiddenSize()).isEmpty();
            assertThat(spec.isMoe()).isFalse();
            assertThat(spec.isMla()).isFalse();
            assertThat(spec.activeParamsB()).isEqualTo(spec.paramsB());
        }
        assertThat(registry.spec("llama3.1-70b")).isEmpty();
    }

    @Test
    void lookupIsExactAndCaseSensitive() {
        assertThat(registry.contains("llama3.2-3b")).isTrue();
        assertThat(registry.contains("Llama3.2-3B")).isFalse();
        assertThat(registry.find("llama3.2:3b")).isEmpty();
    }

    @Test
    void defaultArchitectureIsThirtyTwoEightOneTwentyEight() {
        assertThat(Architecture.DEFAULT).isEqualTo(Architecture.of(32, 8, 128));
    }

    @Test
    void customRegistryRefusesDuplicates() {
        RegistryModel m = new RegistryModel("m", 1.0, "f", Architecture.of(1, 1, 1));
        assertThatThrownBy(() -> ModelRegistry.of(List.of(m, m))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m");
    }

    @Test
    void architectureRefusesNonPositiveGeometry() {
        assertThatThrownBy(() -> Architecture.of(0, 8, 128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nLayers");
        assertThatThrownBy(() -> Architecture.of(32, 0, 128)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nKvHeads");
        assertThatThrownBy(() -> Architecture.of(32, 8, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dHead");
    }
}
