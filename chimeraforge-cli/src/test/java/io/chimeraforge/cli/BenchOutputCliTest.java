package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.core.Json;
import io.chimeraforge.testkit.Fault;
import io.chimeraforge.testkit.FaultPlan;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.nio.charset.StandardCharsets;
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

/**
 * {@code bench} output safety: where results may be written (checked before any load), what a
 * failed save still shows, password redaction, loud failure counts and {@code --fail-on-error},
 * and a stalled warm-up.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchOutputCliTest {

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
    void anOutputFileThatIsADeviceOrDirectoryIsRefusedBeforeAnyLoad() throws Exception {
        // A device node of our own (like /dev/full: char 1,7), never the machine's: without the
        // check the old code replaced the node with a regular file.
        Path device = dir.resolve("full");
        Process mknod = new ProcessBuilder("mknod", device.toString(), "c", "1", "7").start();
        assertThat(mknod.waitFor(10, TimeUnit.SECONDS)).isTrue();
        org.junit.jupiter.api.Assumptions.assumeTrue(mknod.exitValue() == 0, "mknod allowed (root)");
        long before = server.generationRequests();
        for (String target : List.of(device.toString(), dir.toString())) {
            CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "2", "--output-file", target);
            assertThat(run.exitCode()).as(target).isEqualTo(1);
            assertThat(run.stderrLines()).as(target).singleElement().asString()
                    .startsWith("Error: cannot write results to " + target + ": ");
            assertThat(run.stdout()).isEmpty();
        }
        assertThat(Files.isRegularFile(device)).isFalse();
        assertThat(server.generationRequests()).isEqualTo(before);
    }

    @Test
    void aFifoIsRefusedBeforeAnyLoad() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.exitValue() == 0, "mkfifo available");
        long before = server.generationRequests();
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "2", "--output-file", fifo.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).singleElement().asString().contains("not a regular file");
        assertThat(Files.isRegularFile(fifo)).isFalse();
        assertThat(server.generationRequests()).isEqualTo(before);
    }

    @Test
    void aSymlinkIsWrittenThroughToItsTargetAndStaysALink() throws Exception {
        Path realDir = Files.createDirectories(dir.resolve("real"));
        Path target = realDir.resolve("results.json");
        Files.writeString(target, "old", StandardCharsets.UTF_8);
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), target);
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "2", "--warmup", "0",
                "--output-file", link.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readSymbolicLink(link)).isEqualTo(target);
        assertThat(BenchResultFiles.read(target)).singleElement()
                .satisfies(r -> assertThat(r.aggregate().count()).isEqualTo(2));
        // The temporary file was made (and moved) in the target's directory; nothing is left over.
        try (var files = Files.list(realDir)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("results.json");
        }
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedIsRefusedBeforeAnyLoad() throws Exception {
        // A regular file where a directory must go: fails even for root (unlike permissions).
        Path blocker = Files.writeString(dir.resolve("blocker"), "x", StandardCharsets.UTF_8);
        long before = server.generationRequests();
        CliRun run = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "2", "-o", blocker.resolve("sub").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).singleElement().asString()
                .startsWith("Error: cannot write results to " + blocker.resolve("sub"));
        assertThat(server.generationRequests()).isEqualTo(before);
    }

    @Test
    void aSaveThatFailsAfterTheRunStillPrintsTheResultsAndSaysWhereNothingWasWritten() throws Exception {
        Path out = Files.createDirectories(dir.resolve("vanishing"));
        Path file = out.resolve("r.json");
        // Once the run is under way (after the up-front check), the directory is replaced by a file.
        Script slow = Script.builder().ttft(Duration.ofMillis(300)).interTokenGap(Duration.ZERO).outputTokens(2).build();
        try (MockLlmServer s = MockLlmServer.builder().script(slow).start()) {
            Thread breaker = new Thread(() -> {
                try {
                    while (s.generationRequests() == 0) {
                        Thread.sleep(10);
                    }
                    Files.delete(out);
                    Files.writeString(out, "not a directory", StandardCharsets.UTF_8);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            breaker.start();
            CliRun run = bench("-m", "mock-model", "--base-url", s.baseUrl(), "-n", "2", "--warmup", "0",
                    "--no-request-log", "--output-file", file.toString(), "--json");
            breaker.join();
            assertThat(run.exitCode()).isEqualTo(1);
            JsonNode doc = Json.mapper().readTree(run.stdout());
            assertThat(doc.get(0).path("aggregate").path("count").asInt()).isEqualTo(2);
            assertThat(run.stderrLines()).singleElement().asString().startsWith("Error: nothing was written to " + file);
            assertThat(Files.isRegularFile(out)).isTrue();
        }
    }

    @Test
    void aPasswordInTheBaseUrlIsNeverWrittenOrPrinted() throws Exception {
        String url = "http://bench-user:hunter2@127.0.0.1:" + server.port();
        Path file = dir.resolve("secret.json");
        CliRun run = bench("-m", "mock-model", "--base-url", url, "-n", "2", "--warmup", "0", "--output-file",
                file.toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        String saved = Files.readString(file, StandardCharsets.UTF_8);
        String log = Files.readString(dir.resolve("secret.requests.jsonl"), StandardCharsets.UTF_8);
        assertThat(saved + log + run.stdout() + run.stderr()).doesNotContain("hunter2");
        assertThat(Json.mapper().readTree(saved).get(0).path("load").path("base_urls").get(0).asText())
                .isEqualTo("http://bench-user:***@127.0.0.1:" + server.port());
        // An unreachable URL's error names it redacted too.
        CliRun down = bench("-m", "mock-model", "--base-url", "http://u:hunter2@127.0.0.1:9", "-n", "1");
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.stderr()).doesNotContain("hunter2");
    }

    @Test
    void failedRequestsAreCountedOnStderrAndFailOnErrorExits1() throws Exception {
        try (MockLlmServer flaky = MockLlmServer.builder().script(FAST)
                .faults(FaultPlan.onRequests(Fault.DROP_MID_STREAM, 1)).start()) {
            String[] args = {"-m", "mock-model", "--base-url", flaky.baseUrl(), "-n", "3", "--warmup", "0", "-o",
                dir.toString()};
            CliRun run = bench(args);
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            assertThat(run.stderrLines()).anySatisfy(l -> assertThat(l)
                    .isEqualTo("Warning: 1 of 3 requests failed (stream_truncated: 1); results cover the 2 that completed."));
            assertThat(run.stdout()).contains("Requests: 3 attempted, 2 completed, 1 failed, 0 cancelled");
        }
        try (MockLlmServer flaky = MockLlmServer.builder().script(FAST)
                .faults(FaultPlan.onRequests(Fault.DROP_MID_STREAM, 1)).start()) {
            CliRun failing = bench("-m", "mock-model", "--base-url", flaky.baseUrl(), "-n", "3", "--warmup", "0", "-o",
                    dir.toString(), "--fail-on-error");
            assertThat(failing.exitCode()).isEqualTo(1);
            assertThat(failing.stdout()).contains("Runs: 2 |");
            assertThat(failing.stderrLines()).anySatisfy(l -> assertThat(l).startsWith("Results saved to: "));
        }
        CliRun clean = bench("-m", "mock-model", "--base-url", server.baseUrl(), "-n", "2", "--warmup", "0", "-o",
                dir.toString(), "--fail-on-error");
        assertThat(clean.exitCode()).isZero();
        assertThat(clean.stderr()).doesNotContain("failed");
    }

    @Test
    void helpNamesFailOnError() {
        CliRun run = bench("--help");
        assertThat(run.stdout()).contains("--fail-on-error").contains("Exit 1 when any measured request failed");
    }

    @Test
    void aStalledWarmUpEndsTheRunWithItsCauseAndSendsNothingAfterIt() {
        try (MockLlmServer stalling = MockLlmServer.builder().faults(FaultPlan.everyNth(1, Fault.STALL_AFTER_HEADERS))
                .stallLimit(Duration.ofSeconds(30)).start()) {
            CliRun run = bench("-m", "mock-model", "--base-url", stalling.baseUrl(), "-n", "5", "--idle-timeout", "0.3",
                    "-o", dir.toString());
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.stderrLines()).singleElement().asString()
                    .startsWith("Error: Warm-up failed, so mock-model | ollama | default | ctx=2048 was not measured: "
                            + "warm-up request 1 failed (timeout_idle)");
            assertThat(stalling.generationRequests()).isEqualTo(1);
        }
    }

    @Test
    void aDurationLimitReportsCancelledRequestsNotAllFailed() throws Exception {
        Script slow = Script.builder().ttft(Duration.ofSeconds(20)).interTokenGap(Duration.ZERO).outputTokens(1).build();
        try (MockLlmServer s = MockLlmServer.builder().script(slow).start()) {
            CliRun run = bench("-m", "mock-model", "--base-url", s.baseUrl(), "-w", "concurrent", "-c", "50", "-n", "1000",
                    "--warmup", "0", "--duration", "0.5", "-o", dir.toString(), "--json");
            assertThat(run.exitCode()).as(run.stderr()).isZero();
            JsonNode agg = Json.mapper().readTree(run.stdout()).get(0).path("aggregate");
            assertThat(agg.path("attempted").asInt()).isEqualTo(50);
            assertThat(agg.path("cancelled").asInt()).isEqualTo(50);
            assertThat(agg.path("failed").asInt()).isZero();
            assertThat(run.stderr()).doesNotContain("All ").doesNotContain("failed");
        }
    }
}
