package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.bench.internal.http.WireRequest;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import io.chimeraforge.testkit.ServedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Extra request headers (an API key): sent on every request, checked, and never shown. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExtraHeadersTest {

    private static final Script FAST = Script.builder().ttft(Duration.ofMillis(1)).interTokenGap(Duration.ZERO)
            .outputTokens(4).build();

    @Test
    void everyRequestOfARunCarriesTheHeadersAndTheConfigurationNeverShowsTheirValues() {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start()) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.VLLM)
                    .baseUrl(server.baseUrl()).runs(3).warmupRequests(1)
                    .header("Authorization", "Bearer sk-test-123").header("X-Route", "pool-a")
                    .header("authorization", "Bearer sk-test-456").build();
            assertThat(config.headers()).containsExactly(Map.entry("X-Route", "pool-a"),
                    Map.entry("authorization", "Bearer sk-test-456"));
            assertThat(config.toString()).contains("authorization=<redacted>").doesNotContain("sk-test");
            BenchReport report = BenchRunner.builder(config).captureGpu(false).build().run();
            assertThat(report.results().get(0).aggregate().count()).isEqualTo(3);
            // health, model list, version, 1 warm-up, 3 measured: every one authorised
            assertThat(server.servedRequests()).hasSizeGreaterThanOrEqualTo(6).allSatisfy(r -> {
                assertThat(r.header("Authorization")).contains("Bearer sk-test-456");
                assertThat(r.header("x-route")).contains("pool-a");
            });
            assertThat(server.servedRequests()).extracting(ServedRequest::path).contains("/health", "/v1/models",
                    "/v1/completions");
        }
    }

    @Test
    void theSingleRequestClientSendsThemToo() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start();
             BackendClient client = BackendClient.builder(Backend.OLLAMA).baseUrl(server.baseUrl())
                     .header("Authorization", "Bearer k").build()) {
            assertThat(client.health().ok()).isTrue();
            assertThat(client.generate("mock-model", "hi", Sampling.serverDefaults()).succeeded()).isTrue();
            assertThat(server.servedRequests()).hasSize(2)
                    .allSatisfy(r -> assertThat(r.header("authorization")).contains("Bearer k"));
        }
    }

    @Test
    void framingHeadersAndControlCharactersAreRefused() {
        BenchConfig.Builder b = BenchConfig.builder();
        assertThatThrownBy(() -> b.header("Content-Length", "5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("header Content-Length is set by the client itself");
        assertThatThrownBy(() -> b.header("Host", "evil")).hasMessage("header Host is set by the client itself");
        assertThatThrownBy(() -> b.header("X-A", "v\r\nX-Injected: 1")).hasMessageContaining("U+000D");
        assertThatThrownBy(() -> b.header("Bad Name", "v")).hasMessage("header name 'Bad Name' is not an HTTP token");
        assertThatThrownBy(() -> BackendClient.builder(Backend.VLLM).header("Connection", "close"))
                .hasMessage("header Connection is set by the client itself");
    }

    @Test
    void aGivenAcceptOrUserAgentReplacesTheDefaultInsteadOfDoublingIt() {
        String head = new String(WireRequest.post(URI.create("http://h:1/x"), "application/json", "text/event-stream",
                new byte[0], Map.of("Accept", "application/json")).encoded(), StandardCharsets.ISO_8859_1);
        assertThat(head).contains("\r\nAccept: application/json\r\n").doesNotContain("text/event-stream")
                .contains("\r\nUser-Agent: chimeraforge-java\r\n");
    }
}
