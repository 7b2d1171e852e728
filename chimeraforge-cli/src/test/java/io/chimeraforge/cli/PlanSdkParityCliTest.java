package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.Compat;
import io.chimeraforge.planner.CandidateJson;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Planner.builder().build()} plans what {@code chimeraforge plan} plans: the measured corpus
 * of the cache directory is found by the SDK, not by the CLI, and both behaviours agree.
 */
class PlanSdkParityCliTest {

    /** A measured corpus unlike the bundled one: vLLM twice as fast, the other sections at their defaults. */
    private static final String MEASURED = "{\"throughput\": {\"lookup\": {\"qwen2.5-1.5b|vllm|FP16\": 300.0,"
            + " \"llama3.2-3b|vllm|FP16\": 180.0}, \"quant_multipliers\": {\"Q4_K_M\": 1.4}}}";

    @TempDir
    Path cache;

    private String sdkJson(Planner planner, PlanRequest request) {
        return CandidateJson.toJson(planner.plan(request).candidates());
    }

    @Test
    void theBuilderFindsTheMeasuredCorpusTheCliUses() throws IOException {
        Files.writeString(cache.resolve("fitted_models.json"), MEASURED, StandardCharsets.UTF_8);
        PlanRequest request = PlanRequest.builder().modelSize("3b").requestRate(4).hardware("RTX 4090 24GB").build();
        for (Compat compat : Compat.values()) {
            Planner sdk = Planner.builder().compat(compat).cacheDirectory(cache).build();
            String[] argv = compat == Compat.REFERENCE
                    ? new String[] {"plan", "--model-size", "3b", "--request-rate", "4", "--hardware", "RTX 4090 24GB",
                            "--json", "--compat", "reference"}
                    : new String[] {"plan", "--model-size", "3b", "--request-rate", "4", "--hardware", "RTX 4090 24GB",
                            "--json"};
            CliRun cli = CliRun.of(cache, argv);
            assertThat(cli.exitCode()).as(cli.stderr()).isZero();
            assertThat(cli.stdout().strip()).as(compat.name()).isEqualTo(sdkJson(sdk, request));
            // the measured corpus made a difference, and the opt-out plans with the bundled corpus
            String bundled = sdkJson(Planner.builder().compat(compat).measuredCorpus(false).build(), request);
            assertThat(bundled).isNotEqualTo(cli.stdout().strip());
            assertThat(sdkJson(Planner.builder().compat(compat).cacheDirectory(cache.resolve("empty")).build(), request))
                    .isEqualTo(bundled);
        }
    }

    @Test
    void anUnreadableMeasuredCorpusIsIgnoredWithOneWarningInBoth() throws IOException {
        Files.writeString(cache.resolve("fitted_models.json"), "{\"vram\": 5}", StandardCharsets.UTF_8);
        Planner sdk = Planner.builder().cacheDirectory(cache).build();
        assertThat(sdk.corpusNote()).hasValueSatisfying(note -> assertThat(note).startsWith(
                "ignoring the measured corpus: invalid models file"));
        CliRun cli = CliRun.of(cache, "plan", "--json");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.stderr()).contains("warning: " + sdk.corpusNote().orElseThrow());
        assertThat(cli.stdout().strip()).isEqualTo(sdkJson(sdk, PlanRequest.defaults()));
    }
}
