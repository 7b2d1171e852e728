package io.chimeraforge.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.hardware.UnknownGpuException;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.discovery.Catalog;
import io.chimeraforge.planner.discovery.DiscoveryException;
import io.chimeraforge.planner.discovery.DiscoverySource;
import io.chimeraforge.planner.discovery.Suggester;
import io.chimeraforge.planner.discovery.Suggestions;
import io.chimeraforge.planner.discovery.UnknownSourceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Discovery, catalog and suggest (spec planner-extensions §2.6) against a loopback fixture only. */
@Timeout(60)
class DiscoveryTest {

    private static final Planner PLANNER = Planner.builder().measuredCorpus(false).build();
    private static final String LISTING = "/api/models?pipeline_tag=text-generation&sort=downloads&direction=-1&limit=";
    private static final ModelSpec QWEN_1_5 = ModelSpec.builder("Qwen/Qwen2.5-1.5B-Instruct").paramsB(1.54)
            .architecture(28, 2, 128).source(ModelSource.HF).build();
    private static final ModelSpec QWEN_7 = ModelSpec.builder("Qwen/Qwen2.5-7B-Instruct").paramsB(7.62)
            .architecture(28, 4, 128).source(ModelSource.HF).build();

    @TempDir
    Path cache;
    private HubFixture hub;

    @BeforeEach
    void start() throws IOException {
        hub = new HubFixture();
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    private static Catalog twoModels() {
        Map<String, ModelSpec> m = new LinkedHashMap<>();
        m.put(QWEN_1_5.name(), QWEN_1_5);
        m.put(QWEN_7.name(), QWEN_7);
        return Catalog.of(m);
    }

    private static PlanRequest on(String gpu) {
        return PlanRequest.builder().hardware(gpu).budgetUsdPerMonth(1e9).build();
    }

    private Suggester.Builder suggester(Set<DiscoverySource> sources) {
        ModelResolver resolver = ModelResolver.withSources(ModelRegistry.bundled(), ModelSources.builder()
                .hubUrl(hub.url()).ollamaUrl(hub.url()).cacheDirectory(cache).timeout(Duration.ofSeconds(5)).build());
        return Suggester.builder(PLANNER).sources(sources).resolver(resolver).hubUrl(hub.url()).ollamaUrl(hub.url())
                .timeout(Duration.ofSeconds(5));
    }

    @Test
    void catalogSourceRanksOneCheapestDeploymentPerModelWithoutTheNetwork() {
        Suggestions s = suggester(EnumSet.of(DiscoverySource.CATALOG)).catalog(twoModels()).build()
                .suggest(on("RTX 4090 24GB"));
        assertThat(s.considered()).isEqualTo(2);
        assertThat(s.best()).extracting(Candidate::model).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(QWEN_1_5.name(), QWEN_7.name());
        assertThat(s.best()).extracting(Candidate::monthlyCostUsd).isSorted();
        assertThat(s.top(1)).hasSize(1);
        assertThat(hub.seen).isEmpty();
    }

    @Test
    void aSmallerGpuFitsNoMoreModelsThanABiggerOne() {
        Map<String, ModelSpec> three = new LinkedHashMap<>(twoModels().models());
        // 14.77B: even at 4 bits its weights (~8.3 GB) exceed an 8 GB card, not a 24 GB one
        three.put("Qwen/Qwen2.5-14B-Instruct", ModelSpec.builder("Qwen/Qwen2.5-14B-Instruct").paramsB(14.77)
                .architecture(48, 8, 128).source(ModelSource.HF).build());
        Suggester suggester = suggester(EnumSet.of(DiscoverySource.CATALOG)).catalog(Catalog.of(three)).build();
        Suggestions big = suggester.suggest(on("RTX 4090 24GB"));
        Suggestions small = suggester.suggest(on("RTX 4060 8GB"));
        assertThat(big.considered()).isEqualTo(small.considered()).isEqualTo(3);
        assertThat(small.fitting()).isLessThan(big.fitting());
        assertThat(small.best()).extracting(Candidate::model).doesNotContain("Qwen/Qwen2.5-14B-Instruct");
        assertThat(small.best()).allSatisfy(c -> assertThat(c.vramPerGpuGb()).isLessThanOrEqualTo(8.0));
    }

    @Test
    void anUnknownGpuIsRefusedBeforeAnyListing() {
        hub.answer("/api/tags", HubFixture.Answer.json("{\"models\": [{\"name\": \"llama3.2:3b\"}]}"));
        assertThatThrownBy(() -> suggester(EnumSet.of(DiscoverySource.OLLAMA)).build().suggest(on("Voodoo 5 6000")))
                .isInstanceOf(UnknownGpuException.class);
        assertThat(hub.seen).isEmpty();
    }

    @Test
    void anEmptyCatalogConsidersNothing() {
        Suggestions s = suggester(EnumSet.of(DiscoverySource.CATALOG)).build().suggest(on("RTX 4090 24GB"));
        assertThat(s.nothingConsidered()).isTrue();
        assertThat(s.discovered()).isEmpty();
        assertThat(s.best()).isEmpty();
    }

    @Test
    void ollamaTagsAreDiscoveredResolvedAndDeduplicatedWithTheCatalog() {
        hub.answer("/api/tags", HubFixture.Answer.json("{\"models\": [{\"name\": \"llama3.2:3b\"},"
                + " {\"name\": \"Qwen/Qwen2.5-1.5B-Instruct\"}, {\"name\": \"llama3.2:3b\"}, {\"name\": \"mystery:1b\"}]}"));
        Suggestions s = suggester(EnumSet.of(DiscoverySource.OLLAMA, DiscoverySource.CATALOG)).catalog(twoModels())
                .build().suggest(on("RTX 4090 24GB"));
        assertThat(s.discovered()).containsExactly("llama3.2:3b", QWEN_1_5.name(), "mystery:1b", QWEN_7.name());
        // llama3.2:3b: /api/show is 404, so the offline approximation; mystery:1b has no family
        assertThat(s.considered()).isEqualTo(3);
        assertThat(s.unresolved()).extracting(u -> u.id()).containsExactly("mystery:1b");
        assertThat(s.best()).extracting(Candidate::model).doesNotHaveDuplicates().contains("llama3.2:3b");
        assertThat(hub.seen).extracting(HubFixture.Seen::path).doesNotContain("/api/show:" + QWEN_1_5.name());
    }

    @Test
    void anUnreachableOllamaIsOneClearError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        URI closed = URI.create("http://127.0.0.1:" + port);
        assertThatThrownBy(() -> suggester(EnumSet.of(DiscoverySource.OLLAMA)).ollamaUrl(closed).build()
                .suggest(on("RTX 4090 24GB")))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("could not list Ollama models at " + closed + ": ");
    }

