package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.testkit.Fault;
import io.chimeraforge.testkit.FaultPlan;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link BackendClient} against {@link MockLlmServer} on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BackendClientTest {

    private static final Script FAST = Script.builder().ttft(Duration.ofMillis(1)).interTokenGap(Duration.ZERO).build();

    @ParameterizedTest(name = "{0} chat={1}")
    @CsvSource({"OLLAMA,false", "OLLAMA,true", "VLLM,false", "VLLM,true", "TGI,false"})
    void generatesTheStreamedTextWithItsTimeline(Backend backend, boolean chat) throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST)
                .responder((i, prompt) -> "Echo: " + prompt + " — café 🙂").start();
             BackendClient client = BackendClient.builder(backend).baseUrl(server.baseUrl() + "/").chat(chat).build()) {
            assertThat(client.baseUrl().toString()).isEqualTo(server.baseUrl());
            assertThat(client.health().ok()).isTrue();
            assertThat(client.checkModel("mock-model")).isEqualTo(new BackendClient.Check(true, ""));
            BackendClient.Completion c = client.generate("mock-model", "hello there", Sampling.serverDefaults());
            assertThat(c.succeeded()).isTrue();
            assertThat(c.text()).isEqualTo("Echo: hello there — café 🙂");
            assertThat(c.timeline().outputTokens()).isEqualTo(6);
            assertThat(c.timeline().ttftMs()).isPresent();
            assertThat(client.version()).contains(MockLlmServer.DEFAULT_VERSION);
        }
    }

    @Test
    void samplingSettingsReachTheServer() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).start();
             BackendClient client = BackendClient.builder(Backend.OLLAMA).baseUrl(server.baseUrl()).build()) {
            client.generate("mock-model", "x", new Sampling(OptionalInt.of(3), OptionalDouble.of(0.0), OptionalLong.of(7)));
            assertThat(server.servedRequests().get(0).body()).contains("\"num_predict\":3").contains("\"temperature\":0.0")
                    .contains("\"seed\":7").doesNotContain("num_ctx");
        }
    }

    @Test
    void failuresAreInTheCompletionNotThrown() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST)
                .faults(FaultPlan.onRequests(Fault.HTTP_500, 0)).start();
             BackendClient client = BackendClient.builder(Backend.VLLM).baseUrl(server.baseUrl()).build()) {
            BackendClient.Completion failed = client.generate("mock-model", "x", Sampling.serverDefaults());
            assertThat(failed.succeeded()).isFalse();
            assertThat(failed.error()).hasValueSatisfying(e -> {
                assertThat(e.kind()).isEqualTo(ErrorKind.HTTP_STATUS);
                assertThat(e.message()).startsWith("HTTP 500");
            });
            assertThat(client.generate("mock-model", "x", Sampling.serverDefaults()).succeeded()).isTrue();
        }
    }

    @Test
    void idleDeadlineEndsAStalledStream() throws Exception {
        try (MockLlmServer server = MockLlmServer.builder().script(FAST).stallLimit(Duration.ofSeconds(20))
                .faults(FaultPlan.everyNth(1, Fault.STALL_AFTER_HEADERS)).start();
             BackendClient client = BackendClient.builder(Backend.TGI).baseUrl(server.baseUrl())
                     .idleTimeout(Duration.ofMillis(200)).build()) {
            BackendClient.Completion c = client.generate("mock-model", "x", Sampling.serverDefaults());
            assertThat(c.error()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ErrorKind.TIMEOUT_IDLE));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aClosedPortGivesTheReferenceMessage(Backend backend) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String display = switch (backend) {
            case OLLAMA -> "Ollama";
            case VLLM -> "vLLM";
            case TGI -> "TGI";
        };
        try (BackendClient client = BackendClient.builder(backend).baseUrl("http://127.0.0.1:" + port)
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            assertThat(client.health()).isEqualTo(new BackendClient.Check(false,
                    display + " not running at http://127.0.0.1:" + port));
            assertThat(client.generate("m", "x", Sampling.serverDefaults()).error())
                    .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONNECT));
        }
    }

    @Test
    void builderValidates() {
        assertThatThrownBy(() -> BackendClient.builder(Backend.OLLAMA).baseUrl("localhost:11434"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> BackendClient.builder(Backend.OLLAMA).idleTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> new Sampling(OptionalInt.of(0), OptionalDouble.empty(), OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTokens");
    }
}
