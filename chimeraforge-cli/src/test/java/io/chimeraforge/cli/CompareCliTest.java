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

    private static String runs(String model, double... tps) {
        StringBuilder runs = new StringBuilder();
        double sum = 0;
        for (double v : tps) {
            runs.append(runs.length() == 0 ? "" : ",").append("{\"tokens_generated\": 10, \"throughput_tps\": ").append(v)
                    .append(", \"ttft_ms\": 50.0, \"total_duration_ms\": 1000.0}");
            sum += v;
        }
        return "[{\"model\": \"" + model + "\", \"backend\": \"vllm\", \"individual_runs\": [" + runs
                + "], \"aggregate\": {\"count\": " + tps.length + ", \"throughput_tps\": {\"mean\": " + sum / tps.length
                + "}, \"ttft_ms\": {\"mean\": 50.0}, \"total_duration_ms\": {\"mean\": 1000.0}}}]";
    }

    @Test
    void failOnRegressionExits3OnlyForASignificantRegression() throws Exception {
        Path base = file("base.json", runs("m", 100, 101, 99, 100));
        Path slower = file("slower.json", runs("m", 90, 91, 89, 90));
        Path noisy = file("noisy.json", runs("m", 60, 140, 97, 99));
        CliRun regressed = CliRun.of(dir, "compare", "-b", base.toString(), "-c", slower.toString(), "--fail-on-regression");
        assertThat(regressed.exitCode()).isEqualTo(3);
        assertThat(regressed.stdout()).contains("Regression: m|vllm|default|single|2048 throughput -10.0% (95% CI ");
        assertThat(CliRun.of(dir, "compare", "-b", base.toString(), "-c", slower.toString()).exitCode()).isZero();
        assertThat(CliRun.of(dir, "compare", "-b", base.toString(), "-c", noisy.toString(), "--fail-on-regression")
                .exitCode()).isZero();
        assertThat(CliRun.of(dir, "compare", "-b", base.toString(), "-c", slower.toString(), "--fail-on-regression",
                "--threshold", "15").exitCode()).isZero();
        CliRun json = CliRun.of(dir, "compare", "-b", base.toString(), "-c", slower.toString(), "--fail-on-regression",
                "--json", "--confidence", "0.99");
        assertThat(json.exitCode()).isEqualTo(3);
        JsonNode doc = new ObjectMapper().readTree(json.stdout());
        assertThat(doc.get("rows").get(0).get("throughput_verdict").asText()).isEqualTo("regressed");
        assertThat(doc.get("rows").get(0).get("throughput_ci_pct").size()).isEqualTo(2);
        assertThat(doc.get("summary").get("regressed_configs").asInt()).isEqualTo(1);
        assertThat(doc.get("summary").get("confidence").asDouble()).isEqualTo(0.99);
    }

    @ParameterizedTest
    @CsvSource({"--confidence,1.5", "--confidence,0", "--threshold,-1", "--threshold,NaN"})
    void outOfRangeOptionsAreOneLineExit1(String flag, String value) throws Exception {
        Path base = file("base.json", ONE);
        CliRun run = CliRun.of(dir, "compare", "-b", base.toString(), "-c", base.toString(), flag, value);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderrLines().get(0)).startsWith("Error: " + flag + " must be");
    }
}
