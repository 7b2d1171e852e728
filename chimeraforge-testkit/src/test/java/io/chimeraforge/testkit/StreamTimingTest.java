package io.chimeraforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MockLlmServer#streamTimings()}: the server's own read and write instants. The checks are
 * causal (what must come before what, and scripted minimum distances), never machine speed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StreamTimingTest {

    private static final long MS = 1_000_000L;

    @Test
    void firstTokenIsWrittenNoEarlierThanTheScriptedTtftAfterTheRequestWasRead() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(60)).interTokenGap(Duration.ofMillis(5)).outputTokens(5)
                .build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).start();
             RawHttp http = new RawHttp(server.port())) {
            long sent = http.send(RawHttp.post("/v1/completions", "{\"prompt\":\"x\",\"stream\":true}"));
            RawHttp.Response r = http.read();
            assertThat(r.complete()).isTrue();

            StreamTiming t = server.streamTimings().get(0);
            assertThat(t.generationIndex()).isZero();
            assertThat(t.requestReadNanos()).isGreaterThanOrEqualTo(sent)
                    .isEqualTo(server.servedRequests().get(0).arrivalNanos());
            long headers = t.headersWrittenNanos().getAsLong();
            long first = t.firstTokenWrittenNanos().getAsLong();
            long last = t.lastWriteNanos().getAsLong();
            assertThat(headers).isGreaterThanOrEqualTo(t.requestReadNanos()).isLessThan(first);
            assertThat(first - t.requestReadNanos()).isGreaterThanOrEqualTo(60 * MS);
            // Absolute deadlines: the last of 5 tokens is due 4 gaps after the first one's deadline.
            assertThat(last - t.requestReadNanos()).isGreaterThanOrEqualTo(60 * MS + 4 * 5 * MS);
            // The client cannot see the first token before the server wrote it.
            assertThat(r.firstChunkNanos()).isGreaterThan(first);
        }
    }

    @Test
    void aRoleOnlyChunkIsNotTheFirstToken() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(80)).interTokenGap(Duration.ZERO).outputTokens(3).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).quirks(Quirk.ROLE_ONLY_FIRST_CHUNK).start();
             RawHttp http = new RawHttp(server.port())) {
            http.send(RawHttp.post("/v1/chat/completions",
                    "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":true}"));
            RawHttp.Response r = http.read();
            assertThat(r.chunks()).hasSize(4); // role-only opening, then 3 content chunks
            assertThat(new String(r.chunks().get(0), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("\"role\":\"assistant\",\"content\":\"\"");

            StreamTiming t = server.streamTimings().get(0);
            // The role chunk leaves right after the headers; counted as the first token it would sit
            // far below the scripted 80 ms.
            assertThat(t.firstTokenWrittenNanos().getAsLong() - t.requestReadNanos()).isGreaterThanOrEqualTo(80 * MS);
            assertThat(t.firstTokenWrittenNanos().getAsLong()).isGreaterThan(t.headersWrittenNanos().getAsLong());
        }
    }

    @Test
    void queuedRequestsStartTheirTtftWhenTheSlotFrees() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(30)).interTokenGap(Duration.ofMillis(2)).outputTokens(4)
                .build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).slots(1).start()) {
            List<CompletableFuture<RawHttp.Response>> calls = List.of(call(server), call(server));
            for (CompletableFuture<RawHttp.Response> c : calls) {
                assertThat(c.get().complete()).isTrue();
            }
            List<StreamTiming> timings = server.streamTimings();
            assertThat(timings).extracting(StreamTiming::generationIndex).containsExactly(0L, 1L);
            StreamTiming a = timings.get(0);
            StreamTiming b = timings.get(1);
            // Whichever request got the slot first, the other's TTFT counts from the slot's release,
            // which follows the holder's last write.
            StreamTiming earlier = a.lastWriteNanos().getAsLong() < b.lastWriteNanos().getAsLong() ? a : b;
            StreamTiming later = earlier == a ? b : a;
            assertThat(later.firstTokenWrittenNanos().getAsLong() - earlier.lastWriteNanos().getAsLong())
                    .isGreaterThanOrEqualTo(30 * MS);
        }
    }

    private static CompletableFuture<RawHttp.Response> call(MockLlmServer server) {
        return CompletableFuture.supplyAsync(() -> {
            try (RawHttp http = new RawHttp(server.port())) {
                http.send(RawHttp.post("/api/generate", "{\"prompt\":\"x\"}"));
                return http.read();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @Test
    void nonStreamedAndFailedResponsesAreTimedToo() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(20)).interTokenGap(Duration.ofMillis(3)).outputTokens(5)
                .build();
        try (MockLlmServer server = MockLlmServer.builder().script(script)
                .faults(FaultPlan.onRequests(Fault.HTTP_500, 1)).start();
             RawHttp http = new RawHttp(server.port())) {
            http.send(RawHttp.post("/api/generate", "{\"prompt\":\"x\",\"stream\":false}"));
            assertThat(http.read().status()).isEqualTo(200);
            http.send(RawHttp.post("/api/generate", "{\"prompt\":\"x\"}"));
            assertThat(http.read().status()).isEqualTo(500);
            http.send(RawHttp.get("/api/tags")); // not a generation request: not timed
            assertThat(http.read().status()).isEqualTo(200);

            List<StreamTiming> timings = server.streamTimings();
            assertThat(timings).hasSize(2);
            StreamTiming whole = timings.get(0);
            long written = whole.headersWrittenNanos().getAsLong();
            assertThat(whole.firstTokenWrittenNanos()).hasValue(written);
            assertThat(whole.lastWriteNanos()).hasValue(written);
            // The whole text leaves when its last token is due: TTFT + 4 gaps.
            assertThat(written - whole.requestReadNanos()).isGreaterThanOrEqualTo(20 * MS + 4 * 3 * MS);
            StreamTiming failed = timings.get(1);
            assertThat(failed.firstTokenWrittenNanos()).isEmpty();
            assertThat(failed.headersWrittenNanos()).isPresent();
        }
    }

    @Test
    void timingsAreKeptBelowTheRecordingLimitOnly() throws Exception {
        Script fast = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(2).build();
        try (MockLlmServer server = MockLlmServer.builder().script(fast).maxRecordedRequests(2).start();
             RawHttp http = new RawHttp(server.port())) {
            for (int i = 0; i < 4; i++) {
                http.send(RawHttp.post("/api/generate", "{\"prompt\":\"x\"}"));
                assertThat(http.read().complete()).isTrue();
            }
            assertThat(server.generationRequests()).isEqualTo(4);
            assertThat(server.streamTimings()).extracting(StreamTiming::generationIndex).containsExactly(0L, 1L);
            assertThat(server.servedRequests()).hasSize(2);
        }
    }
}
