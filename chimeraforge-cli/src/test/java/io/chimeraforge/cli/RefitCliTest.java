package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chimeraforge refit}: the corrected default output, one JSON document, and bad input (spec R-12). */
class RefitCliTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Path benchFile(String name, double fp16, double q4) throws Exception {
        String result = "{\"model\":\"llama3.2-3b\",\"backend\":\"ollama\",\"quant\":\"%s\",\"runs\":5,"
                + "\"individual_runs\":[{\"throughput_tps\":%s},{\"throughput_tps\":%s},{\"throughput_tps\":%s},"
                + "{\"throughput_tps\":%s},{\"throughput_tps\":%s}],"
                + "\"aggregate\":{\"throughput_tps\":{\"mean\":%s},\"total_duration_ms\":{\"mean\":1000}}}";
        Path file = dir.resolve(name);
        Files.writeString(file, "[" + String.format(result, "FP16", fp16, fp16, fp16, fp16, fp16, fp16) + ","
                + String.format(result, "Q4_K_M", q4, q4, q4, q4, q4, q4) + "]");
        return file;
    }

    @Test
    void withoutOutputItWritesTheMeasuredCorpusThePlannerLoads() throws Exception {
        Path bench = benchFile("b.json", 100, 190);
        Path cache = dir.resolve("cache");
        CliRun run = CliRun.of(cache, "refit", "--bench-files", bench.toString());
        assertEquals(0, run.exitCode(), run.stderr());
        Path corpus = cache.resolve("fitted_models.json");
        assertTrue(Files.isRegularFile(corpus));
        assertThat(run.stdout()).contains("Saved to: " + corpus).contains("plan, suggest and mcp now use this corpus.");
        // a second refit keeps the first as a backup
        CliRun again = CliRun.of(cache, "refit", "--bench-files", bench.toString());
        assertEquals(0, again.exitCode(), again.stderr());
        assertTrue(Files.isRegularFile(cache.resolve("fitted_models.json.bak")));
        assertThat(again.stdout()).contains("Previous corpus kept as: " + cache.resolve("fitted_models.json.bak"));
    }

    @Test
    void jsonIsOneDocumentWithSummaryAndValidation() throws Exception {
        Path bench = benchFile("b.json", 100, 190);
        Path out = dir.resolve("out").resolve("m.json");
        CliRun run = CliRun.of(dir.resolve("cache"), "refit", "-f", bench.toString(), "-o", out.toString(), "--json",
                "--validate");
        assertEquals(0, run.exitCode(), run.stderr());
        JsonNode doc = MAPPER.readTree(run.stdout()); // throws on a second document
        assertEquals(2, doc.get("summary").get("bench_results_loaded").asInt());
        assertTrue(doc.get("validation").get("passed").asBoolean());
        assertEquals(11, doc.get("validation").get("checks").size());
        assertEquals(out.toString(), doc.get("written").asText());
        assertTrue(doc.get("backup").isNull());
        assertEquals(MAPPER.readTree(Files.readString(out)).get("throughput").get("size_power_a").asDouble(),
                72.11010249423731, "the bundled power law survives a refit without a fit");
    }

    @Test
    void aFailingValidationWritesNothing() throws Exception {
        // Q4_K_M measured slower than FP16 over 50 runs: fp16_fastest fails
        Path bench = dir.resolve("slow.json");
        StringBuilder runs = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            runs.append(i == 0 ? "" : ",").append("{\"throughput_tps\":10}");
        }
        String row = "{\"model\":\"m\",\"backend\":\"vllm\",\"quant\":\"%s\",\"runs\":50,\"individual_runs\":["
                + runs + "],\"aggregate\":{\"throughput_tps\":{\"mean\":%s},\"total_duration_ms\":{\"mean\":10}}}";
        Files.writeString(bench, "[" + String.format(row, "FP16", 100) + "," + String.format(row, "Q4_K_M", 10) + "]");
        Path out = dir.resolve("m.json");
        CliRun run = CliRun.of(dir.resolve("cache"), "refit", "-f", bench.toString(), "-o", out.toString(),
                "--validate", "--json");
        assertEquals(1, run.exitCode());
        JsonNode doc = MAPPER.readTree(run.stdout());
        assertTrue(doc.get("written").isNull());
        assertThat(doc.get("validation").get("passed").asBoolean()).isFalse();
        assertThat(run.stderr()).contains("Validation failed -- refit NOT saved.");
        assertTrue(Files.notExists(out));
    }

    @Test
    void badInputIsOneLineAndExitOne() throws Exception {
        Path cache = dir.resolve("cache");
        assertError(CliRun.of(cache, "refit"), "Error: provide --bench-dir or --bench-files.");
        assertError(CliRun.of(cache, "refit", "-f", dir.resolve("missing.json").toString()),
                "Error: bench file '" + dir.resolve("missing.json") + "' not found.");
        Path notDir = benchFile("f.json", 1, 2);
        assertError(CliRun.of(cache, "refit", "-d", notDir.toString()),
                "Error: --bench-dir '" + notDir + "' is not a directory.");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertError(CliRun.of(cache, "refit", "-d", empty.toString()),
                "Error: --bench-dir '" + empty + "' holds no bench result files (*.json).");
        Path malformed = dir.resolve("bad.json");
        Files.writeString(malformed, "{\"model\": ");
        CliRun bad = CliRun.of(cache, "refit", "-f", malformed.toString());
        assertEquals(1, bad.exitCode());
        assertThat(bad.stderrLines()).hasSize(1);
        assertThat(bad.stderr()).startsWith("Error: failed to read bench file(s): ");
        Path wrongShape = dir.resolve("shape.json");
        Files.writeString(wrongShape, "42");
        assertThat(CliRun.of(cache, "refit", "-f", wrongShape.toString()).stderr())
                .startsWith("Error: failed to read bench file(s): ");
        if (Files.exists(Path.of("/dev/zero"))) { // an endless input ends at the size limit, in one line
            CliRun zero = CliRun.of(cache, "refit", "-f", "/dev/zero");
            assertEquals(1, zero.exitCode());
            assertThat(zero.stderrLines()).hasSize(1);
            assertThat(zero.stderr()).startsWith("Error: failed to read bench file(s): /dev/zero");
        }
        Path nothing = dir.resolve("nothing.json");
        Files.writeString(nothing, "[]");
        assertError(CliRun.of(cache, "refit", "-f", nothing.toString()),
                "Error: no bench results in '" + nothing + "': nothing to refit.");
        assertTrue(Files.notExists(cache.resolve("fitted_models.json")), "no error wrote a corpus");
    }

    @Test
    void anUnwritableOutputIsOneLineAndLeavesNothingBehind() throws Exception {
        Path bench = benchFile("b.json", 100, 190);
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where a directory should be");
        CliRun run = CliRun.of(dir.resolve("cache"), "refit", "-f", bench.toString(), "-o",
                blocker.resolve("m.json").toString());
        assertEquals(1, run.exitCode());
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).startsWith("Error: could not write the corpus to '" + blocker.resolve("m.json") + "'");
        assertEquals("a file where a directory should be", Files.readString(blocker));
        Path directory = Files.createDirectories(dir.resolve("adir"));
        CliRun onDir = CliRun.of(dir.resolve("cache"), "refit", "-f", bench.toString(), "-o", directory.toString(), "--json");
        assertEquals(1, onDir.exitCode());
        assertThat(MAPPER.readTree(onDir.stdout()).get("error").asText()).startsWith("could not write the corpus");
    }

    private static void assertError(CliRun run, String line) {
        assertEquals(1, run.exitCode(), run.stdout());
        assertEquals(java.util.List.of(line), run.stderrLines());
        assertEquals("", run.stdout());
    }
}
