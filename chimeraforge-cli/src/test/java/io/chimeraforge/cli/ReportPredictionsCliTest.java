package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.Deployment;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chimeraforge report --format html}: the predicted-vs-measured section wired to the
 * planner, the GPU chosen per result (hardware key, environment gpu_name, {@code --hardware}),
 * the reasons when there is no prediction, and {@code --no-predictions}. (The CLI module has no
 * HTML parser on its test class path; the report module's tests parse the page with jsoup, here
 * the table cells are read with a pattern over the renderer's one-row-per-line output.)
 */
class ReportPredictionsCliTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    static ObjectNode result(String model, String quant, String hardware, String gpuName) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("model", model).put("backend", "vllm").put("quant", quant).put("workload", "single").put("runs", 4)
                .put("context_length", 2048);
        ObjectNode agg = r.putObject("aggregate");
        agg.put("count", 4);
        agg.putObject("throughput_tps").put("mean", 80.0).put("p50", 80.0).put("p95", 90.0).put("p99", 91.0);
        agg.putObject("ttft_ms").put("mean", 40.0).put("p50", 40.0).put("p95", 45.0).put("p99", 46.0);
        agg.putObject("total_duration_ms").put("mean", 1600.0).put("p50", 1600.0).put("p95", 1700.0)
                .put("p99", 1710.0);
        agg.put("tokens_generated", 512);
        ObjectNode env = r.putObject("environment");
        env.put("os", "Linux");
        if (gpuName != null) {
            env.put("gpu_name", gpuName);
        } else {
            env.putNull("gpu_name");
        }
        r.put("timestamp", "2026-12-01T12:00:00+00:00");
        r.putArray("warnings");
        if (hardware != null) {
            r.put("hardware", hardware);
        }
        return r;
    }

    private static final Pattern ROW = Pattern.compile("<tr>(.*?)</tr>");
    private static final Pattern CELL = Pattern.compile("<td>(.*?)</td>");

    private String report(List<ObjectNode> results, String... extra) throws IOException {
        Path file = dir.resolve("results.json");
        Files.writeString(file, MAPPER.writeValueAsString(results));
        Path out = dir.resolve("report.html");
        List<String> args = new ArrayList<>(List.of("report", "-f", file.toString(), "--format", "html", "-o",
                out.toString()));
        args.addAll(List.of(extra));
        CliRun run = CliRun.of(dir, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        return Files.readString(out);
    }

    /** The cells of the first table body after the "Predicted vs Measured" heading, unescaped. */
    private static List<List<String>> predictionRows(String html) {
        int at = html.indexOf("<h2>Predicted vs Measured</h2>");
        assertThat(at).as("Predicted vs Measured section").isNotNegative();
        String body = html.substring(html.indexOf("<tbody>", at), html.indexOf("</tbody>", at));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = ROW.matcher(body);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = CELL.matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                        .replace("&gt;", ">").replace("&amp;", "&"));
            }
            rows.add(cells);
        }
        return rows;
    }

    @Test
    void theGpuComesFromTheHardwareKeyThenTheEnvironmentThenTheFlag() throws IOException {
        List<ObjectNode> results = List.of(
                result("llama3.2-3b", "FP16", "RTX 4090 24GB", "NVIDIA A100-SXM4-80GB"),
                result("llama3.2-3b", "FP16", null, "NVIDIA GeForce RTX 4090"),
                result("llama3.2-3b", "FP16", null, null),
                result("llama3.2-3b", "FP16", null, "Some Unknown GPU"));
        List<List<String>> rows = predictionRows(report(results, "--hardware", "H100 80GB"));
        assertThat(rows).extracting(r -> r.get(2)).satisfiesExactly(
                b -> assertThat(b).startsWith("RTX 4090 24GB (hardware key) · vllm FP16 · 1 replica · throughput "),
                b -> assertThat(b).startsWith("RTX 4090 24GB (environment gpu_name) · vllm FP16 · 1 replica"),
                b -> assertThat(b).startsWith("H100 80GB (--hardware) · vllm FP16 · 1 replica"),
                b -> assertThat(b).startsWith("H100 80GB (--hardware)"));
        // The figures are the planner's own for that deployment and workload.
        Candidate c = Planner.builder().measuredCorpus(false).build().check(PlanRequest.builder()
                .hardware("RTX 4090 24GB").qualityTarget(0).budgetUsdPerMonth(1e12).latencySloMs(1e9)
                .contextLength(2048).avgTokens(128).build(), Deployment.of("llama3.2-3b", "FP16", Backend.VLLM, 1))
                .operating().orElseThrow();
        assertThat(rows.get(0).subList(3, 9)).containsExactly(PyNumbers.fixed(c.singleStreamTps(), 1), "80.0",
                PyNumbers.fixed(c.ttftMs(), 1), "40.0", PyNumbers.fixed(c.p95LatencyMs(), 1), "1700.0");
    }

    @Test
    void resultsWithoutAGpuGetNoPredictionAndTheSectionSaysWhy() throws IOException {
        String doc = report(List.of(result("llama3.2-3b", "FP16", null, null),
                result("llama3.2-3b", "NOT_A_QUANT", "RTX 4090 24GB", null),
                result("llama3.2-3b", "FP16", "Imaginary GPU 9000", null)));
        List<List<String>> rows = predictionRows(doc);
        assertThat(rows.get(0).get(2)).isEqualTo("no GPU known for this result (no \"hardware\" key, "
                + "no environment gpu_name, no --hardware)");
        assertThat(rows.get(0).subList(3, 9)).containsExactly("-", "80.0", "-", "40.0", "-", "1700.0");
        assertThat(rows.get(1).get(2)).isEqualTo("quant 'NOT_A_QUANT' is not one the planner knows");
        assertThat(rows.get(2).get(2)).startsWith("hardware 'Imaginary GPU 9000' is not in the GPU catalog");
        assertThat(doc).doesNotContain("id=\"chart-predicted\"").contains("No configuration has a prediction");
    }

    @Test
    void noPredictionsLeavesTheSectionOutAndAnUnknownHardwareFlagIsRefused() throws IOException {
        String doc = report(List.of(result("llama3.2-3b", "FP16", "RTX 4090 24GB", null)), "--no-predictions");
        assertThat(doc).contains("<h2>Charts</h2>").doesNotContain("Predicted vs Measured");
        Path file = Files.writeString(dir.resolve("r.json"), MAPPER.writeValueAsString(
                List.of(result("llama3.2-3b", "FP16", null, null))));
        Path out = dir.resolve("x.html");
        CliRun run = CliRun.of(dir, "report", "-f", file.toString(), "--format", "html", "--hardware", "Imaginary 9000",
                "-o", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).startsWith("Error: ");
        assertThat(out).doesNotExist();
    }

    @Test
    void referenceHtmlHasNoChartsOrPredictions() throws IOException {
        String doc = report(List.of(result("llama3.2-3b", "FP16", "RTX 4090 24GB", null)), "--compat", "reference");
        assertThat(doc).doesNotContain("<svg").doesNotContain("<figure").doesNotContain("<h2>Charts</h2>")
                .doesNotContain("Predicted vs Measured");
    }
}
