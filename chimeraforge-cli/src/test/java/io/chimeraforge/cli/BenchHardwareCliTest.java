package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --hardware NAME}: the run's results carry the catalog GPU; bad names are refused before any load. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchHardwareCliTest {

    private static final Script FAST = Script.builder().ttft(Duration.ofMillis(2)).interTokenGap(Duration.ZERO)
            .outputTokens(8).build();
    private static MockLlmServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        server = MockLlmServer.builder().script(FAST).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private CliRun bench(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(dir, all);
    }

    @Test
    void theLabelIsWrittenToEveryResultAsTheCatalogSpellsIt() throws Exception {
        Path out = dir.resolve("labelled.json");
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "2", "--context", "512,1024",
                "--hardware", "rtx 4090 24gb", "--output-file", out.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        List<BenchResult> results = BenchResultFiles.read(out);
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.hardware()).contains("RTX 4090 24GB"));
        JsonNode file = Json.mapper().readTree(Files.readString(out));
        for (JsonNode result : file) {
            assertThat(result.get("hardware").asText()).isEqualTo("RTX 4090 24GB");
        }
        JsonNode stdout = Json.mapper().readTree(run.stdout());
        assertThat(stdout.get(0).get("hardware").asText()).isEqualTo("RTX 4090 24GB");
    }

    @Test
    void anUnknownGpuIsRefusedWithTheCatalogBeforeAnyLoad() {
        long before = server.generationRequests();
        Path out = dir.resolve("never.json");
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "2", "--hardware", "RTX 9090",
                "--output-file", out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).singleElement().asString()
                .startsWith("Error: --hardware 'RTX 9090' is not in the GPU catalog. Known GPUs: A100 40GB, A100 80GB,")
                .contains("RTX 4090 24GB")
                .endsWith(". Run `chimeraforge plan --list-hardware` for the table.");
        assertThat(run.stdout()).isEmpty();
        assertThat(Files.exists(out)).isFalse();
        assertThat(server.generationRequests()).isEqualTo(before);
    }

    @Test
    void aNameFittingSeveralGpusIsRefusedWithTheCandidates() {
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "2", "--hardware", "A100",
                "--output-file", dir.resolve("never.json").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).singleElement().asString()
                .isEqualTo("Error: --hardware 'A100' matches several GPUs: A100 40GB, A100 80GB. Name one of them."
                        + " (see `chimeraforge plan --list-hardware`)");
    }
}
