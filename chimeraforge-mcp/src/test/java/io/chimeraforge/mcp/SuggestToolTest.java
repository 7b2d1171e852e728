package io.chimeraforge.mcp;

import static io.chimeraforge.mcp.PlannerToolsTest.args;
import static io.chimeraforge.mcp.PlannerToolsTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.planner.discovery.Catalog;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code chimeraforge_suggest}: spec planner-extensions §10.3 item 6, with a catalog and loopback-only network. */
@Timeout(60)
class SuggestToolTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final Set<String> ENVELOPE = Set.of("ok", "hardware", "sources", "considered", "fitting", "models",
            "unresolved", "hint", "note");

    @TempDir
    Path cache;
    private URI closed;
    private PlannerTools tools;

    @BeforeEach
    void setUp() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
        // the Hub is a closed loopback port: a test can never reach the internet
        tools = new PlannerTools(Planner.builder().measuredCorpus(false).build(), Optional.of(cache), CLOCK, closed);
    }

    private void writeCatalog() throws IOException {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        m.put("Qwen/Qwen2.5-1.5B-Instruct", ModelSpec.builder("Qwen/Qwen2.5-1.5B-Instruct").paramsB(1.54)
                .architecture(28, 2, 128).source(ModelSource.HF).build());
        m.put("Qwen/Qwen2.5-7B-Instruct", ModelSpec.builder("Qwen/Qwen2.5-7B-Instruct").paramsB(7.62)
                .architecture(28, 4, 128).source(ModelSource.HF).build());
        m.put("Qwen/Qwen2.5-14B-Instruct", ModelSpec.builder("Qwen/Qwen2.5-14B-Instruct").paramsB(14.77)
                .architecture(48, 8, 128).source(ModelSource.HF).build());
        Catalog.of(m).write(Catalog.file(cache));
    }

    private static List<String> models(JsonNode out) {
        return out.get("models").findValuesAsText("model");
    }

    @Test
    void ranksTheCatalogOneSummaryPerModel() throws IOException {
        writeCatalog();
        ObjectNode out = tools.suggest(args("hardware", "RTX 4090 24GB", "budget_usd_month", 1e9));
        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        assertThat(keys(out)).isEqualTo(ENVELOPE);
        assertThat(out.get("sources").toString()).isEqualTo("[\"catalog\"]");
        assertThat(out.get("considered").asInt()).isEqualTo(3);
        assertThat(out.get("fitting").asInt()).isEqualTo(out.get("models").size());
        assertThat(models(out)).doesNotHaveDuplicates()
                .isSubsetOf("Qwen/Qwen2.5-1.5B-Instruct", "Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-14B-Instruct");
        assertThat(out.get("models")).allSatisfy(m -> assertThat(m.get("provenance").has("throughput")).isTrue());
        assertThat(out.get("hint").asText()).isEmpty();
    }

    @Test
    void limitCapsTheModelsButNotTheCount() throws IOException {
        writeCatalog();
        ObjectNode out = tools.suggest(args("hardware", "RTX 4090 24GB", "budget_usd_month", 1e9, "limit", 1));
        assertThat(out.get("models")).hasSize(1);
        assertThat(out.get("fitting").asInt()).isGreaterThan(1);
        assertThat(tools.suggest(args("hardware", "RTX 4090 24GB", "limit", 0)).get("ok").asBoolean()).isFalse();
    }

    @Test
    void aSmallerGpuFitsNoMoreModels() throws IOException {
        writeCatalog();
        ObjectNode big = tools.suggest(args("hardware", "RTX 4090 24GB", "budget_usd_month", 1e9));
        ObjectNode small = tools.suggest(args("hardware", "RTX 4060 8GB", "budget_usd_month", 1e9));
        assertThat(small.get("fitting").asInt()).isLessThan(big.get("fitting").asInt());
        assertThat(models(small)).doesNotContain("Qwen/Qwen2.5-14B-Instruct");
    }

    @Test
    void anEmptyCatalogIsOkWithTheBuildHint() {
        ObjectNode out = tools.suggest(args("hardware", "RTX 4090 24GB"));
        assertThat(out.get("ok").asBoolean()).isTrue();
        assertThat(keys(out)).isEqualTo(ENVELOPE);
        assertThat(out.get("models")).isEmpty();
        assertThat(out.get("hint").asText()).contains("catalog build");
    }

    @Test
    void refusalsCarryAnErrorAndAHint() {
        ObjectNode source = tools.suggest(args("hardware", "RTX 4090 24GB", "source", "pypi"));
        assertThat(source.get("ok").asBoolean()).isFalse();
        assertThat(source.get("error").asText()).isEqualTo("unknown source(s): pypi");
        assertThat(source.get("hint").asText()).isEqualTo("use any of: catalog, hf, ollama");
        ObjectNode gpu = tools.suggest(args("hardware", "Voodoo 5"));
        assertThat(gpu.get("error").asText()).isEqualTo("unknown GPU 'Voodoo 5'.");
        assertThat(gpu.get("hint").asText()).contains("list_hardware");
        ObjectNode rate = tools.suggest(args("hardware", "RTX 4090 24GB", "request_rate", -1));
        assertThat(rate.get("error").asText()).isEqualTo("request_rate must be positive");
        ObjectNode quality = tools.suggest(args("hardware", "RTX 4090 24GB", "quality_target", 2));
        assertThat(quality.get("ok").asBoolean()).isFalse();
    }

    @Test
    void unreachableSourcesAreAnErrorNotAnException() {
        ObjectNode ollama = tools.suggest(args("hardware", "RTX 4090 24GB", "source", "ollama",
                "ollama_url", closed.toString()));
        assertThat(ollama.get("ok").asBoolean()).isFalse();
        assertThat(ollama.get("error").asText()).startsWith("could not list Ollama models at " + closed);
        assertThat(ollama.get("hint").asText()).contains("source=catalog");
        ObjectNode hub = tools.suggest(args("hardware", "RTX 4090 24GB", "source", "hf"));
        assertThat(hub.get("ok").asBoolean()).isFalse();
        assertThat(hub.get("error").asText()).startsWith("could not list HF models: ");
    }
}
