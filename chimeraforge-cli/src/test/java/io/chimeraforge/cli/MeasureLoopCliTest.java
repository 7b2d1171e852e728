package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loop as a user runs it (issue 9 acceptance): bench a scripted server with {@code --hardware
 * "RTX 4090 24GB"} and 60 runs, {@code refit --bench-dir DIR} with no {@code --output}, then plan:
 * on the RTX 4090 the vLLM FP16 candidate's throughput is the measured mean (rounded as the plan
 * rounds) with throughput provenance {@code measured}; the RTX 4080 12GB plan does not change.
 */
class MeasureLoopCliTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void benchRefitPlanUsesTheMeasurementOnItsGpuOnly() throws Exception {
        Path cache = dir.resolve("cache");
        Path results = dir.resolve("results");
        String[] plan4080 = {"plan", "--model", "llama3.2-3b", "--hardware", "RTX 4080 12GB", "--json"};
        CliRun before4080 = CliRun.of(cache, plan4080);
        CliRun before4090 = CliRun.of(cache, "plan", "--model", "llama3.2-3b", "--hardware", "RTX 4090 24GB", "--json");
        assertThat(before4080.exitCode()).as(before4080.stderr()).isZero();
        assertThat(vllmFp16(before4090).path("provenance").path("throughput").asText()).isEqualTo("extrapolated");

        Script script = Script.builder().ttft(Duration.ofMillis(2)).interTokenGap(Duration.ofMillis(3)).outputTokens(24)
                .build();
        double measuredMean;
        try (MockLlmServer server = MockLlmServer.builder().script(script).models(List.of("llama3.2-3b")).start()) {
            CliRun bench = CliRun.of(cache, "bench", "-m", "llama3.2-3b", "-B", "vllm", "--quant", "FP16",
                    "--base-url", server.baseUrl(), "--runs", "60", "--warmup", "0", "--hardware", "RTX 4090 24GB",
                    "-o", results.toString(), "--json");
            assertThat(bench.exitCode()).as(bench.stderr()).isZero();
            JsonNode result = Json.mapper().readTree(bench.stdout()).get(0);
            assertThat(result.path("hardware").asText()).isEqualTo("RTX 4090 24GB");
            assertThat(result.path("runs").asInt()).isEqualTo(60);
            measuredMean = result.path("aggregate").path("throughput_tps").path("mean").asDouble();
            assertThat(measuredMean).isPositive();
        }

        CliRun refit = CliRun.of(cache, "refit", "--bench-dir", results.toString());
        assertThat(refit.exitCode()).as(refit.stderr()).isZero();
        assertThat(refit.stdout()).contains("Saved to: " + cache.resolve("fitted_models.json"));

        CliRun after4090 = CliRun.of(cache, "plan", "--model", "llama3.2-3b", "--hardware", "RTX 4090 24GB", "--json");
        assertThat(after4090.exitCode()).as(after4090.stderr()).isZero();
        JsonNode candidate = vllmFp16(after4090);
        assertThat(candidate.path("throughput_tps").asDouble()).isEqualTo(PyNumbers.round(measuredMean, 1));
        assertThat(candidate.path("provenance").path("throughput").asText()).isEqualTo("measured");
        assertThat(candidate.path("warnings").toString()).doesNotContain("extrapolation");

        CliRun after4080 = CliRun.of(cache, plan4080);
        assertThat(after4080.exitCode()).isZero();
        assertThat(Json.mapper().readTree(after4080.stdout())).isEqualTo(Json.mapper().readTree(before4080.stdout()));
    }

    private static JsonNode vllmFp16(CliRun plan) throws Exception {
        for (JsonNode c : Json.mapper().readTree(plan.stdout())) {
            if (c.path("backend").asText().equals("vllm") && c.path("quant").asText().equals("FP16")) {
                return c;
            }
        }
        throw new AssertionError("no vllm FP16 candidate in " + plan.stdout());
    }
}
