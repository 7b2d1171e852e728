package io.chimeraforge.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Identity parsing and the offline approximation to a registry model (spec 4.3). */
class ModelIdentityTest {

    private final ModelRegistry registry = ModelRegistry.bundled();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "llama3.2:3b, llama3.2",
        "Qwen/Qwen2.5-1.5B-Instruct, qwen2.5",
        "meta-llama/Llama-3.1-8B-Instruct, llama3.1",
        "meta-llama/Llama-3.3-70B-Instruct, llama3.3",
        "google/gemma-3-12b-it, gemma3",
        "google/gemma-2-9b-it, gemma2",
        "mistralai/Mistral-7B-Instruct-v0.3, mistral",
        "HuggingFaceTB/SmolLM2-1.7B-Instruct, smollm",
        "Qwen/Qwen3-8B, qwen3",
        "microsoft/phi-4, phi",
        "phi3:mini, phi",
    })
    void parseFamily(String id, String family) {
        assertThat(ModelIdentity.parseFamily(id, registry)).contains(family);
    }

    @Test
    void unknownFamilyIsEmpty() {
        assertThat(ModelIdentity.parseFamily("acme/widget-7b", registry)).isEmpty();
        assertThat(ModelIdentity.parseFamily("totally-novel-9000", registry)).isEmpty();
    }

    @Test
    void parseParamsTakesTheFirstNumberBeforeB() {
        assertThat(ModelIdentity.parseParamsB("llama3.2:3b")).hasValue(3.0);
        assertThat(ModelIdentity.parseParamsB("Qwen/Qwen2.5-1.5B-Instruct")).hasValue(1.5);
        assertThat(ModelIdentity.parseParamsB("llama3.1:70b")).hasValue(70.0);
        assertThat(ModelIdentity.parseParamsB("model 8 B")).hasValue(8.0);
        assertThat(ModelIdentity.parseParamsB("phi3:mini")).isEmpty();
        // "\b" after the b: "7bit" is not a size
        assertThat(ModelIdentity.parseParamsB("foo-7bit")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "llama3.2:1b-instruct-q8_0, Q8_0",
        "llama3.1:8b-instruct-q4_K_M, Q4_K_M",
        "x/y:q4_0, Q4_0",
        "model-f16, FP16",
        "model-f32, FP32",
        "model-bf16, BF16",
        "model-iq4_xs, IQ4_XS",
    })
    void parseQuant(String id, String quant) {
        assertThat(ModelIdentity.parseQuant(id)).contains(quant);
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama3.2:3b", "model-q9_z", "Qwen/Qwen2.5-1.5B-Instruct"})
    void parseQuantIsEmptyWithoutAKnownQuantToken(String id) {
        assertThat(ModelIdentity.parseQuant(id)).isEmpty();
    }

    @Test
    void parseVariant() {
        assertThat(ModelIdentity.parseVariant("llama3.2:1b-instruct-q8_0")).contains("instruct");
        assertThat(ModelIdentity.parseVariant("google/gemma-2-9b-it")).contains("instruct");
        assertThat(ModelIdentity.parseVariant("some-chat-model")).contains("chat");
        assertThat(ModelIdentity.parseVariant("Some-BASE")).contains("base");
        assertThat(ModelIdentity.parseVariant("llama3.2:3b")).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "llama3.2-3b, llama3.2-3b",
        "llama3.2:3b, llama3.2-3b",
        "llama3.2:1b-instruct-q8_0, llama3.2-1b",
        "Qwen/Qwen2.5-1.5B-Instruct, qwen2.5-1.5b",
        // a single-member family maps when the identifier states no size, or a size within 50%
        "phi3:mini, phi-2",
        "phi:latest, phi-2",
        "microsoft/phi-4, phi-2",
        "llama3.1:8b, llama3.1-8b",
        "llama3.1:8.1b, llama3.1-8b",
        "llama3.1:latest, llama3.1-8b",
        "llama3.1:0b, llama3.1-8b",
    })
    void approximate(String id, String registryName) {
        assertThat(ModelIdentity.approximate(id, registry)).map(RegistryModel::name).contains(registryName);
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2.5:7b", "mistral:7b", "llama3.2", "acme/widget-3b",
        // a parsed size is always honoured, also in single-member families (never the 8B for a 405B)
        "meta-llama/Llama-3.1-405B", "llama3.1:405b", "llama3.1:70b", "llama3.1-70b", "phi:14b", "phi-7b",
        "phi4:14b"})
    void approximateRefuses(String id) {
        // qwen2.5:7b: nearest member 3.09B is 56% away; mistral has no registry member;
        // "llama3.2" names a two-member family but no size
        assertThat(ModelIdentity.approximate(id, registry)).isEmpty();
    }
}
