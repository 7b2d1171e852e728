package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C: the CLI runs in a child JVM, which is sent SIGTERM mid-run (SIGTERM and SIGINT both run
 * shutdown hooks); its hook cancels the run and waits until the partial result file is written.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BenchCancelTest {

    @TempDir
    Path dir;

    @Test
    void terminatingAProcessMidRunLeavesAValidPartialFile() throws Exception {
        // 20 tokens 25 ms apart: each request takes ~0.5 s; 400 requests over 4 workers would take ~50 s.
        Script slow = Script.builder().ttft(Duration.ofMillis(5)).interTokenGap(Duration.ofMillis(25)).outputTokens(20)
                .build();
        try (MockLlmServer server = MockLlmServer.builder().script(slow).start()) {
            Path file = dir.resolve("partial.json");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // The child runs on the test classpath (surefire's may be a manifest-only jar; that works too).
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ChimeraforgeCli.class.getName(), "bench", "-m", "mock-model", "--base-url", server.baseUrl(),
                    "-w", "concurrent", "-c", "4", "-n", "400", "--warmup", "0", "--output-file", file.toString());
            pb.redirectOutput(dir.resolve("stdout.txt").toFile());
            pb.redirectError(dir.resolve("stderr.txt").toFile());
            pb.environment().put("HOME", dir.toString());
            Process process = pb.start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                // Wait until some requests have finished: the request log has lines.
                Path log = dir.resolve("partial.requests.jsonl");
                while (read(log).isEmpty() && System.nanoTime() < deadline && process.isAlive()) {
                    Thread.sleep(50);
                }
                assertThat(read(log)).as(read(dir.resolve("stderr.txt"))).isNotEmpty();
                process.destroy(); // SIGTERM
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
                // 128 + SIGTERM, as the README says (Ctrl-C, SIGINT, exits 130).
                assertThat(process.exitValue()).isEqualTo(143);
            } finally {
                process.destroyForcibly();
            }
            List<BenchResult> saved = BenchResultFiles.read(file);
            assertThat(saved).singleElement().satisfies(r -> {
                assertThat(r.aggregate().count()).isBetween(1, 399);
                assertThat(r.individualRuns()).hasSize(r.aggregate().count());
                assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("Partial result"));
            });
            String stderr = read(dir.resolve("stderr.txt"));
            assertThat(stderr).contains("Results saved to: " + file)
                    .contains("Warning: run cancelled; the saved results hold the requests that finished.")
                    .doesNotContain("Exception");
            assertThat(read(dir.resolve("stdout.txt"))).contains("mock-model | ollama | default | ctx=2048");
            assertThat(server.generationRequests()).isLessThan(400);
            // Every request the server saw is in the log, finished or cancelled (plus at most one
            // per worker that was cancelled just before it was sent).
            assertThat(Files.readAllLines(dir.resolve("partial.requests.jsonl")).size())
                    .isBetween((int) server.generationRequests(), (int) server.generationRequests() + 4);
        }
    }

    private static String read(Path p) throws java.io.IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
    }
}
