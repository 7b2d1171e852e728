package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.core.result.StatSummary;
import io.chimeraforge.testkit.Fault;
import io.chimeraforge.testkit.FaultPlan;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Quirk;
import io.chimeraforge.testkit.Script;
import io.chimeraforge.testkit.StreamTiming;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End-to-end acceptance against {@link MockLlmServer} on 127.0.0.1. Timing assertions are
 * orderings, lower bounds the mock's script guarantees, and the mock's own recorded instants
 * ({@link StreamTiming}); none bounds how fast this machine is (the precision figures — TTFT
 * within 1 ms of the script — are measured by {@code HarnessFigures} and quoted in the README).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AcceptanceTest {

    @TempDir
    Path dir;

    /**
     * Warms the JIT on the whole request path (all three protocols) so the first measured test
     * does not pay for class loading and interpretation — as any benchmark warms up.
     */
    @org.junit.jupiter.api.BeforeAll
    static void warmJvm() {
        Script fast = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(16).build();
        try (MockLlmServer server = MockLlmServer.builder().script(fast).start()) {
            for (Backend b : List.of(Backend.OLLAMA, Backend.VLLM, Backend.TGI)) {
                BenchRunner.builder(BenchConfig.builder().model("mock-model").backend(b).baseUrl(server.baseUrl())
                        .workload(Workload.CONCURRENT).concurrency(4).runs(300).warmupRequests(0).build())
                        .captureGpu(false).build().run();
            }
        }
    }

    private static Script truth(int tokensPerChunk) {
        return Script.builder().ttft(Duration.ofMillis(100)).interTokenGap(Duration.ofMillis(10)).outputTokens(64)
                .tokensPerChunk(tokensPerChunk).build();
    }

    private static BenchConfig.Builder base(MockLlmServer server, Backend backend) {
        return BenchConfig.builder().model("mock-model").backend(backend).baseUrl(server.baseUrl()).maxTokens(64)
                .workload(Workload.CONCURRENT).concurrency(4).runs(8).warmupRequests(8).uniquePrefix(true);
    }

    /**
     * TTFT is measured from the right events, checked against what the mock recorded for the same
     * request (matched by the unique prompt prefix): the client sent before the server read the
     * request, the first content token reached the client only after the server wrote it and
     * before the stream's last write (so neither a role-only chunk nor a later token was taken
     * for it), and no TTFT is below the scripted 100 ms. The events of each timeline are ordered.
     */
    private static void assertTtftFromTheRightEvents(ConfigResult c, MockLlmServer server) {
        BenchResult r = c.result();
        Map<Long, Long> generationOf = new java.util.HashMap<>();
        for (io.chimeraforge.testkit.ServedRequest s : server.servedRequests()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[request (\\d+)\\]").matcher(s.body());
            if (s.generationIndex() >= 0 && m.find()) {
                generationOf.put(Long.parseLong(m.group(1)), s.generationIndex());
            }
        }
        Map<Long, StreamTiming> timingOf = new java.util.HashMap<>();
        server.streamTimings().forEach(t -> timingOf.put(t.generationIndex(), t));
        assertThat(c.timelines()).hasSize(r.aggregate().count()).allSatisfy(t -> {
            StreamTiming st = timingOf.get(generationOf.get(t.index()));
            assertThat(st).as("server timing of request %d", t.index()).isNotNull();
            long firstToken = t.firstTokenNanos().getAsLong();
            assertThat(t.sentNanos()).isLessThanOrEqualTo(st.requestReadNanos());
            assertThat(firstToken).isGreaterThanOrEqualTo(st.firstTokenWrittenNanos().getAsLong())
                    .isLessThan(st.lastWriteNanos().getAsLong());
            assertThat(t.headersNanos().getAsLong()).isGreaterThan(t.sentNanos())
                    .isLessThanOrEqualTo(t.firstChunkNanos().getAsLong());
            assertThat(t.firstChunkNanos().getAsLong()).isLessThanOrEqualTo(firstToken);
            assertThat(firstToken).isLessThanOrEqualTo(t.lastTokenNanos().getAsLong());
            assertThat(t.lastTokenNanos().getAsLong()).isLessThanOrEqualTo(t.endNanos());
            assertThat(t.ttftMs().getAsDouble()).isGreaterThanOrEqualTo(100.0);
            // Token gaps tile the decode span: together they are exactly first token -> last token.
            double[] gaps = t.tokenItlMs();
            assertThat(java.util.Arrays.stream(gaps).sum())
                    .isCloseTo((t.lastTokenNanos().getAsLong() - firstToken) / 1e6, within(1e-6));
        });
        double[] ttft = r.individualRuns().stream().mapToDouble(run -> run.ttftMs()).sorted().toArray();
        assertThat(ttft[0]).isGreaterThanOrEqualTo(100.0);
        assertThat(summary(r, "client_ttft_ms").min()).isEqualTo(ttft[0]);
        assertThat(summary(r, "client_ttft_ms").p50()).isEqualTo(r.aggregate().ttftMs().p50());
    }

    /** Token gaps a configuration has: every token after each request's first chunk. */
    private static long tokensAfterFirstChunk(ConfigResult c) {
        return c.timelines().stream().mapToLong(t -> t.outputTokens() - t.chunks().get(0).tokens()).sum();
    }

    private static StatSummary summary(BenchResult r, String key) {
        return r.aggregate().summary(key).orElseThrow();
    }

    @ParameterizedTest(name = "{0} chat={1}")
    @CsvSource({"OLLAMA,false", "OLLAMA,true", "VLLM,false", "VLLM,true", "TGI,false"})
    void truthOneTokenPerChunk(Backend backend, boolean chat) {
        try (MockLlmServer server = MockLlmServer.builder().script(truth(1)).start()) {
            BenchReport report = BenchRunner.builder(base(server, backend).chat(chat).build()).captureGpu(false).build().run();
            BenchResult r = report.results().get(0);
            assertTtftFromTheRightEvents(report.configs().get(0), server);
            assertThat(r.aggregate().count()).isEqualTo(8);
            assertThat(r.individualRuns()).allSatisfy(run -> assertThat(run.tokensGenerated()).isEqualTo(64));
            assertThat(r.aggregate().tokensGenerated()).isEqualTo(8 * 64);
            assertThat(summary(r, "itl_token_ms").count()).isEqualTo(tokensAfterFirstChunk(report.configs().get(0)));
            // A write can reach the client merged with the next (TCP), so chunks <= tokens.
            assertThat(summary(r, "itl_chunk_ms").count()).isPositive().isLessThanOrEqualTo(8 * 63);
            assertThat(summary(r, "tpot_ms").count()).isEqualTo(8);
            assertThat(r.aggregate().clientTtftMs()).contains(summary(r, "client_ttft_ms"));
            assertThat(r.aggregate().tpotMs()).contains(summary(r, "tpot_ms"));
            assertThat(r.aggregate().itlTokenMs()).contains(summary(r, "itl_token_ms"));
            assertThat(r.aggregate().outputThroughputTps()).hasValueSatisfying(v -> assertThat(v).isPositive());
            assertThat(r.aggregate().goodputRps()).isEmpty(); // no objectives given
            assertThat(r.individualRuns()).allSatisfy(run -> assertThat(run.extra().get("token_source"))
                    .isEqualTo("server_usage"));
            assertThat(server.servedRequests()).allSatisfy(s -> {
                assertThat(s.protocol()).isEqualTo("HTTP/1.1");
                assertThat(s.upgradeRequested()).isFalse();
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"OLLAMA", "VLLM", "TGI"})
    void fourTokensPerChunkSeparatesChunkAndTokenItl(Backend backend) {
        try (MockLlmServer server = MockLlmServer.builder().script(truth(4)).start()) {
            ConfigResult c = BenchRunner.builder(base(server, backend).build()).captureGpu(false).build().run().configs().get(0);
            BenchResult r = c.result();
            assertThat(r.individualRuns()).allSatisfy(run -> assertThat(run.tokensGenerated()).isEqualTo(64));
            // One token gap per token after the first chunk's (64 - 4 per request unless TCP merged reads).
            assertThat(summary(r, "itl_token_ms").count()).isEqualTo(tokensAfterFirstChunk(c));
            assertThat(summary(r, "itl_chunk_ms").count()).isLessThan(summary(r, "itl_token_ms").count());
            assertTtftFromTheRightEvents(c, server);
            // About 1/4: a 4-token write can reach the client in two reads, or two writes in one.
            long chunks = c.timelines().stream().mapToLong(t -> t.chunks().size()).sum();
            assertThat((double) r.aggregate().extra().get("chunks_per_token")).isEqualTo(chunks / (8.0 * 64))
                    .isGreaterThan(0.0).isLessThanOrEqualTo(0.5);
        }
    }

    @Test
    void mergedChunksWithoutPerChunkUsageAreSpreadOverServerTotal() {
        try (MockLlmServer server = MockLlmServer.builder().script(truth(4)).start()) {
            ConfigResult c = BenchRunner.builder(base(server, Backend.VLLM).continuousUsage(false).build()).captureGpu(false)
                    .build().run().configs().get(0);
            BenchResult r = c.result();
            assertThat(r.individualRuns()).allSatisfy(run -> assertThat(run.tokensGenerated()).isEqualTo(64));
            assertThat(summary(r, "itl_token_ms").count()).isEqualTo(tokensAfterFirstChunk(c));
            assertThat(((Number) ((Map<?, ?>) r.extra().get("token_counts")).get("token_count_mismatches")).intValue())
                    .isEqualTo(8);
        }
    }

    @Test
    void roleOnlyFirstChunkIsNotTheFirstToken() {
        try (MockLlmServer server = MockLlmServer.builder().script(truth(1)).quirks(Quirk.ROLE_ONLY_FIRST_CHUNK).start()) {
            ConfigResult c = BenchRunner.builder(base(server, Backend.VLLM).chat(true).build()).captureGpu(false).build().run()
                    .configs().get(0);
            BenchResult r = c.result();
            assertTtftFromTheRightEvents(c, server);
            // The role chunk is the first event but not the first token.
            assertThat(c.timelines()).allSatisfy(t -> assertThat(t.firstChunkNanos().getAsLong())
                    .isLessThan(t.firstTokenNanos().getAsLong()));
            assertThat(summary(r, "itl_token_ms").count()).isEqualTo(tokensAfterFirstChunk(c));
            assertThat(r.individualRuns()).allSatisfy(run -> assertThat(run.tokensGenerated()).isEqualTo(64));
        }
    }

    @Test
    void coordinatedOmissionIsVisibleFromTheSchedule() {
        Script service = Script.builder().ttft(Duration.ofMillis(500)).interTokenGap(Duration.ZERO).outputTokens(1).build();
        try (MockLlmServer server = MockLlmServer.builder().script(service).start()) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.VLLM).baseUrl(server.baseUrl())
                    .workload(Workload.SERVER).arrival(ArrivalProcess.CONSTANT).rate(10.0).concurrency(1).runs(8)
                    .warmupRequests(0).build();
            BenchResult r = BenchRunner.builder(config).captureGpu(false).build().run().results().get(0);
            assertThat(r.aggregate().count()).isEqualTo(8);
            // Lower bounds the schedule itself implies: one slot, 500 ms per request, arrivals 100 ms
            // apart, so request i ends no earlier than 500 (i + 1) ms after the start and waits at
            // least 400 i ms for the slot; e2e from its scheduled time is >= 500 + 400 i ms.
            StatSummary fromDispatch = summary(r, "e2e_ms");
            StatSummary fromSchedule = summary(r, "e2e_from_schedule_ms");
            assertThat(fromDispatch.min()).isGreaterThanOrEqualTo(500.0);
            assertThat(fromSchedule.mean()).isGreaterThanOrEqualTo(1900.0);
            assertThat(fromSchedule.max()).isGreaterThanOrEqualTo(3300.0);
            assertThat(summary(r, "queue_ms").mean()).isGreaterThanOrEqualTo(1400.0 - 1.0);
            Map<?, ?> generator = (Map<?, ?>) r.extra().get("generator");
            assertThat(((Number) generator.get("requested_rate")).doubleValue()).isEqualTo(10.0);
        }
    }

    @Test
    void everyFaultFailsOneRequestWithAReasonAndTheRunContinues() throws Exception {
        FaultPlan plan = FaultPlan.of(Map.of(1L, Fault.HTTP_500, 2L, Fault.HTTP_429, 3L, Fault.DROP_MID_STREAM,
                4L, Fault.STALL_AFTER_HEADERS, 5L, Fault.MALFORMED_JSON, 6L, Fault.SLOW_TRICKLE));
        Script script = Script.builder().ttft(Duration.ofMillis(10)).interTokenGap(Duration.ofMillis(5)).outputTokens(16)
                .build();
        Path file = dir.resolve("faults.json");
        try (MockLlmServer server = MockLlmServer.builder().script(script).faults(plan).stallLimit(Duration.ofSeconds(10))
                .start()) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.OLLAMA).baseUrl(server.baseUrl())
                    .runs(8).warmupRequests(0).idleTimeout(Duration.ofMillis(500)).requestTimeout(Duration.ofSeconds(1))
                    .outputFile(file).build();
            BenchReport report = BenchRunner.builder(config).captureGpu(false).build().run();
            BenchResult r = report.results().get(0);
            assertThat(r.aggregate().count()).isEqualTo(2);
            assertThat(r.individualRuns()).extracting(run -> ((Number) run.extra().get("request_index")).intValue())
                    .containsExactly(0, 7);
            @SuppressWarnings("unchecked")
            Map<String, Object> errors = (Map<String, Object>) r.extra().get("errors");
            assertThat(errors).containsEntry("http_status", 1).containsEntry("rate_limited", 1)
                    .containsEntry("stream_truncated", 1).containsEntry("timeout_idle", 1)
                    .containsEntry("malformed_stream", 1).containsEntry("timeout_total", 1);
            assertThat(r.warnings()).anySatisfy(w -> assertThat(w).startsWith("Run 2/8 failed: HTTP 500"))
                    .anySatisfy(w -> assertThat(w).startsWith("Run 3/8 failed: HTTP 429"))
                    .anySatisfy(w -> assertThat(w).startsWith("Run 6/8 failed: malformed JSON in stream"));
            List<BenchResult> reread = BenchResultFiles.read(file);
            assertThat(reread).hasSize(1);
            assertThat(reread.get(0).aggregate().count()).isEqualTo(2);
            assertThat(reread.get(0).extra()).doesNotContainKey("partial");
            List<String> log = Files.readAllLines(report.requestLog().orElseThrow());
            assertThat(log).hasSize(8);
        }
    }

    @Test
    void allFailedRaisesTheReferenceMessage() {
        try (MockLlmServer server = MockLlmServer.builder().faults(FaultPlan.everyNth(1, Fault.HTTP_500)).start()) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.TGI).baseUrl(server.baseUrl())
                    .runs(3).warmupRequests(0).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchRunner.builder(config).captureGpu(false).build().run())
                    .isInstanceOfSatisfying(BenchException.class, e -> {
                        assertThat(e.kind()).isEqualTo(BenchException.Kind.ALL_FAILED);
                        assertThat(e.getMessage()).startsWith("All 3 benchmark runs failed. Errors: Run 1/3 failed: HTTP 500");
                    });
        }
    }

    @Test
    void cancellingKeepsEveryFinishedRequestInAValidFile() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(5)).interTokenGap(Duration.ofMillis(2)).outputTokens(8).build();
        Path file = dir.resolve("cancelled.json");
        try (MockLlmServer server = MockLlmServer.builder().script(script).start()) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.OLLAMA).baseUrl(server.baseUrl())
                    .runs(1000).warmupRequests(0).outputFile(file).build();
            java.util.concurrent.atomic.AtomicReference<BenchRunner> self = new java.util.concurrent.atomic.AtomicReference<>();
            BenchRunner runner = BenchRunner.builder(config).captureGpu(false).listener(new BenchListener() {
                @Override
                public void requestCompleted(RequestTimeline t, int completed, int total) {
                    if (completed == 10) {
                        self.get().cancel();
                    }
                }
            }).build();
            self.set(runner);
            BenchReport report = runner.run();
            assertThat(report.cancelled()).isTrue();
            BenchResult r = BenchResultFiles.read(file).get(0);
            int ok = r.aggregate().count();
            assertThat(ok).isEqualTo(report.results().get(0).aggregate().count()).isGreaterThanOrEqualTo(10);
            assertThat(r.extra().get("partial")).isEqualTo(true);
            RequestCounts counts = report.counts();
            assertThat(counts.attempted()).isEqualTo(counts.completed() + counts.failed() + counts.cancelled());
            assertThat(Files.readAllLines(report.requestLog().orElseThrow())).hasSize((int) counts.attempted());
        }
    }

    @Test
    void preflightFailsLoudWithTheReferenceMessages() {
        try (MockLlmServer server = MockLlmServer.builder().start()) {
            BenchConfig missing = BenchConfig.builder().model("absent").backend(Backend.OLLAMA).baseUrl(server.baseUrl()).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchRunner.builder(missing).captureGpu(false).build().run())
                    .hasMessageStartingWith("Model not found. Run: ollama pull absent");
            BenchConfig vllm = BenchConfig.builder().model("absent").backend(Backend.VLLM).baseUrl(server.baseUrl()).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchRunner.builder(vllm).captureGpu(false).build().run())
                    .hasMessage("Model 'absent' not found. Available: mock-model");
        }
        BenchConfig down = BenchConfig.builder().model("m").backend(Backend.OLLAMA).baseUrl("http://127.0.0.1:9").build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BenchRunner.builder(down).captureGpu(false).build().run())
                .isInstanceOfSatisfying(BenchException.class, e -> assertThat(e.kind()).isEqualTo(BenchException.Kind.PREFLIGHT))
                .hasMessageContaining("not running");
    }
}
