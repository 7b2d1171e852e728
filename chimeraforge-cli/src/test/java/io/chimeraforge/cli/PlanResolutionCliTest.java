package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --model} through Hugging Face (HF_ENDPOINT) and Ollama (--ollama-url) on a loopback fixture. */
@Timeout(60)
class PlanResolutionCliTest {

    private static final String CONFIG = "{\"num_hidden_layers\": 28, \"num_attention_heads\": 12,"
            + " \"num_key_value_heads\": 2, \"hidden_size\": 1536, \"model_type\": \"qwen2\"}";
    private static final String TOTAL = "{\"safetensors\": {\"total\": 1543714304}}";
    private static final String SHOW = "{\"details\": {\"parameter_size\": \"14.8B\", \"quantization_level\": \"Q4_K_M\"},"
            + " \"model_info\": {\"general.architecture\": \"qwen3\", \"qwen3.block_count\": 40,"
            + " \"qwen3.attention.head_count\": 40, \"qwen3.attention.head_count_kv\": 8,"
            + " \"qwen3.embedding_length\": 5120, \"qwen3.attention.key_length\": 128}}";

    @TempDir
    Path cache;
    private HttpServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            seen.add(path + " auth=" + exchange.getRequestHeaders().getFirst("Authorization"));
            String body = switch (path) {
                case "/acme/reasoner-1.5b/resolve/main/config.json" -> CONFIG;
                case "/api/models/acme/reasoner-1.5b?expand%5B%5D=safetensors" -> TOTAL;
                case "/api/show" -> SHOW;
                default -> null;
            };
            byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aHubRepositoryIsResolvedAndCached() throws IOException {
        Map<String, String> env = Map.of("HF_ENDPOINT", url(), "HF_TOKEN", "hf_test");
        CliRun run = CliRun.withEnv(cache, env, "plan", "--model", "acme/reasoner-1.5b", "--budget", "5000");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("Resolved acme/reasoner-1.5b -> 1.5437B (28L/2kv/128d) source=hf");
        assertThat(seen).allMatch(s -> s.endsWith("auth=Bearer hf_test"));
        assertThat(Files.exists(cache.resolve("specs/acme_reasoner-1.5b.json"))).isTrue();
        int requests = seen.size();
        CliRun cached = CliRun.withEnv(cache, env, "plan", "--model", "acme/reasoner-1.5b", "--budget", "5000", "--json");
        assertThat(Json.mapper().readTree(cached.stdout()).get(0).get("params_b").asDouble()).isEqualTo(1.5437);
        assertThat(seen).hasSize(requests);
    }

    @Test
    void anOllamaTagIsResolvedFromTheGivenServer() throws IOException {
        CliRun run = CliRun.of(cache, "plan", "--model", "qwen3:14b", "--ollama-url", url(), "--hardware",
                "RTX 4090 24GB", "--budget", "5000", "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode top = Json.mapper().readTree(run.stdout()).get(0);
        assertThat(top.get("params_b").asDouble()).isEqualTo(14.8);
        assertThat(top.get("model_source").asText()).isEqualTo("ollama");
        CliRun bad = CliRun.of(cache, "plan", "--model", "qwen3:14b", "--ollama-url", "localhost:11434");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.stderr()).contains("--ollama-url must be an http(s) URL");
    }

    @Test
    void noNetworkNeverContactsTheSources() {
        Map<String, String> env = Map.of("HF_ENDPOINT", url());
        CliRun hf = CliRun.withEnv(cache, env, "plan", "--model", "acme/reasoner-1.5b", "--no-network");
        assertThat(hf.exitCode()).isEqualTo(1);
        CliRun ollama = CliRun.withEnv(cache, env, "plan", "--model", "qwen3:14b", "--ollama-url", url(), "--no-network");
        assertThat(ollama.exitCode()).isEqualTo(1);
        assertThat(seen).isEmpty();
    }

    @Test
    void anUnreachableOllamaIsOneLineNamingIt() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        CliRun run = CliRun.of(cache, "plan", "--model", "qwen3:14b", "--ollama-url", "http://127.0.0.1:" + closed);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).hasSize(1).first().asString()
                .startsWith("Error: resolving model: could not resolve 'qwen3:14b': could not reach Ollama at http://127.0.0.1:"
                        + closed + ": connection refused");
    }
}
