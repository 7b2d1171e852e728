package io.chimeraforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The mock's HTTP/1.1 layer, driven byte for byte from a raw socket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpLayerTest {

    private static final Script FAST = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(6)
            .build();
    private static final String GENERATE = "{\"model\":\"mock-model\",\"prompt\":\"hello there\"}";

    private static JsonNode json(byte[] bytes) throws IOException {
        return Json.mapper().readTree(bytes);
    }

    @Test
    void keepAliveServesSequentialRequestsOnOneConnection() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start();
             RawHttp http = new RawHttp(server.port())) {
            http.send(RawHttp.get("/api/version"));
            RawHttp.Response version = http.read();
            assertThat(version.status()).isEqualTo(200);
            assertThat(version.header("Content-Length")).isEqualTo(Integer.toString(version.body().length));
            assertThat(json(version.body()).path("version").asText()).isEqualTo(MockLlmServer.DEFAULT_VERSION);

            http.send(RawHttp.post("/api/generate", GENERATE));
            RawHttp.Response stream = http.read();
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(stream.header("Content-Type")).isEqualTo("application/x-ndjson");
            assertThat(stream.complete()).isTrue();
            // Each scripted event is its own chunk; the last one carries the final token and the done line.
            assertThat(stream.chunks()).hasSize(6);
            for (int i = 0; i < 5; i++) {
                String chunk = new String(stream.chunks().get(i), StandardCharsets.UTF_8);
                assertThat(chunk).endsWith("\n").doesNotContain("\"done\":true");
                assertThat(chunk.indexOf('\n')).isEqualTo(chunk.length() - 1);
            }
            assertThat(new String(stream.chunks().get(5), StandardCharsets.UTF_8)).contains("\"done\":true");

            http.send(RawHttp.post("/v1/completions", "{\"prompt\":\"x\",\"stream\":false}"));
            RawHttp.Response whole = http.read();
            assertThat(whole.status()).isEqualTo(200);
            assertThat(json(whole.body()).path("choices").get(0).path("text").asText()).isEqualTo("The quick brown fox café jumps");

            http.send(RawHttp.get("/v1/models"));
            assertThat(json(http.read().body()).path("data").get(0).path("id").asText()).isEqualTo("mock-model");
            assertThat(server.servedRequests()).extracting(ServedRequest::path)
                    .containsExactly("/api/version", "/api/generate", "/v1/completions", "/v1/models");
            assertThat(server.servedRequests()).allSatisfy(r -> assertThat(r.protocol()).isEqualTo("HTTP/1.1"));
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start();
             RawHttp http = new RawHttp(server.port())) {
            http.send(RawHttp.post("/api/generate", GENERATE) + RawHttp.get("/api/tags") + RawHttp.get("/health"));
            assertThat(http.read().chunks()).hasSize(6);
            assertThat(json(http.read().body()).path("models").get(0).path("name").asText()).isEqualTo("mock-model");
            RawHttp.Response health = http.read();
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.header("Content-Length")).isEqualTo("0");
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start();
             RawHttp http = new RawHttp(server.port())) {
            http.send("GET /api/version HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void http10ClosesByDefaultAndStreamsWithoutChunking() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start()) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("GET /api/version HTTP/1.0\r\n\r\n");
                RawHttp.Response r = http.read();
                assertThat(r.status()).isEqualTo(200);
                assertThat(json(r.body()).path("version").asText()).isEqualTo(MockLlmServer.DEFAULT_VERSION);
                assertThat(http.closedByServer()).isTrue();
            }
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("POST /api/generate HTTP/1.0\r\nContent-Length: " + GENERATE.length() + "\r\n\r\n" + GENERATE);
                RawHttp.Response r = http.read();
                assertThat(r.header("Transfer-Encoding")).isNull();
                assertThat(r.text().split("\n")).hasSize(7); // 6 tokens + done, delimited by the close
            }
            assertThat(server.servedRequests()).extracting(ServedRequest::protocol).containsExactly("HTTP/1.0", "HTTP/1.0");
        }
    }

    @Test
    void chunkedRequestBodyIsDecoded() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start();
             RawHttp http = new RawHttp(server.port())) {
            String a = "{\"model\":\"mock-model\",";
            String b = "\"prompt\":\"one two three\"";
            http.send("POST /api/generate HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(a.length()) + "\r\n" + a + "\r\n"
                    + Integer.toHexString(b.length()) + ";ext=1\r\n" + b + "\r\n");
            Thread.sleep(20); // the rest arrives in a later segment
            http.send("1\r\n}\r\n0\r\nX-Trailer: yes\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.complete()).isTrue();
            String[] lines = r.text().split("\n");
            assertThat(json(lines[lines.length - 1].getBytes(StandardCharsets.UTF_8)).path("prompt_eval_count").asInt())
                    .isEqualTo(3);
            assertThat(server.servedRequests()).singleElement()
                    .satisfies(s -> assertThat(s.body()).isEqualTo(a + b + "}"));
            // The connection stays usable after a chunked request.
            http.send(RawHttp.get("/health"));
            assertThat(http.read().status()).isEqualTo(200);
        }
    }

    @Test
    void contentLengthBodyIsReadInFullBeforeTheRequestCounts() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start();
             RawHttp http = new RawHttp(server.port())) {
            String request = RawHttp.post("/api/generate", GENERATE);
            int split = request.length() - 10;
            http.send(request.substring(0, split));
            Thread.sleep(50);
            long restSent = http.send(request.substring(split));
            assertThat(http.read().status()).isEqualTo(200);
            ServedRequest served = server.servedRequests().get(0);
            assertThat(served.body()).isEqualTo(GENERATE);
            // The request counts as arrived only once its last body byte was read.
            assertThat(served.arrivalNanos()).isGreaterThanOrEqualTo(restSent);
        }
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsSent() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start();
             RawHttp http = new RawHttp(server.port())) {
            http.send("POST /api/generate HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: "
                    + GENERATE.length() + "\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(100);
            assertThat(server.servedRequests()).isEmpty();
            http.send(GENERATE);
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.chunks()).hasSize(6);
        }
    }

    static Stream<Arguments> refusedHeads() {
        return Stream.of(
                Arguments.of("GARBAGE", 400),
                Arguments.of("GET /x HTTP/1.1 extra\r\nHost: x", 400),
                Arguments.of("GET  /x HTTP/1.1\r\nHost: x", 400),
                Arguments.of("GET /x HTTP/1.1\r\nHost x", 400),
                Arguments.of("GET /x HTTP/1.1\r\nHost : x", 400),
                Arguments.of("GET /x HTTP/1.1\r\nHost: x\r\n folded", 400),
                Arguments.of("GET /x HTTP/1.1", 400), // no Host
                Arguments.of("GET /x HTTP/1.1\r\nHost: a\r\nHost: b", 400),
                Arguments.of("GET /x http/1.1\r\nHost: x", 400),
                Arguments.of("GET /x HTTP/1.1\r\nHost: x\rY: z", 400),
                Arguments.of("GET /x HTTP/2.0\r\nHost: x", 505),
                Arguments.of("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4", 400),
                Arguments.of("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: -1", 400),
                Arguments.of("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 4", 400),
                Arguments.of("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip", 400),
                Arguments.of("POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked", 501),
                Arguments.of("POST /x HTTP/1.1\r\nHost: x\r\nExpect: something", 417),
                Arguments.of("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999", 413));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("refusedHeads")
    void malformedOrRefusedRequestsAreAnsweredAndTheConnectionClosed(String head, int status) throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start();
             RawHttp http = new RawHttp(server.port())) {
            http.send(head + "\r\n\r\n");
            RawHttp.Response r = http.read();
            assertThat(r.status()).isEqualTo(status);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(http.closedByServer()).isTrue();
            assertThat(server.servedRequests()).isEmpty();
        }
    }

    @Test
    void oversizedHeadersAndRequestLinesAreRefused() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start()) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70 * 1024) + "\r\n\r\n");
                RawHttp.Response r = http.read();
                assertThat(r.status()).isEqualTo(431);
                assertThat(http.closedByServer()).isTrue();
            }
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("GET /" + "a".repeat(70 * 1024) + " HTTP/1.1\r\nHost: x\r\n\r\n");
                assertThat(http.read().status()).isEqualTo(414);
            }
            // Many fields each under the limit count together.
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("GET / HTTP/1.1\r\nHost: x\r\n" + ("X-F: " + "b".repeat(1000) + "\r\n").repeat(80) + "\r\n");
                assertThat(http.read().status()).isEqualTo(431);
            }
            // Just under the limit is fine.
            try (RawHttp http = new RawHttp(server.port())) {
                http.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(60 * 1024) + "\r\n\r\n");
                assertThat(http.read().text()).isEqualTo("Ollama is running");
            }
        }
    }

    @Test
    void aClientThatDisconnectsMidStreamFreesItsSlot() throws Exception {
        // 20,000 tokens 20 ms apart: undisturbed, the first stream would hold the only slot for 400 s,
        // far beyond this test's timeout.
        Script slow = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ofMillis(20)).outputTokens(20_000).build();
        try (MockLlmServer server = MockLlmServer.builder().script(slow).slots(1).start()) {
            try (RawHttp first = new RawHttp(server.port())) {
                first.send(RawHttp.post("/api/generate", GENERATE));
                first.socket.getInputStream().read(new byte[512]); // headers and the first tokens are flowing
            }
            try (RawHttp second = new RawHttp(server.port())) {
                second.send(RawHttp.post("/api/generate",
                        "{\"model\":\"mock-model\",\"prompt\":\"x\",\"options\":{\"num_predict\":2}}"));
                RawHttp.Response r = second.read();
                assertThat(r.complete()).isTrue();
                assertThat(r.chunks()).hasSize(2);
            }
            // The first stream's thread noticed the disconnect at a write and ended (bounded by @Timeout).
            while (server.inFlight() > 0) {
                Thread.sleep(10);
            }
            assertThat(server.streamTimings()).hasSize(2);
            // The second stream started only when the first one's slot was given back.
            assertThat(server.streamTimings().get(1).firstTokenWrittenNanos().getAsLong())
                    .isGreaterThan(server.streamTimings().get(0).lastWriteNanos().getAsLong());
        }
    }

    @Test
    void servesMoreThanAThousandConcurrentStreams() throws Exception {
        int n = 1100;
        // Stalled streams last until their client closes, so all of them are open at once however
        // slowly the connections are made.
        try (MockLlmServer server = MockLlmServer.builder().faults(FaultPlan.everyNth(1, Fault.STALL_AFTER_HEADERS))
                .stallLimit(Duration.ofHours(1)).start()) {
            java.util.List<RawHttp> clients = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    RawHttp c = new RawHttp(server.port());
                    clients.add(c);
                    c.send(RawHttp.post("/api/generate", GENERATE));
                }
                while (server.inFlight() < n) {
                    Thread.sleep(10);
                }
                assertThat(server.maxInFlight()).isEqualTo(n);
                byte[] head = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);
                for (RawHttp c : clients) {
                    assertThat(c.socket.getInputStream().readNBytes(head.length)).isEqualTo(head);
                }
            } finally {
                for (RawHttp c : clients) {
                    c.close();
                }
            }
            // Each stalled stream's thread sees its client go and ends it.
            while (server.inFlight() > 0) {
                Thread.sleep(10);
            }
            try (RawHttp http = new RawHttp(server.port())) {
                http.send(RawHttp.get("/api/version"));
                assertThat(http.read().status()).isEqualTo(200);
            }
        }
    }

    @Test
    void closeCutsOpenStreamsAndFreesThreadsAndPort() throws Exception {
        Script slow = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ofMillis(50)).outputTokens(2000).build();
        MockLlmServer server = MockLlmServer.builder().script(slow).start();
        int port = server.port();
        try (RawHttp streaming = new RawHttp(port); RawHttp idle = new RawHttp(port)) {
            streaming.send(RawHttp.post("/api/generate", GENERATE));
            idle.send(RawHttp.get("/health"));
            assertThat(idle.read().status()).isEqualTo(200); // an idle keep-alive connection
            byte[] some = new byte[256];
            assertThat(streaming.socket.getInputStream().read(some)).isPositive();

            server.close();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (threadsOf(port) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5); // a pool thread may still be unwinding right after close() returned
            }
            assertThat(threadsOf(port)).isZero();
            RawHttp.Response rest = readRest(streaming);
            assertThat(rest.complete()).isFalse();
            assertThat(idle.closedByServer()).isTrue();
        }
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }

    /** Reads what is left of a chunked body whose headers were already consumed: never its terminator. */
    private static RawHttp.Response readRest(RawHttp http) throws IOException {
        byte[] buf = new byte[8192];
        StringBuilder rest = new StringBuilder();
        int n;
        try {
            while ((n = http.socket.getInputStream().read(buf)) > 0) {
                rest.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (java.net.SocketException reset) {
            // a reset is a cut too
        }
        boolean terminated = rest.toString().endsWith("\r\n0\r\n\r\n");
        return new RawHttp.Response(200, java.util.Map.of(), java.util.List.of(), new byte[0], terminated, 0);
    }

    private static long threadsOf(int port) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("mock-llm-" + port + "-") && t.isAlive()).count();
    }

    @Test
    void dropMidStreamGivesATruncatedChunkedBody() throws Exception {
        Script script = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ofMillis(1)).outputTokens(10).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script)
                .faults(FaultPlan.onRequests(Fault.DROP_MID_STREAM, 1)).start()) {
            try (RawHttp http = new RawHttp(server.port())) {
                http.send(RawHttp.post("/api/generate", GENERATE));
                assertThat(http.read().complete()).isTrue(); // request 0 is whole
                http.send(RawHttp.post("/api/generate", GENERATE));
                RawHttp.Response cut = http.read();
                assertThat(cut.status()).isEqualTo(200);
                assertThat(cut.complete()).isFalse();
                assertThat(cut.chunks()).hasSize(5); // half of the 10 events, then the connection closed
                assertThat(cut.text()).doesNotContain("\"done\":true");
            }
            assertThat(server.servedRequests()).extracting(ServedRequest::fault)
                    .containsExactly(java.util.Optional.empty(), java.util.Optional.of(Fault.DROP_MID_STREAM));
        }
    }

    @Test
    void slowTrickleSplitsEveryEventAcrossTwoChunks() throws Exception {
        Script script = Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(4).build();
        try (MockLlmServer server = MockLlmServer.builder().script(script)
                .faults(FaultPlan.everyNth(1, Fault.SLOW_TRICKLE)).start();
             RawHttp http = new RawHttp(server.port())) {
            http.send(RawHttp.post("/api/generate", GENERATE));
            RawHttp.Response r = http.read();
            assertThat(r.complete()).isTrue();
            assertThat(r.chunks()).hasSize(8);
            assertThat(r.text().split("\n")).hasSize(5);
        }
    }

    @Test
    void upgradeHeaderIsRecordedAndIgnored() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start();
             RawHttp http = new RawHttp(server.port())) {
            http.send("GET /api/version HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                    + "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n");
            assertThat(http.read().status()).isEqualTo(200);
            assertThat(server.servedRequests()).singleElement().satisfies(s -> assertThat(s.upgradeRequested()).isTrue());
        }
    }
}
