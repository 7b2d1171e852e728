package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chimeraforge workload}: messages, exit codes, output files (spec planner-extensions §7.6, §7.7 item 10). */
class WorkloadCliTest {

    @TempDir
    Path dir;

    private Path log() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("{\"timestamp\": ").append(1000 + 2 * i + (i % 4)).append(", \"prompt_tokens\": ")
                    .append(500 + i).append(", \"completion_tokens\": ").append(100 + (i * 37) % 90).append("}\n");
        }
        return Files.writeString(dir.resolve("requests.jsonl"), text);
    }

    @Test
    void exactlyOneSourceAndAnEngineForMetrics() throws IOException {
        Path log = log();
        CliRun both = CliRun.of(dir, "workload", "--from-log", log.toString(), "--from-metrics", "x");
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.stderr()).isEqualTo("Error: pass exactly one of --from-log or --from-metrics.\n");
        CliRun neither = CliRun.of(dir, "workload", "--json");
        assertThat(neither.exitCode()).isEqualTo(1);
        assertThat(Json.mapper().readTree(neither.stdout()).get("error").asText()).contains("exactly one");
        CliRun noEngine = CliRun.of(dir, "workload", "--from-metrics", "m.txt");
        assertThat(noEngine.exitCode()).isEqualTo(1);
        assertThat(noEngine.stderr()).contains("--engine");
    }

    @Test
    void unknownEngineAndMissingFilesAreOneLine() throws IOException {
        Path metrics = Files.writeString(dir.resolve("m.txt"), "vllm:num_requests_running 3\n");
        CliRun unknown = CliRun.of(dir, "workload", "--from-metrics", metrics.toString(), "--engine", "tensorrt");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderrLines()).hasSize(1).first().asString().startsWith("Error: unknown engine 'tensorrt'");
        CliRun missing = CliRun.of(dir, "workload", "--from-log", dir.resolve("none.jsonl").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo("Error: request log not found: " + dir.resolve("none.jsonl") + "\n");
        CliRun badCompat = CliRun.of(dir, "workload", "--from-log", "x", "--compat", "v2");
        assertThat(badCompat.exitCode()).isEqualTo(2);
    }

    @Test
    void writesTheProfileAndKeepsStdoutOneJsonDocument() throws IOException {
        Path out = dir.resolve("profiles/p.json");
        CliRun run = CliRun.of(dir, "workload", "--from-log", log().toString(), "--out", out.toString(), "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode doc = Json.mapper().readTree(run.stdout());
        assertThat(doc.get("schema_version").asInt()).isEqualTo(1);
        assertThat(run.stderr()).contains("Profile written to " + out.toAbsolutePath());
        assertThat(Json.mapper().readTree(Files.readString(out))).isEqualTo(doc);
    }

    @Test
    void humanOutputListsDerivedInputsAndWhatWasNotMeasured() throws IOException {
        CliRun run = CliRun.of(dir, "workload", "--from-log", log().toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("Derived inputs", "request_rate", "workload_cv2", "arrival_cv2",
                "Not measured", "prefix_cache_hit_rate");
        int derived = run.stdout().indexOf("Derived inputs");
        int observed = run.stdout().indexOf("Also observed");
        assertThat(run.stdout().indexOf("arrival_cv2")).isGreaterThan(observed).isGreaterThan(derived);
        // measured from decode lengths, so not reported missing (the JSON keeps upstream's absent entry)
        assertThat(run.stdout()).containsOnlyOnce("workload_cv2");
    }
}
