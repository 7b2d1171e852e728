package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.testkit.Fault;
import io.chimeraforge.testkit.FaultPlan;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import io.chimeraforge.testkit.ServedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile servers, via {@link MockLlmServer} faults: each run ends (bounded by the duration limit
 * where one is set — checked with counts and recorded instants, not by timing the machine), no
 * request is sent twice (the mock's own record of what it served), the result file is valid JSON
 * that the reader reads back, and attempted = completed + failed + cancelled.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultInjectionTest {

    private static final Pattern REQUEST = Pattern.compile("\\[request (w?\\d+)\\]");

    @TempDir
    Path dir;

    private static BenchConfig.Builder base(MockLlmServer server, Path file) {
        return BenchConfig.builder().model("mock-model").backend(Backend.OLLAMA).baseUrl(server.baseUrl())
                .uniquePrefix(true).outputFile(file);
    }

    /** Every generation request the mock served carried a distinct request marker: nothing was sent twice. */
    private static void assertNothingSentTwice(MockLlmServer server) {
        Set<String> seen = new HashSet<>();
        for (ServedRequest s : server.servedRequests()) {
            if (s.generationIndex() < 0) {
                continue;
            }
            Matcher m = REQUEST.matcher(s.body());
            assertThat(m.find()).as("marker in %s", s.body()).isTrue();
            assertThat(seen.add(m.group(1))).as("request %s sent twice", m.group(1)).isTrue();
        }
        assertThat((long) seen.size()).isEqualTo(server.generationRequests());
    }

    /** The file reads back, and its counts add up and agree with the report's. */
    private static BenchResult assertValidFile(Path file, RequestCounts counts) throws Exception {
        List<BenchResult> saved = BenchResultFiles.read(file);
        assertThat(saved).hasSize(1);
        BenchResult r = saved.get(0);
        long attempted = r.aggregate().number("attempted").orElseThrow().longValue();
        long failed = r.aggregate().number("failed").orElseThrow().longValue();
        long cancelled = r.aggregate().number("cancelled").orElseThrow().longValue();
        assertThat(attempted).isEqualTo(r.aggregate().count() + failed + cancelled);
        assertThat(new long[] {attempted, r.aggregate().count(), failed, cancelled})
                .containsExactly(counts.attempted(), counts.completed(), counts.failed(), counts.cancelled());
        assertThat(r.individualRuns()).hasSize(r.aggregate().count());
        return r;
    }

    @Test
    void serverKilledMidStreamFailsTheCutRequestsAndTheRest() throws Exception {
        // ~0.6 s per request; the server dies once 4 have completed, while the next 4 stream.
        Script script = Script.builder().ttft(Duration.ofMillis(5)).interTokenGap(Duration.ofMillis(20))
                .outputTokens(30).build();
        Path file = dir.resolve("killed.json");
        MockLlmServer server = MockLlmServer.builder().script(script).start();
        try {
            BenchConfig config = base(server, file).workload(Workload.CONCURRENT).concurrency(4).runs(20)
                    .warmupRequests(0).build();
            BenchReport report = BenchRunner.builder(config).captureGpu(false).listener(new BenchListener() {
                @Override
                public void requestCompleted(RequestTimeline t, int completed, int total) {
                    if (completed == 4) {
                        new Thread(server::close).start();
                    }
                }
            }).build().run();
            RequestCounts counts = report.counts();
            assertThat(counts.attempted()).isEqualTo(20);
            assertThat(counts.completed()).isBetween(4L, 19L);
            assertThat(counts.failed()).isPositive();
            assertThat(counts.byKind()).doesNotContainKey(ErrorKind.CANCELLED);
            assertValidFile(file, counts);
            assertThat(Files.readAllLines(report.requestLog().orElseThrow())).hasSize(20);
            assertNothingSentTwice(server);
        } finally {
            server.close();
        }
    }

    @Test
    void stallAfterHeadersInTheWarmUpAbortsBeforeAnyMeasuredRequest() {
        Path file = dir.resolve("stalled.json");
        try (MockLlmServer server = MockLlmServer.builder().faults(FaultPlan.everyNth(1, Fault.STALL_AFTER_HEADERS))
                .stallLimit(Duration.ofSeconds(30)).start()) {
            BenchConfig config = base(server, file).runs(5).idleTimeout(Duration.ofMillis(300)).build();
            assertThatThrownBy(() -> BenchRunner.builder(config).captureGpu(false).build().run())
                    .isInstanceOfSatisfying(BenchException.class, e -> assertThat(e.kind()).isEqualTo(BenchException.Kind.WARMUP))
                    .hasMessageContaining("warm-up request 1 failed (timeout_idle)")
                    .hasMessageNotContaining("\n");
            // Only the warm-up reached the server: nothing measured was sent after it failed.
            assertThat(server.generationRequests()).isEqualTo(1);
            assertNothingSentTwice(server);
        }
    }

    @Test
    void stallAfterHeadersIsCancelledAtTheDurationLimit() throws Exception {
        Path file = dir.resolve("stall-deadline.json");
        // The default idle timeout (60 s) would hold each stalled request for a minute; the limit ends it.
        try (MockLlmServer server = MockLlmServer.builder().faults(FaultPlan.everyNth(1, Fault.STALL_AFTER_HEADERS))
                .stallLimit(Duration.ofSeconds(60)).start()) {
            BenchConfig config = base(server, file).workload(Workload.CONCURRENT).concurrency(3).runs(100)
                    .warmupRequests(0).duration(Duration.ofMillis(800)).build();
            BenchReport report = BenchRunner.builder(config).captureGpu(false).build().run();
            RequestCounts counts = report.counts();
            // The three stalled streams were in flight at the limit: cancelled, not failed, nothing else sent.
            assertThat(counts.cancelled()).isEqualTo(3);
            assertThat(counts.attempted()).isEqualTo(3);
            assertThat(counts.failed()).isZero();
            assertThat(server.generationRequests()).isEqualTo(3);
            assertValidFile(file, counts);
            assertNothingSentTwice(server);
            // Ended by the limit, not by the 60 s idle timeout: the streams are cancelled, none failed.
            // (How long the run takes is not asserted; the class timeout only guards against a hang.)
        }
    }

    @Test
    void slowTrickleIsCancelledAtTheDurationLimit() throws Exception {
        // 20 tokens at 10 ms x 25 (trickle) = ~5 s per request; the limit is 1 s.
        Script script = Script.builder().ttft(Duration.ofMillis(5)).interTokenGap(Duration.ofMillis(10)).outputTokens(20)
                .build();
        Path file = dir.resolve("trickle.json");
        try (MockLlmServer server = MockLlmServer.builder().script(script)
                .faults(FaultPlan.everyNth(1, Fault.SLOW_TRICKLE)).start()) {
            BenchConfig config = base(server, file).workload(Workload.CONCURRENT).concurrency(2).runs(50)
                    .warmupRequests(0).duration(Duration.ofSeconds(1)).build();
            BenchReport report = BenchRunner.builder(config).captureGpu(false).build().run();
            RequestCounts counts = report.counts();
            assertThat(counts.cancelled()).isEqualTo(2);
            assertThat(counts.attempted()).isEqualTo(counts.completed() + counts.failed() + counts.cancelled());
            assertThat(counts.completed()).isZero();
            BenchResult r = assertValidFile(file, counts);
            assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("cancelled at the duration limit"));
            assertNothingSentTwice(server);
            // Every cancelled request got some of its stream before the limit: it really was in flight.
            assertThat(report.configs().get(0).timelines()).allSatisfy(t -> {
                assertThat(t.error().orElseThrow().kind()).isEqualTo(ErrorKind.CANCELLED);
                assertThat(t.headersNanos()).isPresent();
            });
        }
    }

    @Test
    void tenThousandQueuedOpenLoopRequestsAreCancelledAtTheDeadlineWithoutBeingSent() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(50)).interTokenGap(Duration.ZERO).outputTokens(4).build();
        Path file = dir.resolve("queued.json");
        try (MockLlmServer server = MockLlmServer.builder().script(script).maxRecordedRequests(20_000).start()) {
            // 10,000 arrivals within 0.1 s, one in flight at a time (~50 ms each): nearly all queue.
            BenchConfig config = base(server, file).workload(Workload.SERVER).rate(100_000.0).concurrency(1)
                    .runs(10_000).warmupRequests(0).duration(Duration.ofSeconds(1)).build();
            BenchReport report = BenchRunner.builder(config).captureGpu(false).build().run();
            RequestCounts counts = report.counts();
            assertThat(counts.attempted()).isEqualTo(10_000);
            assertThat(counts.attempted()).isEqualTo(counts.completed() + counts.failed() + counts.cancelled());
            assertThat(counts.failed()).isZero();
            assertThat(counts.completed()).isPositive();
            // At most one request was in flight at the deadline; every other one never reached the server.
            assertThat(server.generationRequests()).isBetween(counts.completed(), counts.completed() + 1);
            assertThat(counts.cancelled()).isEqualTo(10_000 - counts.completed());
            assertValidFile(file, counts);
            assertNothingSentTwice(server);
            List<RequestTimeline> timelines = report.configs().get(0).timelines();
            // The request log accounts for all 10,000: a line per request handled one by one, and
            // one line for the range still queued at the limit (cancelled in bulk, never sent).
            List<String> log = Files.readAllLines(report.requestLog().orElseThrow());
            long inRanges = 0;
            int single = 0;
            for (String line : log) {
                com.fasterxml.jackson.databind.JsonNode node = io.chimeraforge.core.Json.mapper().readTree(line);
                if (node.has("cancelled_unsent")) {
                    inRanges += node.path("cancelled_unsent").path("to").asLong() - node.path("cancelled_unsent").path("from").asLong();
                } else {
                    single++;
                }
            }
            assertThat(single + inRanges).isEqualTo(10_000);
            assertThat(inRanges).isPositive();
            assertThat(timelines).hasSize(single);
            // Only requests started before the limit reached the server: every other one is recorded
            // cancelled before it was sent, and the server's own count equals the sent ones. (No
            // instant is bounded from above: a request started just before the limit may be written
            // just after it on a loaded machine.)
            List<RequestTimeline> sent = timelines.stream()
                    .filter(t -> t.error().map(e -> !e.message().contains("before it was sent")).orElse(true)).toList();
            assertThat((long) sent.size()).isEqualTo(server.generationRequests()).isLessThan(10_000L);
            // Serving the queue would have taken 10,000 x 50 ms = 500 s; the server's count above shows
            // how few were sent.
        }
    }

    @Test
    void aMillionArrivalsPerSecondStopAtTheDeadlineWithEveryRequestAccountedFor() throws Exception {
        // The run: --rate 1e6 with millions of runs and a short --duration.
        Script script = Script.builder().ttft(Duration.ofMillis(1)).interTokenGap(Duration.ZERO).outputTokens(1).build();
        Path file = dir.resolve("flood.json");
        try (MockLlmServer server = MockLlmServer.builder().script(script).maxRecordedRequests(0).start()) {
            BenchConfig config = base(server, file).uniquePrefix(false).workload(Workload.SERVER).rate(1_000_000.0)
                    .runs(5_000_000).warmupRequests(0).duration(Duration.ofSeconds(1)).build();
            BenchReport report = BenchRunner.builder(config).captureGpu(false).build().run();
            RequestCounts counts = report.counts();
            assertThat(counts.attempted()).isEqualTo(counts.completed() + counts.failed() + counts.cancelled());
            assertThat(counts.failed()).isZero();
            assertThat(counts.cancelled()).isPositive();
            // Only what was sent reached the server (completed, plus at most the 8 in flight at the limit).
            assertThat(server.generationRequests()).isBetween(counts.completed(), counts.completed() + 8);
            assertValidFile(file, counts);
            // The run went on for 10 min 45 s: here no arrival scheduled after the 1 s limit is
            // started (a Poisson schedule at 1e6/s holds about 1,000,000 ± 1,000 arrivals in 1 s), and
            // most of those within it are cancelled unsent.
            assertThat(counts.attempted()).isLessThan(1_100_000L);
            assertThat(counts.cancelled()).isGreaterThan(counts.completed());
        }
    }
}
