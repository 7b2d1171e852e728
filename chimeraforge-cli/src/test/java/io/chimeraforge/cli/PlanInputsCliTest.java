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
 * Issue 10 items 7, 16, 18, 19 through {@code chimeraforge plan}: ambiguous GPU fragments, endless
 * or invalid models files and an empty models path each end in one line and exit 1.
 */
class PlanInputsCliTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path cache;

    @ParameterizedTest
    @ValueSource(strings = {"GB", "RTX", "80GB"})
    void anAmbiguousGpuFragmentIsRefusedWithItsCandidates(String fragment) throws Exception {
        CliRun json = CliRun.of(cache, "plan", "-hw", fragment, "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        String error = MAPPER.readTree(json.stdout()).path("error").asText();
        assertThat(error).startsWith("--hardware '" + fragment + "' matches several GPUs: ");
        if (fragment.equals("80GB")) {
            assertThat(error).contains("A100 80GB, H100 80GB");
        }
        CliRun text = CliRun.of(cache, "plan", "-hw", fragment);
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.stderrLines()).hasSize(1);
    }

    /** Spec planner-corrections g2: trimmed, case-insensitive "auto" or ASCII digits; v0.30.0 under compat. */
    @Test
    void parallelDegreesAreDigitsOnlyUnlessCompatReference() throws Exception {
        for (String accepted : new String[] {" 2 ", "AUTO", "4", "02"}) {
            CliRun run = CliRun.of(cache, "plan", "--model-size", "8b", "-hw", "H100 80GB", "--tp", accepted, "--json");
            assertThat(run.exitCode()).as("'%s': %s", accepted, run.stdout()).isZero();
        }
        for (String legacy : new String[] {"1_0", "+4"}) {
            assertThat(CliRun.of(cache, "plan", "--model-size", "8b", "-hw", "H100 80GB", "--tp", legacy, "--json")
                    .exitCode()).as(legacy).isEqualTo(1);
            CliRun reference = CliRun.of(cache, "plan", "--model-size", "8b", "-hw", "H100 80GB", "--tp", legacy,
                    "--json", "--compat", "reference");
            assertThat(reference.exitCode()).as("%s under compat reference: %s", legacy, reference.stdout()).isZero();
        }
    }

    @Test
    void aUniqueFragmentResolvesWithANoteOnStderr() throws Exception {
        CliRun run = CliRun.of(cache, "plan", "-hw", "A100", "--model-size", "8b", "--budget", "1000", "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(MAPPER.readTree(run.stdout()).isArray()).isTrue();
        assertThat(run.stderr()).contains("note: --hardware 'A100' matched A100 40GB (also: A100 80GB;");
    }

    @Test
    void anEndlessModelsFileEndsAtTheLimit() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "needs /dev/zero");
        CliRun run = CliRun.of(cache, "plan", "--models-path", "/dev/zero", "--json");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(MAPPER.readTree(run.stdout()).path("error").asText())
                .isEqualTo("invalid models file '/dev/zero': larger than the 16 MiB limit for a models file");
    }

    @Test
    void aModelsFileWithAnOutOfRangeValueNamesTheKey() throws Exception {
        Path file = Files.writeString(cache.resolve("bad.json"), "{\"quality\": {\"lookup\": {\"m|FP16\": 7.0}}}");
        CliRun run = CliRun.of(cache, "plan", "--models-path", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).containsExactly("Error: invalid models file '" + file
                + "': quality.lookup['m|FP16'] must be between 0 and 1, got 7.0");
    }

    @Test
    void anEmptyModelsPathSaysSo() {
        CliRun run = CliRun.of(cache, "plan", "--models-path", "");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).containsExactly("Error: invalid models file: the path is empty");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiterString = " => ", value = {
        // issue 10 item 17: 0 used to mean "unset" for the overrides while -1 was refused
        "--model acme/x --params-b 0 => --params-b must be a positive number of billions.",
        "--model acme/x --n-layers 0 => --n-layers must be positive.",
        "--model acme/x --n-kv-heads 0 => --n-kv-heads must be positive.",
        "--model acme/x --hidden-size 0 => --hidden-size must be positive.",
        // LoRA rank and target are checked with or without adapters
        "--lora-rank 0 => lora_rank must be between 1 and 64",
        "--lora-target mlp => unknown lora_target 'mlp'; use one of: attn, qv",
        // item 19: no internal names or exception classes
        "--lora-adapters -1 => --lora-adapters must be between 0 and 64.",
    })
    void settingsFollowTheSdkRulesInTheReferenceWording(String flags, String message) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("plan"));
        args.addAll(java.util.List.of(flags.split(" ")));
        CliRun run = CliRun.of(cache, args.toArray(new String[0]));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).containsExactly("Error: " + message);
    }

    @Test
    void aBlankModelIsOneLineWithoutAnExceptionName() {
        CliRun run = CliRun.of(cache, "plan", "-M", "");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).containsExactly("Error: --model must not be blank.");
    }
}
