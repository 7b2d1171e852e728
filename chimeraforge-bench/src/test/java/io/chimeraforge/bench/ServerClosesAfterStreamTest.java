package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Quirk;
import io.chimeraforge.testkit.Script;
import io.chimeraforge.testkit.ServedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10, item 0: against a server that closes the connection after every streamed answer while
 * implying keep-alive (llama.cpp's {@code llama-server}), a batch run loses no request and sends
 * none twice.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerClosesAfterStreamTest {

    /** The run's configuration; only the settings this test needs, so it survives config API changes. */
    private static BenchConfig batch(String baseUrl, int concurrency, int runs) {
        return BenchConfig.builder().model("mock-model").backend(Backend.VLLM).baseUrl(baseUrl)
                .workload(Workload.BATCH).concurrency(concurrency).runs(runs).warmupRequests(0).build();
    }

    @Test
    void fortyRequestsAtConcurrencyFourAllCompleteAndEachIsServedOnce() {
        Script script = Script.builder().ttft(Duration.ofMillis(5)).interTokenGap(Duration.ofMillis(1))
                .outputTokens(8).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).slots(4)
                .quirks(Quirk.CLOSE_AFTER_STREAM, Quirk.USAGE_UNASKED, Quirk.NO_DONE_SENTINEL).start()) {
            ConfigResult result = BenchRunner.builder(batch(server.baseUrl(), 4, 40)).captureGpu(false).build().run().configs()
                    .get(0);
            List<RequestTimeline> timelines = result.timelines().stream().filter(t -> !t.warmup()).toList();
            assertThat(timelines).hasSize(40);
            assertThat(timelines).allSatisfy(t -> assertThat(t.error()).isEmpty());
            List<ServedRequest> generations = server.servedRequests().stream()
                    .filter(r -> r.generationIndex() >= 0).toList();
            assertThat(generations).hasSize(40);
            assertThat(server.generationRequests()).isEqualTo(40);
            // Every request body is distinct only by its index in the run; the server saw 40 bodies
            // for 40 requests, so none was sent twice.
            Set<Long> indexes = generations.stream().map(ServedRequest::generationIndex).collect(Collectors.toSet());
            assertThat(indexes).hasSize(40);
        }
    }

    @Test
    void llamaCppServerTimingsFillTheResultsPromptEvalDuration() {
        Script script = Script.builder().ttft(Duration.ofMillis(7)).interTokenGap(Duration.ofMillis(1))
                .outputTokens(4).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script)
                .quirks(Quirk.CLOSE_AFTER_STREAM, Quirk.TIMINGS_IN_FINAL_CHUNK).start()) {
            ConfigResult result = BenchRunner.builder(batch(server.baseUrl(), 1, 3)).captureGpu(false).build().run().configs()
                    .get(0);
            assertThat(result.result().individualRuns()).hasSize(3).allSatisfy(run -> {
                assertThat(run.promptEvalDurationMs()).isEqualTo(7.0); // the server's prompt_ms, not 0.0
                // A stream may reuse a connection the pre-flight GETs left open; never one a stream used.
                assertThat(run.extra()).containsEntry("server_ttft_ms", 7.0).containsKey("connection_reused");
                assertThat((Double) run.extra().get("connect_ms")).isGreaterThanOrEqualTo(0.0);
            });
        }
    }
}
