package io.chimeraforge.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled corpus against the figures of spec 2.1, and {@link FittedModels#read} of the
 * reference's {@code fitted_models.json} format: defaults for missing keys, and a one-line error
 * naming the file for every kind of bad file.
 */
class FittedModelsTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertReadFails(Path file) {
        return assertThatThrownBy(() -> FittedModels.read(file))
                .isInstanceOf(CorpusFileException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).as("one line").doesNotContain("\n").doesNotContain("\r");
                    assertThat(e.getMessage()).contains(file.toString());
                });
    }

    // --- read(): errors ---------------------------------------------------------------------

    @Test
    void missingFile() {
        Path missing = dir.resolve("nope").resolve("fitted_models.json");
        assertReadFails(missing).hasMessage("models file not found: " + missing);
    }

    @Test
    void directory() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("a-directory.json"));
        assertReadFails(sub).hasMessageStartingWith("invalid models file '" + sub + "': ");
    }

    @Test
    void notJson() throws IOException {
        Path file = write("garbage.json", "this is not JSON at all");
        assertReadFails(file).hasMessageStartingWith("invalid models file '" + file + "': ");
    }

    @Test
    void truncatedMultiLineJson() throws IOException {
        Path file = write("truncated.json", "{\n  \"vram\": {\n    \"overhead_factor\": 1.1,\n");
        assertReadFails(file).hasMessageStartingWith("invalid models file '" + file + "': ");
    }

    @Test
    void emptyFile() throws IOException {
        Path file = write("empty.json", "");
        assertReadFails(file).hasMessageStartingWith("invalid models file '" + file + "': ");
    }

    @Test
    void topLevelArray() throws IOException {
        Path file = write("array.json", "[]");
        assertReadFails(file).hasMessageStartingWith("invalid models file '" + file + "': ")
                .hasMessageContaining("object");
    }

    @Test
    void topLevelNull() throws IOException {
        Path file = write("null.json", "null");
        assertReadFails(file).hasMessageStartingWith("invalid models file '" + file + "': ");
    }

    @Test
    void sectionOfWrongType() throws IOException {
        Path file = write("vram-number.json", "{\"vram\": 5}");
        assertReadFails(file).hasMessageStartingWith("invalid models file '" + file + "': ")
                .hasMessageContaining("vram");
        Path list = write("throughput-list.json", "{\"throughput\": [1, 2]}");
        assertReadFails(list).hasMessageContaining("throughput");
    }

    @Test
    void nonNumberLookupValue() throws IOException {
        Path file = write("lookup-string.json", "{\"throughput\": {\"lookup\": {\"m|ollama|FP16\": \"fast\"}}}");
        assertReadFails(file).hasMessageStartingWith("invalid models file '" + file + "': ")
                .hasMessageContaining("throughput.lookup")
                .hasMessageContaining("m|ollama|FP16");
    }

    @Test
    void nonNumberScalar() throws IOException {
        Path file = write("overhead-string.json", "{\"vram\": {\"overhead_factor\": \"1.1\"}}");
        assertReadFails(file).hasMessageContaining("overhead_factor");
        Path nested = write("quality-map.json", "{\"quality\": {\"quant_deltas\": {\"Q4_K_M\": [0.1]}}}");
        assertReadFails(nested).hasMessageContaining("quality.quant_deltas");
    }

    @Test
    void nonUtf8File() throws IOException {
        Path file = dir.resolve("latin1.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
        assertReadFails(file).hasMessageStartingWith("invalid models file '" + file + "': ");
    }

    // --- read(): defaults ------------------------------------------------------------------

    @Test
    void emptyObjectTakesEveryDefault() throws IOException {
        FittedModels m = FittedModels.read(write("minimal.json", "{}"));
        assertThat(m.vram().overheadFactor()).isEqualTo(1.10);
        assertThat(m.vram().activationCoeff()).isEqualTo(0.0);
        assertThat(m.vram().fitted()).isFalse();
        assertThat(m.throughput().sizePowerA()).isEqualTo(100.0);
        assertThat(m.throughput().sizePowerB()).isEqualTo(0.5);
        assertThat(m.throughput().lookup()).isEmpty();
        assertThat(m.throughput().quantMultipliers()).isEmpty();
        assertThat(m.throughput().fitted()).isFalse();
        assertThat(m.scaling().defaults()).containsExactly(entry("ollama", 0.45), entry("vllm", 0.15),
                entry("tgi", 0.20));
        assertThat(m.scaling().serialFractions()).isEmpty();
        assertThat(m.costPerHourUsd()).isEqualTo(0.035);
        assertThat(m.latency().safetyFactor()).isEqualTo(0.70);
        assertThat(m.latency().serviceTimesMs()).isEmpty();
        assertThat(m.quality().lookup()).isEmpty();
        assertThat(m.quality().fp16Baselines()).isEmpty();
        assertThat(m.quality().quantDeltas()).isEmpty();
        assertThat(m.safety().lookup()).isEmpty();
        assertThat(m.safety().rtsi()).isEmpty();
        assertThat(m.safety().metric()).isEmpty();
        assertThat(m.safety().fitted()).isFalse();
        assertThat(m).isEqualTo(FittedModels.empty());
    }

    @Test
    void partialSectionsKeepDefaultsForMissingKeys() throws IOException {
        FittedModels m = FittedModels.read(write("partial.json",
                "{\"vram\": {\"overhead_factor\": 1.2}, \"latency\": {}, \"cost\": null}"));
        assertThat(m.vram().overheadFactor()).isEqualTo(1.2);
        assertThat(m.vram().activationCoeff()).isEqualTo(0.0);
        assertThat(m.latency().safetyFactor()).isEqualTo(0.70);
        assertThat(m.costPerHourUsd()).isEqualTo(0.035);
    }

    @Test
    void readsEverySectionOfTheReferenceFormatInFileOrder() throws IOException {
        String json = "{\n"
                + "  \"vram\": {\"overhead_factor\": 1.05, \"act_coeff\": 0.01, \"fitted\": true},\n"
                + "  \"throughput\": {\n"
                + "    \"lookup\": {\"m|ollama|FP16\": 120.5, \"m|vllm|FP16\": 99},\n"
                + "    \"quant_multipliers\": {\"Q6_K\": 1.5, \"FP16\": 1.0, \"Q5_K_M\": 1.7},\n"
                + "    \"size_power_a\": 70.0, \"size_power_b\": 0.1, \"fitted\": true},\n"
                + "  \"scaling\": {\"serial_fractions\": {\"m|ollama\": 0.4}, \"defaults\": {\"ollama\": 0.5}},\n"
                + "  \"quality\": {\"lookup\": {\"m|Q4_K_M\": 0.61}, \"fp16_baselines\": {\"m\": 0.6},"
                + " \"quant_deltas\": {\"Q4_K_M\": 0.01}},\n"
                + "  \"cost\": {\"hw_cost_per_hour\": 0.5},\n"
                + "  \"latency\": {\"service_times\": {\"m|ollama\": 900.0}, \"safety_factor\": 0.8},\n"
                + "  \"safety\": {\"lookup\": {\"m|Q4_K_M\": 0.9}, \"fp16_baselines\": {\"m\": 0.95},"
                + " \"rtsi\": {\"m|Q4_K_M\": {\"score\": 0.03, \"risk\": \"LOW\"}},"
                + " \"metric\": \"refusal_rate\", \"source\": \"a test\"}\n"
                + "}\n";
        FittedModels m = FittedModels.read(write("full.json", json));
        assertThat(m.vram().overheadFactor()).isEqualTo(1.05);
        assertThat(m.vram().activationCoeff()).isEqualTo(0.01);
        assertThat(m.vram().fitted()).isTrue();
        assertThat(m.throughput().lookup()).containsExactly(entry("m|ollama|FP16", 120.5), entry("m|vllm|FP16", 99.0));
        assertThat(m.throughput().quantMultipliers().keySet()).containsExactly("Q6_K", "FP16", "Q5_K_M");
        assertThat(m.throughput().sizePowerA()).isEqualTo(70.0);
        assertThat(m.throughput().sizePowerB()).isEqualTo(0.1);
        assertThat(m.scaling().serialFractions()).containsExactly(entry("m|ollama", 0.4));
        assertThat(m.scaling().defaults()).containsExactly(entry("ollama", 0.5));
        assertThat(m.quality().lookup()).containsExactly(entry("m|Q4_K_M", 0.61));
        assertThat(m.quality().fp16Baselines()).containsExactly(entry("m", 0.6));
        assertThat(m.quality().quantDeltas()).containsExactly(entry("Q4_K_M", 0.01));
        assertThat(m.costPerHourUsd()).isEqualTo(0.5);
        assertThat(m.latency().safetyFactor()).isEqualTo(0.8);
        assertThat(m.latency().serviceTimesMs()).containsExactly(entry("m|ollama", 900.0));
        assertThat(m.safety().lookup()).containsExactly(entry("m|Q4_K_M", 0.9));
        assertThat(m.safety().fp16Baselines()).containsExactly(entry("m", 0.95));
        assertThat(m.safety().rtsi()).containsExactly(entry("m|Q4_K_M", new FittedModels.Rtsi(0.03, "LOW")));
        assertThat(m.safety().metric()).contains("refusal_rate");
        assertThat(m.safety().source()).contains("a test");
    }

    @Test
    void parseNamesTheOrigin() {
        assertThatThrownBy(() -> FittedModels.parse("[1]", "inline-corpus"))
                .isInstanceOf(CorpusFileException.class)
                .hasMessageStartingWith("invalid models file 'inline-corpus': ");
        assertThat(FittedModels.parse("{\"cost\": {\"hw_cost_per_hour\": 1.5}}", "x").costPerHourUsd()).isEqualTo(1.5);
    }

    // --- the bundled corpus: spec 2.1 ------------------------------------------------------

    private final FittedModels bundled = FittedModels.bundled();

    @Test
    void bundledVramAndPowerLaw() {
        assertThat(bundled.vram().overheadFactor()).isEqualTo(1.058047797687617);
        assertThat(bundled.vram().activationCoeff()).isEqualTo(0.00909537188657266);
        assertThat(bundled.throughput().sizePowerA()).isEqualTo(72.11010249423731);
        assertThat(bundled.throughput().sizePowerB()).isEqualTo(0.08877472521007239);
        assertThat(bundled.costPerHourUsd()).isEqualTo(0.035);
        assertThat(bundled.latency().safetyFactor()).isEqualTo(0.7);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "qwen2.5-1.5b|ollama|FP16, 139.605718775086",
        "llama3.2-1b|ollama|FP16, 146.33095063781678",
        "llama3.2-3b|ollama|FP16, 95.85597625783407",
        "llama3.2-1b|vllm|FP16, 137.41755319148936",
        "qwen2.5-1.5b|vllm|FP16, 97.34034090909091",
        "llama3.2-3b|vllm|FP16, 57.16010416666668",
        "llama3.2-1b|tgi|FP16, 117.91333333333333",
        "qwen2.5-1.5b|tgi|FP16, 75.97784090909092",
        "llama3.2-3b|tgi|FP16, 48.311704545454546",
        "gpt2|transformers-gpu|FP16, 195.26071428571433",
        "qwen2.5-3b|transformers-gpu|FP16, 19.526204341693635",
        "phi-2|transformers-gpu-compile|FP16, 62.07142857142858",
    })
    void bundledThroughputRows(String key, double tps) {
        assertThat(bundled.throughput().lookup()).containsEntry(key, tps);
    }

    @Test
    void bundledThroughputCoverage() {
        Map<String, Double> lookup = bundled.throughput().lookup();
        assertThat(lookup).hasSize(23);
        assertThat(lookup.keySet()).noneMatch(k -> k.contains("|sglang|"));
        for (String model : new String[] {"llama3.1-8b", "qwen2.5-0.5b", "qwen2.5-3b", "phi-2"}) {
            for (String backend : new String[] {"ollama", "vllm", "tgi", "sglang"}) {
                assertThat(lookup.keySet()).noneMatch(k -> k.startsWith(model + "|" + backend + "|"));
            }
        }
    }

    @Test
    void bundledQuantMultipliersInFileOrder() {
        assertThat(bundled.throughput().quantMultipliers()).containsExactly(
                entry("FP16", 1.0), entry("Q8_0", 1.3), entry("Q6_K", 1.5), entry("Q5_K_M", 1.7),
                entry("Q4_K_M", 1.9), entry("Q3_K_S", 2.1), entry("Q2_K", 2.3));
    }

    @Test
    void bundledScaling() {
        Map<String, Double> fractions = bundled.scaling().serialFractions();
        assertThat(fractions).hasSize(9)
                .containsEntry("llama3.2-1b|ollama", 0.532912)
                .containsEntry("llama3.2-3b|ollama", 0.387044)
                .containsEntry("qwen2.5-1.5b|tgi", 0.896028)
                .containsEntry("llama3.2-3b|vllm", 0.916795);
        assertThat(bundled.scaling().defaults()).containsEntry("ollama", 0.45).containsEntry("vllm", 0.15)
                .containsEntry("tgi", 0.2);
    }

    @Test
    void bundledQuality() {
        Map<String, Double> lookup = bundled.quality().lookup();
        assertThat(lookup)
                .containsEntry("gpt2|FP16", 0.289554)
                .containsEntry("llama3.2-1b|FP16", 0.5436810000000001)
                .containsEntry("llama3.2-1b|Q2_K", 0.388785)
                .containsEntry("llama3.2-3b|Q8_0", 0.627724)
                .containsEntry("phi-2|Q5_K_M", 0.533554)
                .containsEntry("qwen2.5-1.5b|Q3_K_S", 0.472194)
                .containsEntry("llama3.1-8b|Q3_K_S", 0.638642)
                .containsEntry("llama3.1-8b|Q2_K", 0.590476)
                .doesNotContainKey("llama3.1-8b|FP16");
        assertThat(bundled.quality().fp16Baselines()).containsOnly(
                entry("gpt2", 0.289554), entry("llama3.2-1b", 0.5436810000000001), entry("llama3.2-3b", 0.53759),
                entry("phi-2", 0.533659), entry("qwen2.5-1.5b", 0.58395));
        assertThat(bundled.quality().quantDeltas()).containsOnly(
                entry("Q2_K", -0.10398875000000002), entry("Q3_K_S", -0.02850649999999999),
                entry("Q4_K_M", 0.017647499999999983), entry("Q5_K_M", 0.004225749999999973),
                entry("Q6_K", 0.017382499999999967), entry("Q8_0", 0.017081249999999965));
    }

    @Test
    void bundledLatencyServiceTimes() {
        assertThat(bundled.latency().serviceTimesMs()).hasSize(9)
                .containsEntry("qwen2.5-1.5b|ollama", 936.46)
                .containsEntry("llama3.2-3b|tgi", 2701.84)
                .containsEntry("llama3.2-1b|tgi", 1028.245);
    }

    @Test
    void bundledSafety() {
        FittedModels.Safety s = bundled.safety();
        assertThat(s.lookup()).hasSize(40)
                .containsEntry("llama3.2-1b|FP16", 0.9364)
                .containsEntry("llama3.2-3b|Q3_K_S", 0.95)
                .containsEntry("mistral-7b|Q2_K", 0.1227)
                .containsEntry("qwen2.5-7b|Q4_K_M", 0.9455)
                .containsEntry("phi-2|Q4_K_M", 0.55)
                .doesNotContainKey("mistral-7b|FP16");
        assertThat(s.fp16Baselines()).containsOnly(entry("llama3.2-1b", 0.9364), entry("llama3.2-3b", 0.7636),
                entry("phi-2", 0.5864), entry("qwen2.5-1.5b", 0.8409));
        assertThat(s.rtsi()).hasSize(34)
                .containsEntry("llama3.2-1b|Q2_K", new FittedModels.Rtsi(0.5614, "HIGH"))
                .containsEntry("qwen2.5-1.5b|Q8_0", new FittedModels.Rtsi(0.0002, "LOW"))
                .containsEntry("mistral-7b|Q3_K_S", new FittedModels.Rtsi(0.2232, "MODERATE"))
                .containsEntry("qwen2.5-7b|Q2_K", new FittedModels.Rtsi(0.1667, "MODERATE"));
        assertThat(s.rtsi().keySet()).noneMatch(k -> k.endsWith("|FP16"));
        assertThat(s.metric()).contains("refusal_rate");
        assertThat(s.source()).contains("TR134/TR142 (banterhearts research/tr142 phase56_v3_full_canonical)");
    }
}
