package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chimeraforge validate}: spec §9.6 item 8, correction g4, and the 20-cell acceptance. */
class ValidateCliTest {

    private static final String KEY = "llama3.2-1b|FP16|ollama|c2048|p512|o128|b1";
    private static final String ONE_CELL = "{\"hardware\":\"RTX 4080 12GB\",\"registered_at\":\"2026-08-19\","
            + "\"cells\":[{\"model\":\"llama3.2-1b\",\"quant\":\"FP16\",\"backend\":\"ollama\"}]}";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void offlineAuditOfOneCellMatchesTheReferenceRun() throws Exception {
        Path matrix = file("m.json", ONE_CELL);
        Path measured = file("meas.json", "{\"" + KEY + "\": {\"throughput_tps\": 100.0}}");
        Path report = dir.resolve("audit.md");
        CliRun run = CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--measurements", measured.toString(),
                "--json", "--report", report.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode cell = MAPPER.readTree(run.stdout()).get("cells").get(0);
        assertThat(cell.get("measured").get("throughput_tps").asDouble()).isEqualTo(100.0);
        assertThat(cell.get("predicted").get("throughput_tps").asDouble()).isEqualTo(146.3);
        assertThat(cell.get("predicted").get("ttft_ms").asDouble()).isEqualTo(39.6);
        assertThat(cell.get("predicted").get("p95_latency_ms").asDouble()).isEqualTo(15547.9);
        assertThat(cell.get("provenance_class").asText()).isEqualTo("measured-lookup");
        assertThat(cell.get("errors").get("throughput_tps").asDouble()).isEqualTo(0.463);
        assertThat(Files.readString(report)).contains("prediction-vs-measured");
    }

