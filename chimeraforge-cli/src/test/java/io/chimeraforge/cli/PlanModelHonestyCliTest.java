package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 item 15: a model identifier whose stated size no registry model matches is refused
 * (exit 1, the reference's wording naming the manual-override flags), never planned as a model of
 * another size.
 */
class PlanModelHonestyCliTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path cache;

    @ParameterizedTest
    @ValueSource(strings = {"meta-llama/Llama-3.1-405B", "llama3.1:70b", "llama3.1:405b", "phi4:14b"})
    void anIdentifierOfAnotherSizeIsRefused(String id) throws Exception {
        CliRun json = CliRun.of(cache, "plan", "-M", id, "--no-network", "--hardware", "RTX 4090 24GB",
                "--budget", "1e9", "--quality-target", "0", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(MAPPER.readTree(json.stdout()).path("error").asText()).isEqualTo("resolving model: could not"
                + " resolve '" + id + "'. Pass an Ollama tag (ollama:NAME), an HF repo (org/name), or manual overrides"
                + " (--params-b/--n-layers/--n-kv-heads/--d-head).");

        CliRun text = CliRun.of(cache, "plan", "-M", id, "--no-network");
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.stdout()).isEmpty();
        assertThat(text.stderrLines()).hasSize(1);
        assertThat(text.stderr()).startsWith("Error: resolving model: could not resolve");
    }
}
