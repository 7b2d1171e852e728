package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 items 7 and 19 through {@code eval} and {@code safety}: endless inputs end at the limit
 * with one line, the FP16 baseline range, {@code --strict}, the mismatch warning on stderr, and
 * scoring progress on an interactive stderr only.
 */
class EvalInputsCliTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void endlessInputsEndAtTheLimitWithOneLine() {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "needs /dev/zero");
        CliRun eval = CliRun.of(dir, "eval", "-p", "/dev/zero", "-r", "/dev/zero");
        assertThat(eval.exitCode()).isEqualTo(1);
        assertThat(eval.stderrLines()).containsExactly(
                "Error: predictions file '/dev/zero' is larger than the 64 MiB limit for an eval input.");
        CliRun safety = CliRun.of(dir, "safety", "-m", "llama3.2:1b", "-p", "/dev/zero", "--base-url",
                "http://127.0.0.1:9");
        assertThat(safety.exitCode()).isEqualTo(1);
        assertThat(safety.stderrLines()).containsExactly(
                "Error: prompts file '/dev/zero' is larger than the 16 MiB limit for a prompts file.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "0", "-1"})
    void anFp16BaselineOutOfRangeIsRefused(String baseline) throws Exception {
        Path pred = Files.writeString(dir.resolve("p.txt"), "Paris\n");
        CliRun run = CliRun.of(dir, "eval", "-p", pred.toString(), "-r", pred.toString(), "--compat", "reference",
                "--fp16-baseline", baseline);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).containsExactly("Error: --fp16-baseline must be greater than 0 and at most 1"
                + " (a composite score), got " + Double.parseDouble(baseline) + ".");
    }

    @Test
    void mismatchedLinesWarnOnStderrAndStrictRefuses() throws Exception {
        Path pred = Files.writeString(dir.resolve("p.txt"), "a\nb\nc\n");
        Path ref = Files.writeString(dir.resolve("r.txt"), "a\nb\n");
        CliRun json = CliRun.of(dir, "eval", "-p", pred.toString(), "-r", ref.toString(), "--compat", "reference",
                "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(MAPPER.readTree(json.stdout()).get(0).get("scores").get("n_samples").asInt()).isEqualTo(2);
        assertThat(json.stderr()).contains("warning: Length mismatch: 3 predictions vs 2 references.");

        CliRun strict = CliRun.of(dir, "eval", "-p", pred.toString(), "-r", ref.toString(), "--compat", "reference",
                "--strict");
        assertThat(strict.exitCode()).isEqualTo(1);
        assertThat(strict.stderrLines()).hasSize(1);
        assertThat(strict.stderr()).startsWith("Error: predictions and references do not pair up: 3 predictions vs 2");
    }

    @Test
    void progressIsDrawnOnATerminalOnlyAndNeverUnderJson() throws Exception {
        Path pred = Files.writeString(dir.resolve("p.txt"), "The cat sat on the mat.\nParis is in France.\n");
        Path ref = Files.writeString(dir.resolve("r.txt"), "A cat sat on a mat.\nParis is a city in France.\n");
        CliRun terminal = CliRun.interactive(dir, "eval", "-p", pred.toString(), "-r", ref.toString());
        assertThat(terminal.exitCode()).as(terminal.stderr()).isZero();
        assertThat(terminal.stderr()).contains("\rscoring: 2/2 pairs");
        CliRun terminalJson = CliRun.interactive(dir, "eval", "-p", pred.toString(), "-r", ref.toString(), "--json");
        assertThat(terminalJson.stderr()).doesNotContain("scoring:");
        CliRun pipe = CliRun.of(dir, "eval", "-p", pred.toString(), "-r", ref.toString());
        assertThat(pipe.stderr()).doesNotContain("scoring:");
    }

    @Test
    void modeErrorsAndNotesUseTheCommandsOptionNames() throws Exception {
        CliRun none = CliRun.of(dir, "eval", "--compat", "reference");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.stderrLines())
                .containsExactly("Error: provide --task, --pairs, or both --predictions and --references.");
        Path pairs = Files.writeString(dir.resolve("pairs.jsonl"), "{\"prediction\": \"a\", \"reference\": \"a\"}\n");
        CliRun both = CliRun.of(dir, "eval", "--compat", "reference", "--pairs", pairs.toString(), "-t",
                "general_knowledge");
        assertThat(both.stderrLines()).containsExactly("Error: --pairs cannot be combined with --task.");
        CliRun placeholder = CliRun.of(dir, "eval", "--compat", "reference", "-t", "general_knowledge");
        assertThat(placeholder.exitCode()).isZero();
        assertThat(placeholder.stdout())
                .contains("Note: No --predictions file; using task prompts as placeholder (scores will be low).");
    }
}