    @Test
    void theReferencePlannerCanBeAuditedAgainstTheSameMeasurements() throws Exception {
        Path matrix = file("m.json", ONE_CELL.replace("RTX 4080 12GB", "RTX 4090 24GB"));
        Path measured = file("meas.json", "{\"llama3.2-1b|FP16|ollama|c2048|p512|o128|b1\": {\"throughput_tps\": 200}}");
        JsonNode corrected = MAPPER.readTree(CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--measurements",
                measured.toString(), "--json").stdout()).get("cells").get(0);
        JsonNode reference = MAPPER.readTree(CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--measurements",
                measured.toString(), "--compat", "reference", "--json").stdout()).get("cells").get(0);
        // an extrapolated rate: the corrected reference rig (432 GB/s) scales 28.7% further than v0.30.0's (556 GB/s)
        double ratio = corrected.get("predicted").get("throughput_tps").asDouble()
                / reference.get("predicted").get("throughput_tps").asDouble();
        assertThat(ratio).isCloseTo(556.0 / 432.0, org.assertj.core.api.Assertions.within(0.01));
        assertThat(reference.get("measured").get("throughput_tps").asDouble()).isEqualTo(200.0);
    }

    @Test
    void aCellWithoutMeasurementIsKeptAsSkipped() throws Exception {
        Path matrix = file("m.json", ONE_CELL);
        Path measured = file("meas.json", "{\"other|FP16|ollama|c2048|p512|o128|b1\": {\"throughput_tps\": 1.0}}");
        CliRun run = CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--measurements", measured.toString(),
                "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode cell = MAPPER.readTree(run.stdout()).get("cells").get(0);
        assertThat(cell.get("key").asText()).isEqualTo(KEY);
        assertThat(cell.get("skipped").asText()).isEqualTo("no measurement for this cell");
    }

    @Test
    void ollamaUrlWithMeasurementsIsRefusedBeforeAnyFileIsRead() {
        // Neither file exists: the refusal must come first, with the corrected tree's exact words.
        CliRun run = CliRun.of(dir, "validate", "--matrix", "missing.json", "--measurements", "missing-too.json",
                "--ollama-url", "http://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr().strip()).isEqualTo("Error: --ollama-url and --measurements are mutually exclusive:"
                + " pass --ollama-url to benchmark live, or --measurements to score a captured file.");
        CliRun json = CliRun.of(dir, "validate", "--matrix", "missing.json", "--measurements", "missing-too.json",
                "--ollama-url", "http://127.0.0.1:1", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.stdout().strip()).isEqualTo("{\"error\":\"" + ValidateCommand.EXCLUSIVE + "\"}");
    }

    @Test
    void badInputIsOneLineAndExitOne() throws Exception {
        Path matrix = file("m.json", ONE_CELL);
        CliRun none = CliRun.of(dir, "validate", "--matrix", matrix.toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderr()).startsWith("Error: nothing to compare against").hasLineCount(1);
        CliRun badUrl = CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--ollama-url", "not a url");
        assertThat(badUrl.exitCode()).isEqualTo(1);
        assertThat(badUrl.stderr()).contains("--ollama-url").hasLineCount(1);
        CliRun badRuns = CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--ollama-url",
                "http://127.0.0.1:1", "--runs", "0");
        assertThat(badRuns.exitCode()).isEqualTo(1);
        assertThat(badRuns.stderr()).contains("--runs").hasLineCount(1);
        Path measured = file("meas.json", "{}");
        for (String bad : List.of("{\"hardware\": 1, \"cells\": [{}]}", "[1, 2]", "{not json",
                "{\"hardware\":\"x\",\"registered_at\":\"2026-01-01\",\"cells\":[{\"model\":\"m\",\"quant\":\"q\","
                        + "\"backend\":\"b\",\"batch\":\"many\"}]}")) {
            Path m = file("bad.json", bad);
            CliRun run = CliRun.of(dir, "validate", "--matrix", m.toString(), "--measurements", measured.toString());
            assertThat(run.exitCode()).as(bad).isEqualTo(1);
            assertThat(run.stderr()).as(bad).hasLineCount(1).doesNotContain("Exception", "internal error");
            CliRun json = CliRun.of(dir, "validate", "--matrix", m.toString(), "--measurements", measured.toString(),
                    "--json");
            assertThat(MAPPER.readTree(json.stdout()).has("error")).as(bad).isTrue();
        }
        CliRun missing = CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--measurements", "nope.json");
        assertThat(missing.stderr()).contains("measurements file not found").hasLineCount(1);
    }

    @Test
    void liveAuditBenchmarksEachCellOnTheOllamaServer() throws Exception {
        // a non-zero token gap: a zero decode time gives no throughput, which the audit (rightly) drops
        Script fast = Script.builder().ttft(Duration.ofMillis(2)).interTokenGap(Duration.ofMillis(1)).outputTokens(8)
                .build();
        try (MockLlmServer server = MockLlmServer.builder().script(fast).models(List.of("llama3.2-1b")).start()) {
            // The cell says vllm: the live run still speaks Ollama, as the reference does.
            Path matrix = file("m.json", ONE_CELL.replace("\"ollama\"", "\"vllm\""));
            CliRun run = CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--ollama-url", server.baseUrl(),
                    "--runs", "2", "--json");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            JsonNode cell = MAPPER.readTree(run.stdout()).get("cells").get(0);
            assertThat(cell.get("measured").has("throughput_tps")).as(run.stdout() + run.stderr()).isTrue();
            assertThat(cell.get("measured").get("throughput_tps").asDouble()).isPositive();
            assertThat(cell.get("measured").get("ttft_ms").asDouble()).isPositive();
            assertThat(cell.get("measured").get("p95_latency_ms").asDouble()).isPositive();
            assertThat(server.servedRequests()).anyMatch(r -> r.path().equals("/api/generate") || r.path().equals("/api/chat"))
                    .noneMatch(r -> r.path().startsWith("/v1/"));
            assertThat(server.generationRequests()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aCellWhoseModelTheServerDoesNotServeIsSkippedAndTheOthersAreMeasured() throws Exception {
        Script fast = Script.builder().ttft(Duration.ofMillis(2)).interTokenGap(Duration.ofMillis(1)).outputTokens(8)
                .build();
        try (MockLlmServer server = MockLlmServer.builder().script(fast).models(List.of("llama3.2-1b")).start()) {
            String twoCells = ONE_CELL.replace("\"cells\":[", "\"cells\":[{\"model\":\"llama3.2-3b\",\"quant\":\"FP16\","
                    + "\"backend\":\"ollama\"},");
            Path matrix = file("m2.json", twoCells);
            CliRun run = CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--ollama-url", server.baseUrl(),
                    "--runs", "2", "--json");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            JsonNode cells = MAPPER.readTree(run.stdout()).get("cells");
            assertThat(cells).hasSize(2);
            assertThat(cells.get(0).path("skipped").asText()).startsWith("live measurement failed: ");
            assertThat(cells.get(1).get("measured").get("throughput_tps").asDouble()).isPositive();
        }
    }

    @Test
    void liveAuditAgainstAnUnreachableServerIsOneLineExitOne() throws Exception {
        Path matrix = file("m.json", ONE_CELL);
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CliRun run = CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--ollama-url",
                "http://127.0.0.1:" + closedPort, "--runs", "1");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderr()).hasLineCount(1).doesNotContain("internal error");
    }

    /** The acceptance: a matrix of 20 cells prints the per-class scores. */
    @Test
    void twentyCellMatrixPrintsThePerClassScores() throws Exception {
        List<String> cells = new ArrayList<>();
        StringBuilder measurements = new StringBuilder("{");
        for (String model : List.of("llama3.2-1b", "llama3.2-3b", "qwen2.5-1.5b", "qwen2.5-7b", "llama3.1-8b")) {
            for (String quant : List.of("FP16", "Q8_0", "Q4_K_M", "Q2_K")) {
                cells.add("{\"model\":\"" + model + "\",\"quant\":\"" + quant + "\",\"backend\":\"ollama\"}");
                measurements.append(measurements.length() > 1 ? "," : "").append('"').append(model).append('|')
                        .append(quant).append("|ollama|c2048|p512|o128|b1\":{\"throughput_tps\":100.0,"
                                + "\"ttft_ms\":50.0,\"p95_latency_ms\":10000.0}");
            }
        }
        Path matrix = file("m20.json", "{\"hardware\":\"RTX 4080 12GB\",\"registered_at\":\"2026-08-19\",\"cells\":["
                + String.join(",", cells) + "]}");
        Path measured = file("meas20.json", measurements.append('}').toString());

        CliRun json = CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--measurements", measured.toString(),
                "--json");
        assertThat(json.exitCode()).as(json.stderr()).isZero();
        JsonNode audit = MAPPER.readTree(json.stdout());
        assertThat(audit.get("cells")).hasSize(20);
        JsonNode scorecard = audit.get("scorecard");
        assertThat(scorecard).isNotEmpty();
        List<String> classes = new ArrayList<>();
        for (JsonNode row : scorecard) {
            String cls = row.get("provenance_class").asText();
            String metric = row.get("metric").asText();
            if (!classes.contains(cls)) {
                classes.add(cls);
            }
            // Each row's n and MAPE agree with the cells of that class recomputed here.
            double sumAbs = 0;
            int n = 0;
            for (JsonNode cell : audit.get("cells")) {
                if (cell.get("provenance_class").asText().equals(cls) && cell.get("errors").has(metric)) {
                    sumAbs += Math.abs(cell.get("errors").get(metric).asDouble());
                    n++;
                }
            }
            assertThat(row.get("n").asInt()).isEqualTo(n);
            assertThat(row.get("mape").asDouble()).isCloseTo(sumAbs / n, within(1e-4));
            assertThat(row.get("underpowered").asBoolean()).isEqualTo(n < 5);
        }
        // Both the out-of-sample class and the lookup class are present, the out-of-sample one first.
        assertThat(classes).startsWith("roofline-estimate").contains("measured-lookup");

        CliRun text = CliRun.of(dir, "validate", "--matrix", matrix.toString(), "--measurements", measured.toString());
        assertThat(text.exitCode()).isZero();
        assertThat(text.stdout()).contains("Cells: 20 (");
        for (String cls : classes) {
            assertThat(text.stdout()).contains(cls);
        }
        for (JsonNode row : scorecard) {
            assertThat(text.stdout()).containsPattern("(?m)^  " + row.get("metric").asText() + " +"
                    + row.get("n").asInt() + "\\*? ");
        }
        assertThat(text.stdout().indexOf("roofline-estimate")).isLessThan(text.stdout().indexOf("measured-lookup"));
    }
}