    @Test
    void hubListingIsAnonymousAndLimited() {
        hub.answer(LISTING + "2", HubFixture.Answer.json("[{\"id\": \"Qwen/Qwen2.5-1.5B-Instruct\"},"
                + " {\"id\": \"Qwen/Qwen2.5-7B-Instruct\"}, {\"id\": \"org/extra\"}]"));
        ModelResolver tokenised = ModelResolver.withSources(ModelRegistry.bundled(), ModelSources.builder()
                .hubUrl(hub.url()).hfToken("hf_secret").cacheDirectory(cache).timeout(Duration.ofSeconds(5)).build());
        Suggestions s = suggester(EnumSet.of(DiscoverySource.HF)).resolver(tokenised).hfLimit(2).build()
                .suggest(on("RTX 4090 24GB"));
        assertThat(s.discovered()).containsExactly(QWEN_1_5.name(), QWEN_7.name());
        HubFixture.Seen listing = hub.seen.stream().filter(r -> r.path().startsWith("/api/models?")).findFirst()
                .orElseThrow();
        assertThat(listing.authorization()).isNull();
        // the repos are not served: both fail resolution, with the Hub's reason
        assertThat(s.unresolved()).hasSize(2).allSatisfy(u -> assertThat(u.error()).contains("not found"));
    }

