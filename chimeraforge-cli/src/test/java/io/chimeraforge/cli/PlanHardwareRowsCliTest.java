package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.corpus.FittedModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan} with a corpus holding rows measured on another GPU: measured there, the reference GPU's plan unchanged. */
class PlanHardwareRowsCliTest {

    @TempDir
    Path dir;

    private Path corpus() throws Exception {
        FittedModels b = FittedModels.bundled();
        FittedModels.Throughput t = b.throughput();
        FittedModels withRows = new FittedModels(b.vram(), new FittedModels.Throughput(t.lookup(),
                t.quantMultipliers(), t.sizePowerA(), t.sizePowerB(), t.fitted(),
                Map.of("RTX 4090 24GB", Map.of("llama3.2-3b|vllm|FP16", 150.0))), b.scaling(), b.quality(),
                b.costPerHourUsd(), b.latency(), b.safety(), b.provenanceJson());
        Path file = dir.resolve("fitted_models.json");
        Files.writeString(file, withRows.toJson());
        Path bundled = dir.resolve("bundled.json");
        Files.writeString(bundled, b.toJson());
        return file;
    }

    private static List<JsonNode> candidates(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode root = Json.mapper().readTree(run.stdout());
        JsonNode array = root.isArray() ? root : root.get("candidates");
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out;
    }

    private static JsonNode vllmFp16(List<JsonNode> candidates) {
        return candidates.stream().filter(c -> c.get("backend").asText().equals("vllm")
                && c.get("quant").asText().equals("FP16")).findFirst().orElseThrow();
    }

    @Test
    void theMeasuringGpuShowsTheRowAsMeasuredAndTheReferenceGpuIsUnchanged() throws Exception {
        Path file = corpus();
        Path bundled = dir.resolve("bundled.json");
        JsonNode on4090 = vllmFp16(candidates(CliRun.of(dir, "plan", "--model", "llama3.2-3b", "--hardware",
                "RTX 4090 24GB", "--models-path", file.toString(), "--json")));
        assertThat(on4090.get("throughput_tps").asDouble()).isEqualTo(150.0);
        assertThat(on4090.get("provenance").get("throughput").asText()).isEqualTo("measured");
        assertThat(on4090.toString()).doesNotContain("extrapolation");

        CliRun withRows = CliRun.of(dir, "plan", "--model", "llama3.2-3b", "--hardware", "RTX 4080 12GB",
                "--models-path", file.toString(), "--json");
        CliRun without = CliRun.of(dir, "plan", "--model", "llama3.2-3b", "--hardware", "RTX 4080 12GB",
                "--models-path", bundled.toString(), "--json");
        assertThat(candidates(withRows)).isNotEmpty().isEqualTo(candidates(without));

        JsonNode reference = vllmFp16(candidates(CliRun.of(dir, "plan", "--model", "llama3.2-3b", "--hardware",
                "RTX 4090 24GB", "--models-path", file.toString(), "--compat", "reference", "--json")));
        assertThat(reference.get("provenance").get("throughput").asText()).isEqualTo("extrapolated");
        assertThat(reference.get("throughput_tps").asDouble()).isNotEqualTo(150.0);
    }
}
