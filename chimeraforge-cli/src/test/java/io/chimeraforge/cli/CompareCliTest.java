package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code chimeraforge compare}: bad input is one line and exit 1; the human output; the default mode's extras. */
class CompareCliTest {

    private static final String ONE = """
            [{"model": "m", "backend": "ollama", "quant": "Q4_K_M", "aggregate": {"count": 5,
              "throughput_tps": {"mean": 100.0}, "ttft_ms": {"mean": 200.0}, "total_duration_ms": {"mean": 2000.0}}}]""";
    private static final String FASTER = """
            [{"model": "m", "backend": "ollama", "quant": "Q4_K_M", "aggregate": {"count": 5,
              "throughput_tps": {"mean": 125.0}, "ttft_ms": {"mean": -1.0}, "total_duration_ms": {"mean": 1600.0}}},
             {"model": "other", "backend": "vllm", "aggregate": {"count": 1}}]""";

    @TempDir
    Path dir;

    private Path file(String name, String content) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty|",
        "not JSON|{\"model\": ",
        "wrong shape|[1, 2]",
        "a string|\"text\""})
    void badCandidateFileIsOneLineExit1(String name, String content) throws Exception {
        String message = "failed to read result file(s): ";
        Path base = file("base.json", ONE);
        Path bad = file("bad.json", content == null ? "" : content);
        CliRun run = CliRun.of(dir, "compare", "-b", base.toString(), "-c", bad.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).startsWith("Error: " + message + bad);

        CliRun json = CliRun.of(dir, "compare", "-b", base.toString(), "-c", bad.toString(), "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(new ObjectMapper().readTree(json.stdout()).get("error").asText()).startsWith(message);
    }

    @Test
    void missingFilesUseTheReferenceMessages() throws Exception {
        Path base = file("base.json", ONE);
        CliRun noBase = CliRun.of(dir, "compare", "-b", dir.resolve("nope.json").toString(), "-c", base.toString());
        assertThat(noBase.exitCode()).isEqualTo(1);
        assertThat(noBase.stderrLines()).containsExactly("Error: baseline file '" + dir.resolve("nope.json") + "' not found.");
        CliRun noCand = CliRun.of(dir, "compare", "-b", base.toString(), "-c", base + ", " + dir.resolve("x.json"));
        assertThat(noCand.exitCode()).isEqualTo(1);
        assertThat(noCand.stderrLines()).containsExactly("Error: candidate file '" + dir.resolve("x.json") + "' not found.");
    }

    @Test
    void directoryInsteadOfFileIsOneLineExit1() throws Exception {
        Path base = file("base.json", ONE);
        CliRun run = CliRun.of(dir, "compare", "-b", base.toString(), "-c", dir.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).startsWith("Error: failed to read result file(s): ");
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        assertThat(CliRun.of(dir, "compare", "-b", "x.json").exitCode()).isEqualTo(2);
    }

    @Test
    void humanOutputHasTheTableAndSummary() throws Exception {
        CliRun run = CliRun.of(dir, "compare", "-b", file("a.json", ONE).toString(), "-c", file("b.json", FASTER).toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("m|Q4_K_M", "100.0", "125.0", "+25.0%", "-20.0%", "n/a",
                "Configs compared: 1", "Avg throughput delta: +25.0%", "Avg duration delta: -20.0%",
                "Improvements: 1", "Regressions: 0",
                "Not compared: 0 baseline and 1 candidate configuration(s) have no counterpart.");
    }

    @Test
    void noMatchPrintsTheReferenceMessagesExit0() throws Exception {
        CliRun run = CliRun.of(dir, "compare", "-b", file("a.json", ONE).toString(), "-c",
                file("b.json", "[{\"model\": \"x\", \"backend\": \"tgi\"}]").toString(), "--compat", "reference");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("No matching configurations found.", "No matching configurations to summarise.");
        CliRun json = CliRun.of(dir, "compare", "-b", dir.resolve("a.json").toString(), "-c",
                dir.resolve("b.json").toString(), "--compat", "reference", "--json");
        assertThat(json.stdout().strip()).isEqualTo("[]");
    }

    @Test
    void defaultJsonLeavesUnmeasuredTtftWithoutDeltaAndCountsUnmatched() throws Exception {
        CliRun run = CliRun.of(dir, "compare", "-b", file("a.json", ONE).toString(), "-c",
                file("b.json", FASTER).toString(), "--json");
        assertThat(run.exitCode()).isZero();
        JsonNode doc = new ObjectMapper().readTree(run.stdout());
        assertThat(doc.get("rows").get(0).get("delta_ttft_pct").isNull()).isTrue();
        assertThat(doc.get("rows").get(0).get("delta_throughput_pct").asDouble()).isEqualTo(25.0);
        assertThat(doc.get("summary").get("unmatched_baseline").asInt()).isZero();
        assertThat(doc.get("summary").get("unmatched_candidate").asInt()).isEqualTo(1);

        CliRun reference = CliRun.of(dir, "compare", "-b", dir.resolve("a.json").toString(), "-c",
                dir.resolve("b.json").toString(), "--json", "--compat", "reference");
        assertThat(new ObjectMapper().readTree(reference.stdout()).get(0).get("delta_ttft_pct").asDouble())
                .isEqualTo((-1.0 - 200.0) / 200.0 * 100); // the sentinel taken as a time
    }
}
