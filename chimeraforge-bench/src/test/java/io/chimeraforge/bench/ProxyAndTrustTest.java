package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.bench.internal.http.Endpoint;
import io.chimeraforge.bench.internal.http.ProxyRoutes;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import io.chimeraforge.testkit.ServedRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Requests through an HTTP proxy (the JDK HttpClient transport), proxy routing rules, CA certificate files. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ProxyAndTrustTest {

    @Test
    void aStreamedGenerationGoesThroughAnExplicitProxy() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(5)).interTokenGap(Duration.ofMillis(1)).outputTokens(5)
                .build();
        // The mock answers absolute-form targets, so it can stand in for a forwarding proxy: the
        // origin's name does not resolve, so only the proxy can have carried the request.
        try (MockLlmServer proxy = MockLlmServer.builder().script(script).start();
             BackendClient client = BackendClient.builder(Backend.VLLM).baseUrl("http://origin.invalid:8000")
                     .proxy(proxy.baseUri()).environmentProxy(false).build()) {
            BackendClient.Completion c = client.generate("mock-model", "hi", Sampling.serverDefaults());
            assertThat(c.error()).isEmpty();
            assertThat(c.text()).isNotEmpty();
            assertThat(c.timeline().outputTokens()).isEqualTo(5);
            ServedRequest seen = proxy.servedRequests().get(0);
            assertThat(seen.header("host")).hasValue("origin.invalid:8000");
            assertThat(c.timeline().connectStartNanos()).isEqualTo(c.timeline().sentNanos());
        }
    }

    @Test
    void aResultMeasuredThroughAProxySaysWhichOne() {
        Script script = Script.builder().ttft(Duration.ofMillis(2)).interTokenGap(Duration.ZERO).outputTokens(3).build();
        try (MockLlmServer proxy = MockLlmServer.builder().script(script).start()) {
            BenchConfig viaProxy = BenchConfig.builder().backend(Backend.VLLM).baseUrl("http://origin.invalid:8000")
                    .proxy(proxy.baseUri()).model("mock-model").runs(2).warmupRequests(0).build();
            var result = BenchRunner.of(viaProxy).run().results().get(0);
            assertThat(result.aggregate().count()).isEqualTo(2);
            assertThat(result.extra().get(BenchRunner.PROXY_KEY))
                    .isEqualTo(proxy.baseUri().getHost() + ":" + proxy.baseUri().getPort());
            BenchConfig direct = BenchConfig.builder().backend(Backend.VLLM).baseUrl(proxy.baseUrl())
                    .model("mock-model").runs(1).warmupRequests(0).build();
            assertThat(BenchRunner.of(direct).run().results().get(0).extra()).doesNotContainKey(BenchRunner.PROXY_KEY);
        }
    }

    @Test
    void environmentProxiesFollowNoProxyAndNeverCarryLoopback() {
        ProxyRoutes routes = ProxyRoutes.fromEnvironment(Map.of("HTTPS_PROXY", "http://proxy.corp:3128",
                "http_proxy", "proxy.corp:8080", "NO_PROXY", "internal.example, .lab.corp, gpu.corp:8443"));
        assertThat(routes.proxyFor(Endpoint.of(URI.create("https://api.example.org")))).hasValueSatisfying(
                a -> assertThat(a.getPort()).isEqualTo(3128));
        assertThat(routes.proxyFor(Endpoint.of(URI.create("http://api.example.org")))).hasValueSatisfying(
                a -> assertThat(a.getPort()).isEqualTo(8080));
        assertThat(routes.proxyFor(Endpoint.of(URI.create("http://internal.example:8000")))).isEmpty();
        assertThat(routes.proxyFor(Endpoint.of(URI.create("http://a.internal.example:8000")))).isEmpty();
        assertThat(routes.proxyFor(Endpoint.of(URI.create("http://node1.lab.corp")))).isEmpty();
        assertThat(routes.proxyFor(Endpoint.of(URI.create("https://gpu.corp:8443")))).isEmpty();
        assertThat(routes.proxyFor(Endpoint.of(URI.create("https://gpu.corp:443")))).isPresent();
        assertThat(routes.proxyFor(Endpoint.of(URI.create("http://localhost:11434")))).isEmpty();
        assertThat(routes.proxyFor(Endpoint.of(URI.create("http://127.0.0.1:11434")))).isEmpty();
        assertThat(ProxyRoutes.fromEnvironment(Map.of()).any()).isFalse();
        assertThat(ProxyRoutes.explicit(URI.create("http://p:1")).proxyFor(Endpoint.of(URI.create("http://localhost"))))
                .isPresent();
        assertThatThrownBy(() -> ProxyRoutes.explicit(URI.create("socks5://p:1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> ProxyRoutes.explicit(URI.create("http://user:secret@p:1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
    }

    @Test
    void aCaCertificateFileThatIsNotOneIsRefusedNamingTheFile(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        assertThatThrownBy(() -> BackendClient.builder(Backend.OLLAMA).caCertificate(bad))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad.toString());
        assertThatThrownBy(() -> BackendClient.builder(Backend.OLLAMA).caCertificate(dir.resolve("missing.pem")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing.pem");
    }
}
