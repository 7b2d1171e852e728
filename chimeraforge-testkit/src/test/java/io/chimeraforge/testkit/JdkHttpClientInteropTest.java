package io.chimeraforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** MockLlmServer against an HTTP stack it did not grow up with: the JDK HttpClient (HTTP/1.1). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdkHttpClientInteropTest {

    private static final Script SCRIPT = Script.builder().ttft(Duration.ofMillis(5)).interTokenGap(Duration.ofMillis(1))
            .outputTokens(6).build();

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpResponse<String> stream(HttpClient client, MockLlmServer server) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/completions"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"mock-model\",\"prompt\":\"hi\",\"stream\":true,"
                        + "\"max_tokens\":6}")).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void chunkedStreamsOverOneKeepAliveConnection() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(SCRIPT).start()) {
            HttpClient client = client();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = stream(client, server);
                List<String> lines = r.body().lines().toList();
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("transfer-encoding")).hasValue("chunked");
                assertThat(lines.stream().filter(l -> l.startsWith("data: {"))).hasSize(6);
                assertThat(lines).contains("data: [DONE]");
            }
            assertThat(server.generationRequests()).isEqualTo(3);
            assertThat(server.acceptedConnections()).as("the JDK client reused its connection").isEqualTo(1);
        }
    }

    @Test
    void aServerClosingAfterEachStreamIsFollowedByTheJdkClient() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(SCRIPT).quirks(Quirk.CLOSE_AFTER_STREAM).start()) {
            HttpClient client = client();
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = stream(client, server);
                List<String> lines = r.body().lines().toList();
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(lines).contains("data: [DONE]");
                Thread.sleep(100); // the JDK client notices the close only once it arrived
            }
            assertThat(server.generationRequests()).isEqualTo(3);
            assertThat(server.acceptedConnections()).isEqualTo(3);
        }
    }

    @Test
    void fixedLengthAnswers() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(SCRIPT).start()) {
            HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/models"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValueAsLong("content-length")).hasValue(r.body().getBytes(
                    java.nio.charset.StandardCharsets.UTF_8).length);
            assertThat(r.body()).contains("\"id\":\"mock-model\"");
        }
    }
}
