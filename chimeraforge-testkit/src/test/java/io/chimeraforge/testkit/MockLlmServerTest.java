package io.chimeraforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Wire-level checks of the mock with the JDK client (testkit cannot depend on bench). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MockLlmServerTest {

    private static HttpClient client;

    @BeforeAll
    static void client() {
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void close() {
        client = null;
    }

    /** A streamed response: status, body lines, and the nanoTime each line was read. */
    record Lines(int status, List<String> lines, List<Long> arrivals, long sentAt) {
        long firstNonEmptyAfterSendMs(java.util.function.Predicate<String> isContent) {
            for (int i = 0; i < lines.size(); i++) {
                if (isContent.test(lines.get(i))) {
                    return (arrivals.get(i) - sentAt) / 1_000_000;
                }
            }
            return -1;
        }
    }

    private static Lines post(MockLlmServer server, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build();
        long sent = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<String> lines = new ArrayList<>();
        List<Long> arrivals = new ArrayList<>();
        try (InputStream in = response.body()) {
            StringBuilder line = new StringBuilder();
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                if (b == '\n') {
                    lines.add(buf.toString(StandardCharsets.UTF_8));
                    arrivals.add(System.nanoTime());
                    buf.reset();
                } else {
                    buf.write(b);
                }
            }
            if (buf.size() > 0) {
                lines.add(buf.toString(StandardCharsets.UTF_8));
                arrivals.add(System.nanoTime());
            }
            assertThat(line).isEmpty();
        }
        return new Lines(response.statusCode(), lines, arrivals, sent);
    }

    private static JsonNode json(String text) throws IOException {
        return Json.mapper().readTree(text);
    }

    private static String get(MockLlmServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void ollamaGenerateStreamsOneLinePerTokenThenFinalCounters() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(60)).interTokenGap(Duration.ofMillis(2))
                .outputTokens(10).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).start()) {
            Lines r = post(server, "/api/generate", "{\"model\":\"mock-model\",\"prompt\":\"say three words\"}");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.lines()).hasSize(11);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                JsonNode line = json(r.lines().get(i));
                assertThat(line.path("done").asBoolean()).isFalse();
                text.append(line.path("response").asText());
            }
            assertThat(text.toString()).startsWith("The quick brown fox café");
            JsonNode last = json(r.lines().get(10));
            assertThat(last.path("done").asBoolean()).isTrue();
            assertThat(last.path("eval_count").asInt()).isEqualTo(10);
            assertThat(last.path("prompt_eval_count").asInt()).isEqualTo(3);
            assertThat(last.path("prompt_eval_duration").asLong()).isEqualTo(60_000_000L);
            assertThat(last.path("eval_duration").asLong()).isEqualTo(20_000_000L);
            assertThat(last.path("done_reason").asText()).isEqualTo("stop");
            // The first line cannot arrive before the scripted TTFT.
            assertThat(r.firstNonEmptyAfterSendMs(l -> l.contains("\"response\":\"The\""))).isGreaterThanOrEqualTo(60);
            assertThat(server.servedRequests()).singleElement()
                    .satisfies(s -> assertThat(s.protocol()).isEqualTo("HTTP/1.1"));
        }
    }

    @Test
    void numPredictBelowNaturalLengthStopsByLength() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder()
                .script(Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(50).build()).start()) {
            Lines r = post(server, "/api/chat", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                    + "\"options\":{\"num_predict\":4}}");
            assertThat(r.lines()).hasSize(5);
            assertThat(json(r.lines().get(0)).path("message").path("content").asText()).isEqualTo("The");
            JsonNode last = json(r.lines().get(4));
            assertThat(last.path("eval_count").asInt()).isEqualTo(4);
            assertThat(last.path("done_reason").asText()).isEqualTo("length");
        }
    }

    @Test
    void openAiCompletionsStreamHasUsageChunkAndDone() throws Exception {
        Script script = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(8)
                .tokensPerChunk(3).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).start()) {
            Lines r = post(server, "/v1/completions", "{\"model\":\"m\",\"prompt\":\"a b\",\"stream\":true,"
                    + "\"stream_options\":{\"include_usage\":true}}");
            List<String> data = r.lines().stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
            // 8 tokens in chunks of 3 → 3 content chunks, a usage chunk, [DONE].
            assertThat(data).hasSize(5);
            assertThat(json(data.get(0)).path("choices").get(0).path("text").asText()).isEqualTo("The quick brown");
            assertThat(json(data.get(2)).path("choices").get(0).path("finish_reason").asText()).isEqualTo("stop");
            JsonNode usage = json(data.get(3));
            assertThat(usage.path("choices")).isEmpty();
            assertThat(usage.path("usage").path("completion_tokens").asInt()).isEqualTo(8);
            assertThat(usage.path("usage").path("prompt_tokens").asInt()).isEqualTo(2);
            assertThat(data.get(4)).isEqualTo("[DONE]");
        }
    }

    @Test
    void continuousUsageReportsCumulativeCountsPerChunk() throws Exception {
        Script script = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(8)
                .tokensPerChunk(4).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).start()) {
            Lines r = post(server, "/v1/completions", "{\"model\":\"m\",\"prompt\":\"a\",\"stream\":true,"
                    + "\"stream_options\":{\"continuous_usage_stats\":true}}");
            List<String> data = r.lines().stream().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
            assertThat(json(data.get(0)).path("usage").path("completion_tokens").asInt()).isEqualTo(4);
            assertThat(json(data.get(1)).path("usage").path("completion_tokens").asInt()).isEqualTo(8);
        }
    }

    @Test
    void chatRoleOnlyChunkArrivesBeforeTtft() throws Exception {
        // TTFT of 30 s: the role-only chunk is read long before any content could be written, and
        // the stream is still open (no timing published yet) when it is read. No clock is read.
        Script script = Script.builder().ttft(Duration.ofSeconds(30)).interTokenGap(Duration.ZERO).outputTokens(3).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).quirks(Quirk.ROLE_ONLY_FIRST_CHUNK).start()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[{\"role\":\"user\","
                            + "\"content\":\"x\"}],\"stream\":true}")).header("Content-Type", "application/json").build();
            HttpResponse<java.util.stream.Stream<String>> response = client.send(request,
                    HttpResponse.BodyHandlers.ofLines());
            try (java.util.stream.Stream<String> lines = response.body()) {
                String firstData = lines.filter(l -> l.startsWith("data: ")).findFirst().orElseThrow();
                JsonNode first = json(firstData.substring(6));
                assertThat(first.path("choices").get(0).path("delta").path("role").asText()).isEqualTo("assistant");
                assertThat(first.path("choices").get(0).path("delta").path("content").asText()).isEmpty();
                assertThat(server.streamTimings()).as("the stream has not ended").isEmpty();
            }
        }
    }

    @Test
    void chatContentFollowsTheRoleOnlyChunkNoSoonerThanTtft() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(80)).interTokenGap(Duration.ZERO).outputTokens(3).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).quirks(Quirk.ROLE_ONLY_FIRST_CHUNK).start()) {
            Lines r = post(server, "/v1/chat/completions", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"stream\":true}");
            List<Integer> dataIdx = new ArrayList<>();
            for (int i = 0; i < r.lines().size(); i++) {
                if (r.lines().get(i).startsWith("data: ")) {
                    dataIdx.add(i);
                }
            }
            assertThat(json(r.lines().get(dataIdx.get(0)).substring(6)).path("choices").get(0).path("delta")
                    .path("role").asText()).isEqualTo("assistant");
            // Lower bounds only: the content cannot be written before the scripted TTFT.
            StreamTiming t = server.streamTimings().get(0);
            assertThat(t.firstTokenWrittenNanos().getAsLong() - t.requestReadNanos())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(80).toNanos());
            long contentMs = (r.arrivals().get(dataIdx.get(1)) - r.sentAt()) / 1_000_000;
            assertThat(contentMs).isGreaterThanOrEqualTo(80);
            assertThat(r.lines().get(dataIdx.get(dataIdx.size() - 1))).isEqualTo("data: [DONE]");
        }
    }

    @Test
    void tgiStreamsOneEventPerTokenWithDetailsLast() throws Exception {
        Script script = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(5).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).quirks(Quirk.CRLF_LINE_ENDINGS).start()) {
            Lines r = post(server, "/generate_stream", "{\"inputs\":\"hello there\",\"parameters\":{\"max_new_tokens\":3,"
                    + "\"details\":true}}");
            List<String> data = r.lines().stream().map(l -> l.endsWith("\r") ? l.substring(0, l.length() - 1) : l)
                    .filter(l -> l.startsWith("data:")).map(l -> l.substring(5)).toList();
            assertThat(data).hasSize(3);
            assertThat(json(data.get(0)).path("token").path("special").asBoolean()).isFalse();
            JsonNode last = json(data.get(2));
            assertThat(last.path("generated_text").asText()).isEqualTo("The quick brown");
            assertThat(last.path("details").path("generated_tokens").asInt()).isEqualTo(3);
            assertThat(last.path("details").path("finish_reason").asText()).isEqualTo("length");
            assertThat(r.lines().get(0)).endsWith("\r");
        }
    }

    @Test
    void infoEndpointsAnswer() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().models(List.of("llama3:8b-q8_0", "other")).version("9.9").start()) {
            assertThat(get(server, "/")).isEqualTo("Ollama is running");
            assertThat(json(get(server, "/api/version")).path("version").asText()).isEqualTo("9.9");
            assertThat(json(get(server, "/api/tags")).path("models").get(0).path("details").path("quantization_level")
                    .asText()).isEqualTo("Q8_0");
            assertThat(json(get(server, "/v1/models")).path("data").get(1).path("id").asText()).isEqualTo("other");
            assertThat(json(get(server, "/info")).path("model_id").asText()).isEqualTo("llama3:8b-q8_0");
            assertThat(post(server, "/api/show", "{\"model\":\"absent\"}").status()).isEqualTo(404);
            assertThat(post(server, "/api/show", "{\"name\":\"other\"}").status()).isEqualTo(200);
            assertThat(server.generationRequests()).isZero();
        }
    }

    @Test
    void strictModelsRejectsUnknownModel() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().strictModels(true).start()) {
            assertThat(post(server, "/api/generate", "{\"model\":\"nope\",\"prompt\":\"x\"}").status()).isEqualTo(404);
            assertThat(post(server, "/api/generate", "{\"model\":\"mock-model\",\"prompt\":\"x\"}").status()).isEqualTo(200);
        }
    }

    @Test
    void httpErrorFaultsFollowThePlan() throws Exception {
        FaultPlan plan = FaultPlan.of(java.util.Map.of(1L, Fault.HTTP_500, 2L, Fault.HTTP_429));
        try (MockLlmServer server = MockLlmServer.builder().faults(plan)
                .script(Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).build()).start()) {
            assertThat(post(server, "/v1/completions", "{\"prompt\":\"x\",\"stream\":true}").status()).isEqualTo(200);
            Lines e500 = post(server, "/v1/completions", "{\"prompt\":\"x\",\"stream\":true}");
            assertThat(e500.status()).isEqualTo(500);
            assertThat(json(e500.lines().get(0)).path("error").path("code").asInt()).isEqualTo(500);
            assertThat(post(server, "/v1/completions", "{\"prompt\":\"x\",\"stream\":true}").status()).isEqualTo(429);
            assertThat(server.servedRequests()).extracting(ServedRequest::fault)
                    .containsExactly(java.util.Optional.empty(), java.util.Optional.of(Fault.HTTP_500),
                            java.util.Optional.of(Fault.HTTP_429));
        }
    }

    @Test
    void dropMidStreamCutsTheConnection() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().faults(FaultPlan.everyNth(1, Fault.DROP_MID_STREAM))
                .script(Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ofMillis(1)).outputTokens(10).build())
                .start()) {
            assertThatThrownBy(() -> post(server, "/api/generate", "{\"prompt\":\"x\"}")).isInstanceOf(IOException.class);
        }
    }

    @Test
    void malformedFaultInsertsAnUnparseableLine() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().faults(FaultPlan.onRequests(Fault.MALFORMED_JSON, 0))
                .script(Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(4).build()).start()) {
            Lines r = post(server, "/api/generate", "{\"prompt\":\"x\"}");
            long bad = r.lines().stream().filter(l -> {
                try {
                    json(l);
                    return false;
                } catch (IOException e) {
                    return true;
                }
            }).count();
            assertThat(bad).isEqualTo(1);
            assertThat(r.lines()).hasSize(6);
        }
    }

    @Test
    void stallSendsHeadersThenNothing() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().faults(FaultPlan.everyNth(1, Fault.STALL_AFTER_HEADERS))
                .stallLimit(Duration.ofSeconds(20)).start()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/generate"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"x\"}")).build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
                try {
                    return response.body().read();
                } catch (IOException e) {
                    return -2;
                }
            });
            assertThatThrownBy(() -> read.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            response.body().close();
        }
    }

    @Test
    void slotsQueueRequestsBeyondCapacity() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(150)).interTokenGap(Duration.ZERO).outputTokens(1).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script).slots(1).start()) {
            CompletableFuture<Lines> a = CompletableFuture.supplyAsync(() -> call(server));
            CompletableFuture<Lines> b = CompletableFuture.supplyAsync(() -> call(server));
            assertThat(a.get().status()).isEqualTo(200);
            assertThat(b.get().status()).isEqualTo(200);
            // One slot: the server's own instants show the second request's first token written
            // one full TTFT after the first response's last write, no sooner (a lower bound).
            List<StreamTiming> byStart = server.streamTimings().stream()
                    .sorted(java.util.Comparator.comparingLong(t -> t.firstTokenWrittenNanos().getAsLong())).toList();
            assertThat(byStart).hasSize(2);
            assertThat(byStart.get(1).firstTokenWrittenNanos().getAsLong() - byStart.get(0).lastWriteNanos().getAsLong())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
            assertThat(server.maxInFlight()).isEqualTo(2);
        }
    }

    private static Lines call(MockLlmServer server) {
        try {
            return post(server, "/api/generate", "{\"prompt\":\"x\"}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nonStreamingResponsesCarryTheWholeText() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder()
                .script(Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(3).build()).start()) {
            JsonNode ollama = json(post(server, "/api/generate", "{\"prompt\":\"x\",\"stream\":false}").lines().get(0));
            assertThat(ollama.path("response").asText()).isEqualTo("The quick brown");
            assertThat(ollama.path("eval_count").asInt()).isEqualTo(3);
            JsonNode tgi = json(post(server, "/generate", "{\"inputs\":\"x\",\"parameters\":{\"details\":true}}").lines().get(0));
            assertThat(tgi.path("details").path("generated_tokens").asInt()).isEqualTo(3);
            JsonNode chat = json(post(server, "/v1/chat/completions", "{\"messages\":[]}").lines().get(0));
            assertThat(chat.path("choices").get(0).path("message").path("content").asText()).isEqualTo("The quick brown");
        }
    }
}
