package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.discovery.Catalog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code chimeraforge suggest} and {@code catalog} (spec planner-extensions §2.5, §2.6 item 5); loopback only. */
@Timeout(120)
class SuggestCatalogCliTest {

    @TempDir
    Path cache;
    private HttpServer server;
    /** path with query -> status and body; anything else is 404. */
    private final Map<String, Object[]> answers = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                String key = exchange.getRequestURI().getRawPath()
                        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
                Object[] a = answers.getOrDefault(key, new Object[] {404, "{\"error\": \"not found\"}"});
                byte[] body = ((String) a[1]).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders((Integer) a[0], body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
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

    private CliRun run(String... args) {
        return CliRun.withEnv(cache, Map.of("HF_ENDPOINT", url()), args);
    }

    private void writeCatalog() throws IOException {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        m.put("Qwen/Qwen2.5-7B-Instruct", ModelSpec.builder("Qwen/Qwen2.5-7B-Instruct").paramsB(7.62)
                .architecture(28, 4, 128).source(ModelSource.HF).build());
        m.put("Qwen/Qwen2.5-1.5B-Instruct", ModelSpec.builder("Qwen/Qwen2.5-1.5B-Instruct").paramsB(1.54)
                .architecture(28, 2, 128).source(ModelSource.HF).build());
        Catalog.of(m).write(Catalog.file(cache));
    }

    @Test
    void anUnknownSourceIsOneLineExitOne() {
        CliRun r = run("suggest", "--source", "bogus");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines()).containsExactly("Error: unknown --source value(s): bogus (use ollama,hf,catalog)");
        CliRun j = run("suggest", "--source", "ollama,pypi", "--json");
        assertThat(j.exitCode()).isEqualTo(1);
        assertThat(j.stdout().strip()).isEqualTo("{\"error\":\"unknown --source value(s): pypi (use ollama,hf,catalog)\"}");
    }

    @Test
    void aCatalogOnlyRunOnAnEmptyCatalogSaysHowToBuildIt() {
        CliRun r = run("suggest", "--source", "catalog");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines()).containsExactly("Error: Catalog is empty. Run `chimeraforge catalog build` first.");
    }

    @Test
    void anEmptyCatalogShowsExitZeroWithTheHint() {
        CliRun r = run("catalog");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stderr()).contains("empty").contains("catalog build");
        CliRun j = run("catalog", "--json");
        assertThat(j.exitCode()).isZero();
        assertThat(j.stdout().strip()).isEqualTo("{\"models\":{},\"errors\":[]}");
        assertThat(run("catalog", "--help").stdout()).contains("--build");
    }

    @Test
    void suggestRanksTheCatalogAndCatalogShowsIt() throws IOException {
        writeCatalog();
        CliRun r = run("suggest", "--source", "catalog", "--hardware", "RTX 4090 24GB", "--budget", "1e9", "--json");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode doc = Json.mapper().readTree(r.stdout());
        assertThat(doc.get("considered").asInt()).isEqualTo(2);
        assertThat(doc.get("fit").asInt()).isEqualTo(doc.get("suggestions").size());
        assertThat(doc.get("suggestions").findValuesAsText("model")).doesNotHaveDuplicates();
        assertThat(doc.get("unresolved")).isEmpty();
        CliRun human = run("suggest", "--source", "catalog", "--hardware", "RTX 4090 24GB", "--budget", "1e9");
        assertThat(human.exitCode()).isZero();
        assertThat(human.stdout()).contains("Qwen/Qwen2.5-1.5B-Instruct").contains("2 considered");

        CliRun show = run("catalog", "show");
        assertThat(show.exitCode()).isZero();
        // sorted by size: the 1.5B row comes before the 7B row although it was written second
        assertThat(show.stdout().indexOf("Qwen2.5-1.5B")).isLessThan(show.stdout().indexOf("Qwen2.5-7B"));
        JsonNode shown = Json.mapper().readTree(run("catalog", "--json").stdout());
        assertThat(shown.get("models").size()).isEqualTo(2);
    }

    @Test
    void badConstraintsAndAnUnknownGpuAreOneLineExitOne() throws IOException {
        writeCatalog();
        CliRun q = run("suggest", "--source", "catalog", "--quality-target", "2");
        assertThat(q.exitCode()).isEqualTo(1);
        assertThat(q.stderrLines()).containsExactly("Error: --quality-target must be between 0.0 and 1.0.");
        CliRun gpu = run("suggest", "--source", "catalog", "--hardware", "Voodoo 5");
        assertThat(gpu.exitCode()).isEqualTo(1);
        assertThat(gpu.stderrLines()).hasSize(1);
        assertThat(gpu.stderr()).contains("Voodoo 5").contains("--list-hardware");
        CliRun limit = run("suggest", "--source", "hf", "--hf-limit", "0");
        assertThat(limit.exitCode()).isEqualTo(1);
        assertThat(limit.stderrLines()).containsExactly("Error: --hf-limit must be between 1 and 1000.");
    }

    @Test
    void anUnreachableOllamaIsOneLineExitOne() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun r = run("suggest", "--ollama-url", "http://127.0.0.1:" + port, "--hardware", "RTX 4090 24GB");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines()).hasSize(1);
        assertThat(r.stderr()).startsWith("Error: could not list Ollama models at http://127.0.0.1:" + port + ": ");
        CliRun built = run("catalog", "build", "--with-ollama", "--ollama-url", "http://127.0.0.1:" + port);
        assertThat(built.exitCode()).isEqualTo(1);
        assertThat(built.stderrLines()).hasSize(1);
        assertThat(Files.exists(Catalog.file(cache))).isFalse();
    }

    @Test
    void aHubRateLimitIsOneLineExitOne() {
        answers.put("/api/models?pipeline_tag=text-generation&sort=downloads&direction=-1&limit=8",
                new Object[] {429, "{}"});
        CliRun r = run("suggest", "--source", "hf", "--hardware", "RTX 4090 24GB", "--json");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout().strip()).startsWith("{\"error\":\"could not list HF models: HTTP 429");
    }

    @Test
    void buildResolvesTheSeedThroughTheHubAndWritesTheFile() throws IOException {
        String repo = "Qwen/Qwen2.5-1.5B-Instruct";
        answers.put("/" + repo + "/resolve/main/config.json", new Object[] {200, """
                {"head_dim": null, "hidden_size": 1536, "model_type": "qwen2", "num_attention_heads": 12,
                 "num_hidden_layers": 28, "num_key_value_heads": 2, "vocab_size": 151936}"""});
        answers.put("/api/models/" + repo + "?expand%5B%5D=safetensors",
                new Object[] {200, "{\"safetensors\": {\"total\": 1543714304}}"});
        CliRun r = run("catalog", "--build");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        int seed = Catalog.SEED.size();
        assertThat(r.stdout().strip()).isEqualTo("Built catalog: 1 models resolved, " + (seed - 1) + " failed.");
        assertThat(Catalog.read(Catalog.file(cache)).models()).containsOnlyKeys(repo);
    }

    @Test
    void aBuildInWhichNothingResolvesKeepsTheExistingCatalog() throws IOException {
        writeCatalog();
        String before = Files.readString(Catalog.file(cache));
        CliRun r = run("catalog", "build");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines()).hasSize(1);
        assertThat(r.stderr()).startsWith("Error: no model resolved (" + Catalog.SEED.size() + " failed; first: "
                + Catalog.SEED.get(0) + ": ").endsWith("the catalog was left unchanged.\n");
        assertThat(Files.readString(Catalog.file(cache))).isEqualTo(before);
    }
}