    @Test
    void hubRateLimitServerErrorAndMalformedJsonAreClearErrors() {
        Suggester suggester = suggester(EnumSet.of(DiscoverySource.HF)).build();
        hub.answer(LISTING + "8", new HubFixture.Answer(429, "{}", Map.of("Retry-After", "30"), 0));
        assertThatThrownBy(() -> suggester.suggest(on("RTX 4090 24GB"))).isInstanceOf(DiscoveryException.class)
                .hasMessage("could not list HF models: HTTP 429 (rate limited by the Hub; wait and try again,"
                        + " it asked for 30 s)");
        hub.answer(LISTING + "8", new HubFixture.Answer(503, "busy", Map.of(), 0));
        assertThatThrownBy(() -> suggester.suggest(on("RTX 4090 24GB"))).isInstanceOf(DiscoveryException.class)
                .hasMessage("could not list HF models: HTTP 503");
        hub.answer(LISTING + "8", HubFixture.Answer.json("<html>not json"));
        assertThatThrownBy(() -> suggester.suggest(on("RTX 4090 24GB"))).isInstanceOf(DiscoveryException.class)
                .hasMessageStartingWith("HF returned a non-JSON model list: ");
        hub.answer(LISTING + "8", HubFixture.Answer.json("{\"models\": []}"));
        assertThatThrownBy(() -> suggester.suggest(on("RTX 4090 24GB"))).isInstanceOf(DiscoveryException.class)
                .hasMessage("HF returned a non-JSON model list: expected an array");
    }

    @Test
    void sourceListsParseAndRefuseUnknownNames() {
        assertThat(DiscoverySource.parseList(" ollama, HF ,")).containsExactlyInAnyOrder(DiscoverySource.OLLAMA,
                DiscoverySource.HF);
        assertThatThrownBy(() -> DiscoverySource.parseList("catalog,pypi"))
                .isInstanceOf(UnknownSourceException.class).hasMessageContaining("pypi")
                .satisfies(e -> assertThat(((UnknownSourceException) e).unknown()).containsExactly("pypi"));
        assertThatThrownBy(() -> DiscoverySource.parseList(" , ")).isInstanceOf(UnknownSourceException.class);
    }

    @Test
    void catalogRoundTripsAndAnAbsentOrCorruptFileIsEmpty() throws IOException {
        Path file = Catalog.file(cache);
        assertThat(Catalog.read(file).isEmpty()).isTrue();
        twoModels().write(file);
        assertThat(Files.readString(file)).startsWith("{\n  \"models\": {\n    \"Qwen/Qwen2.5-1.5B-Instruct\": {");
        assertThat(Catalog.read(file).models()).isEqualTo(twoModels().models());
        Files.writeString(file, "{\"models\": {\"x\": {\"name\": \"x\"}}}");
        assertThat(Catalog.read(file).isEmpty()).isTrue();
        Files.writeString(file, "not json");
        assertThat(Catalog.read(file).isEmpty()).isTrue();
    }

    @Test
    void buildResolvesEachIdOnceAndReportsFailures() {
        hub.answer("/" + QWEN_1_5.name() + "/resolve/main/config.json", HubFixture.Answer.json("""
                {"head_dim": null, "hidden_size": 1536, "model_type": "qwen2", "num_attention_heads": 12,
                 "num_hidden_layers": 28, "num_key_value_heads": 2, "vocab_size": 151936}"""))
                .answer("/api/models/" + QWEN_1_5.name() + "?expand%5B%5D=safetensors",
                        HubFixture.Answer.json("{\"safetensors\": {\"total\": 1543714304}}"));
        ModelResolver resolver = ModelResolver.withSources(ModelRegistry.bundled(), ModelSources.builder()
                .hubUrl(hub.url()).cacheDirectory(cache).timeout(Duration.ofSeconds(5)).build());
        Catalog.Build built = Catalog.build(resolver, List.of(QWEN_1_5.name(), "org/missing", QWEN_1_5.name()));
        assertThat(built.catalog().models()).containsOnlyKeys(QWEN_1_5.name());
        assertThat(built.catalog().models().get(QWEN_1_5.name()).nLayers()).isEqualTo(28);
        assertThat(built.errors()).extracting(u -> u.id()).containsExactly("org/missing");
        assertThat(Catalog.build(resolver, List.of()).catalog().isEmpty()).isTrue();
        assertThat(Catalog.SEED).hasSizeGreaterThanOrEqualTo(5).doesNotHaveDuplicates();
    }
}
