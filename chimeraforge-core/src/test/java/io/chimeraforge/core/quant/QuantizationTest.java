package io.chimeraforge.core.quant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The quantization table, format families and backend support (spec 2.2; section 8 items 1 and 3). */
class QuantizationTest {

    @Test
    void ladderIsTheReferenceOrderWithNonIncreasingBits() {
        assertThat(Quantization.LADDER).containsExactly(
                "FP16", "FP8", "Q8_0", "Q6_K", "Q5_K_M", "AWQ", "GPTQ", "Q4_K_M", "Q3_K_S", "Q2_K");
        List<Double> bits = Quantization.LADDER.stream().map(Quantization::bitsPerWeight).toList();
        assertThat(bits).containsExactly(16.0, 8.0, 8.0, 6.5, 5.5, 4.5, 4.5, 4.5, 3.5, 2.5);
        for (int i = 1; i < bits.size(); i++) {
            assertThat(bits.get(i)).isLessThanOrEqualTo(bits.get(i - 1));
        }
        assertThat(Quantization.LADDER).allMatch(Quantization::isKnown);
    }

    @ParameterizedTest(name = "{0} = {1} bpw")
    @CsvSource({
        "FP32, 32.0", "FP16, 16.0", "BF16, 16.0", "FP8, 8.0", "AWQ, 4.5", "GPTQ, 4.5", "Q8_0, 8.0", "Q6_K, 6.5",
        "Q5_K_M, 5.5", "Q5_K_S, 5.4", "Q5_1, 6.0", "Q5_0, 5.5", "Q4_K_M, 4.5", "Q4_K_S, 4.4", "Q4_1, 5.0",
        "Q4_0, 4.5", "Q3_K_L, 4.3", "Q3_K_M, 3.9", "Q3_K_S, 3.5", "Q2_K, 2.5", "Q2_K_S, 2.3", "IQ4_NL, 4.5",
        "IQ4_XS, 4.25", "IQ3_S, 3.4", "IQ3_XXS, 3.06", "IQ2_M, 2.7", "IQ2_XXS, 2.06", "IQ1_S, 1.56",
    })
    void bitsPerWeightTable(String quant, double bpw) {
        assertThat(Quantization.isKnown(quant)).isTrue();
        assertThat(Quantization.bitsPerWeight(quant)).isEqualTo(bpw);
        assertThat(Quantization.knownBitsPerWeight(quant)).hasValue(bpw);
    }

    @Test
    void tableHoldsExactlyTheTwentyEightReferenceQuantizations() {
        assertThat(Quantization.known()).hasSize(28);
    }

    @Test
    void unknownQuantizationCountsAsSixteenBits() {
        assertThat(Quantization.isKnown("Q9_X")).isFalse();
        assertThat(Quantization.bitsPerWeight("Q9_X")).isEqualTo(16.0);
        assertThat(Quantization.knownBitsPerWeight("Q9_X")).isEmpty();
        // names are case-sensitive upper-case spellings
        assertThat(Quantization.isKnown("q4_k_m")).isFalse();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "FP16, FLOAT", "BF16, FLOAT", "FP32, FLOAT", "FP8, FP8", "AWQ, W4A16", "GPTQ, W4A16",
        "Q4_K_M, GGUF", "IQ4_XS, GGUF", "Q8_0, GGUF", "Q2_K, GGUF",
    })
    void formatFamilies(String quant, FormatFamily family) {
        assertThat(Quantization.family(quant)).isEqualTo(family);
    }

    @Test
    void familyIdentifiersAreTheReferenceSpellings() {
        assertThat(FormatFamily.FLOAT.id()).isEqualTo("float");
        assertThat(FormatFamily.FP8.id()).isEqualTo("fp8");
        assertThat(FormatFamily.GGUF.id()).isEqualTo("gguf");
        assertThat(FormatFamily.W4A16.id()).isEqualTo("w4a16");
    }

    @Test
    void batchingBackendsServeFloatFp8AndW4a16ButNotGguf() {
        for (Backend backend : List.of(Backend.VLLM, Backend.TGI, Backend.SGLANG)) {
            for (String quant : List.of("FP16", "FP8", "AWQ", "GPTQ")) {
                assertThat(backend.serves(Quantization.family(quant))).as("%s serves %s", backend, quant).isTrue();
            }
            assertThat(backend.serves(Quantization.family("Q4_K_M"))).as("%s serves Q4_K_M", backend).isFalse();
            assertThat(backend.continuousBatching()).isTrue();
        }
    }

    @Test
    void ollamaServesGgufAndFloatOnly() {
        assertThat(Backend.OLLAMA.serves(Quantization.family("Q4_K_M"))).isTrue();
        assertThat(Backend.OLLAMA.serves(Quantization.family("FP16"))).isTrue();
        for (String quant : List.of("FP8", "AWQ", "GPTQ")) {
            assertThat(Backend.OLLAMA.serves(Quantization.family(quant))).as("ollama serves %s", quant).isFalse();
        }
        assertThat(Backend.OLLAMA.continuousBatching()).isFalse();
    }

    @Test
    void backendsAreEvaluatedInReferenceOrder() {
        assertThat(Backend.evaluationOrder()).extracting(Backend::id)
                .containsExactly("ollama", "vllm", "tgi", "sglang");
        assertThat(Backend.fromId("VLLM")).contains(Backend.VLLM);
        // an engine the planner does not evaluate is not a Backend at all
        assertThat(Backend.fromId("tensorrt-llm")).isEmpty();
        assertThat(Backend.fromId(null)).isEmpty();
    }
}
