package io.chimeraforge.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.Json;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.internal.resolve.SourceParsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Model resolution from Hugging Face and Ollama against a loopback fixture (spec planner-extensions §1.9). */
@Timeout(60)
class NetworkResolutionTest {

    private static final ModelRegistry REGISTRY = ModelRegistry.bundled();
    private static final String QWEN_CONFIG = """
            {"architectures": ["Qwen2ForCausalLM"], "head_dim": null, "hidden_size": 1536, "model_type": "qwen2",
             "num_attention_heads": 12, "num_hidden_layers": 28, "num_key_value_heads": 2, "vocab_size": 151936,
             "intermediate_size": 8960}""";
    private static final String QWEN_TOTAL = "{\"safetensors\": {\"total\": 1543714304}}";
    private static final String QWEN = "Qwen/Qwen2.5-1.5B-Instruct";
    private static final String LLAMA_SHOW = """
            {"details": {"family": "llama", "parameter_size": "3.2B", "quantization_level": "Q4_K_M"},
             "model_info": {"general.architecture": "llama", "general.parameter_count": 3212749888,
               "llama.block_count": 28, "llama.attention.head_count": 24, "llama.attention.head_count_kv": 8,
               "llama.embedding_length": 3072}}""";

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

    private ModelResolver resolver(ModelSources.Builder b) {
        return ModelResolver.withSources(REGISTRY, b.hubUrl(hub.url()).build());
    }

    private ModelSources.Builder sources() {
        return ModelSources.builder().hubUrl(hub.url()).ollamaUrl(hub.url()).cacheDirectory(cache)
                .timeout(Duration.ofSeconds(5));
    }

    private void serveQwen() {
        hub.answer("/" + QWEN + "/resolve/main/config.json", HubFixture.Answer.json(QWEN_CONFIG))
                .answer("/api/models/" + QWEN + "?expand%5B%5D=safetensors", HubFixture.Answer.json(QWEN_TOTAL));
    }

    @Test
    void huggingFaceConfigGivesTheArchitecture() {
        serveQwen();
        ModelSpec s = resolver(sources()).resolve(QWEN, ManualOverrides.NONE).spec();
        assertThat(s.nLayers()).isEqualTo(28);
        assertThat(s.nKvHeads()).isEqualTo(2);
        assertThat(s.dHead()).isEqualTo(128);
        assertThat(s.vocabSize()).hasValue(151936);
        assertThat(s.paramsB()).isEqualTo(1.5437);
        assertThat(s.family()).hasValue("qwen2.5");
        assertThat(s.source()).isEqualTo(ModelSource.HF);
        assertThat(hub.seen).noneMatch(r -> r.path().equals("/api/show")); // a repository never asks Ollama
    }

    @Test
    void missingKvHeadsMeansMhaAndMissingParamsIsAnError() throws Exception {
        var cfg = Json.mapper().readTree(QWEN_CONFIG.replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": null"));
        assertThat(SourceParsers.fromHfConfig(QWEN, cfg, OptionalDouble.of(1.5e9), REGISTRY).nKvHeads()).isEqualTo(12);
        hub.answer("/" + QWEN + "/resolve/main/config.json", HubFixture.Answer.json(QWEN_CONFIG));
        assertThatThrownBy(() -> resolver(sources()).resolve(QWEN, ManualOverrides.NONE))
                .isInstanceOf(ModelResolutionException.class).hasMessageContaining("safetensors")
                .extracting(e -> ((ModelResolutionException) e).reason())
                .isEqualTo(ModelResolutionException.Reason.SOURCE_FAILED);
    }

    @Test
    void hubErrorsAreNamed() {
        hub.answer("/org/gated/resolve/main/config.json", new HubFixture.Answer(401, "{}",
                Map.of("x-error-code", "GatedRepo"), 0));
        hub.answer("/org/private/resolve/main/config.json", new HubFixture.Answer(401, "{}", Map.of(), 0));
        hub.answer("/org/broken/resolve/main/config.json", new HubFixture.Answer(500, "oops", Map.of(), 0));
        hub.answer("/org/html/resolve/main/config.json", new HubFixture.Answer(200, "<html>", Map.of(), 0));
        hub.answer("/org/slow/resolve/main/config.json", new HubFixture.Answer(200, QWEN_CONFIG, Map.of(), 3000));
        ModelResolver r = resolver(sources());
        assertThatThrownBy(() -> r.resolve("org/gated", ManualOverrides.NONE)).hasMessageContaining("is gated");
        assertThatThrownBy(() -> r.resolve("org/private", ManualOverrides.NONE))
                .hasMessageContaining("not found or not accessible");
        assertThatThrownBy(() -> r.resolve("org/missing", ManualOverrides.NONE))
                .hasMessage("HF repo 'org/missing' not found (check the org/name).");
        assertThatThrownBy(() -> r.resolve("org/broken", ManualOverrides.NONE))
                .hasMessage("could not fetch HF metadata for 'org/broken': HTTP 500");
        assertThatThrownBy(() -> r.resolve("org/html", ManualOverrides.NONE))
                .hasMessageStartingWith("HF returned a non-JSON response for 'org/html'");
        ModelResolver impatient = resolver(sources().timeout(Duration.ofMillis(500)));
        assertThatThrownBy(() -> impatient.resolve("org/slow", ManualOverrides.NONE))
                .hasMessageContaining("could not fetch HF metadata for 'org/slow'").hasMessageContaining("no answer within");
    }

    @Test
    void theTokenGoesToTheHubOnlyNeverAfterARedirectElsewhere() {
        serveQwen();
        hub.answer("/org/moved/resolve/main/config.json", new HubFixture.Answer(302, "",
                Map.of("Location", hub.urlAsLocalhost() + "/" + QWEN + "/resolve/main/config.json"), 0));
        hub.answer("/api/models/org/moved?expand%5B%5D=safetensors", HubFixture.Answer.json(QWEN_TOTAL));
        resolver(sources().hfToken("hf_secret")).resolve("org/moved", ManualOverrides.NONE);
        assertThat(hub.seen).filteredOn(r -> r.path().equals("/org/moved/resolve/main/config.json"))
                .extracting(HubFixture.Seen::authorization).containsOnly("Bearer hf_secret");
        assertThat(hub.seen).filteredOn(r -> r.path().equals("/" + QWEN + "/resolve/main/config.json"))
                .hasSize(1).extracting(HubFixture.Seen::authorization).containsOnlyNulls(); // the other host
    }

    @Test
    void ollamaShowGivesTheArchitecture() throws Exception {
        hub.answer("show:llama3.2:3b", HubFixture.Answer.json(LLAMA_SHOW));
        ModelSpec s = resolver(sources()).resolve("ollama:llama3.2:3b", ManualOverrides.NONE).spec();
        assertThat(s.nLayers()).isEqualTo(28);
        assertThat(s.nKvHeads()).isEqualTo(8);
        assertThat(s.dHead()).isEqualTo(128);
        assertThat(s.paramsB()).isEqualTo(3.2);
        assertThat(s.nativeQuant()).hasValue("Q4_K_M");
        assertThat(s.family()).hasValue("llama3.2");
        assertThat(s.source()).isEqualTo(ModelSource.OLLAMA);
        var withKey = Json.mapper().readTree(LLAMA_SHOW.replace("\"llama.embedding_length\": 3072",
                "\"llama.embedding_length\": 3072, \"llama.attention.key_length\": 96"));
        assertThat(SourceParsers.fromOllamaShow("llama3.2:3b", withKey, REGISTRY).dHead()).isEqualTo(96);
        assertThatThrownBy(() -> SourceParsers.fromOllamaShow("x:1b", Json.mapper().readTree(
                "{\"details\": {}, \"model_info\": {}}"), REGISTRY)).hasMessageContaining("missing required fields");
        assertThat(SourceParsers.parseParamSize("494.03M").getAsDouble()).isCloseTo(0.49403, within(1e-12));
        assertThat(SourceParsers.parseParamSize("unknown")).isEmpty();
    }

    @Test
    void anOllamaFailureFallsBackToTheApproximationWithANote() {
        ModelResolver.Resolution r = resolver(sources()).resolve("llama3.2:3b", ManualOverrides.NONE);
        assertThat(r.spec().source()).isEqualTo(ModelSource.REGISTRY_APPROX);
        assertThat(r.spec().registryAlias()).hasValue("llama3.2-3b");
        assertThat(r.notes()).anyMatch(n -> n.contains("Ollama has no model 'llama3.2:3b'"));
    }

    @Test
    void mixtureOfExpertsLatentAttentionAndSlidingWindowsFromConfigs() throws Exception {
        ModelSpec mixtral = SourceParsers.fromHfConfig("mistralai/Mixtral-8x7B-v0.1", Json.mapper().readTree("""
                {"num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8, "hidden_size": 4096,
                 "num_local_experts": 8, "num_experts_per_tok": 2, "intermediate_size": 14336}"""),
                OptionalDouble.of(46.7e9), REGISTRY);
        assertThat(mixtral.activeParamsB()).isCloseTo(12.9, within(0.1));
        ModelSpec deepseek = SourceParsers.fromHfConfig("deepseek-ai/DeepSeek-V3", Json.mapper().readTree("""
                {"num_hidden_layers": 61, "num_attention_heads": 128, "num_key_value_heads": 128, "hidden_size": 7168,
                 "n_routed_experts": 256, "num_experts_per_tok": 8, "moe_intermediate_size": 2048,
                 "first_k_dense_replace": 3, "kv_lora_rank": 512, "qk_rope_head_dim": 64}"""),
                OptionalDouble.of(671e9), REGISTRY);
        assertThat(deepseek.activeParamsB()).isCloseTo(37, within(1.0));
        assertThat(deepseek.kvElemsPerTokenPerLayer()).isEqualTo(576);
        ModelSpec dense = SourceParsers.fromHfConfig("org/dense-7b", Json.mapper().readTree("""
                {"num_hidden_layers": 32, "num_attention_heads": 32, "hidden_size": 4096, "intermediate_size": 11008,
                 "num_experts": 8}"""), OptionalDouble.of(7e9), REGISTRY);
        assertThat(dense.isMoe()).isFalse();
        assertThat(dense.moeIntermediateSize()).isEmpty();
        ModelSpec gemma = SourceParsers.fromHfConfig("google/gemma-3-12b-it", Json.mapper().readTree("""
                {"num_hidden_layers": 48, "num_attention_heads": 16, "num_key_value_heads": 8, "hidden_size": 3840,
                 "sliding_window": 1024, "sliding_window_pattern": 6}"""), OptionalDouble.of(12e9), REGISTRY);
        assertThat(gemma.dHead()).isEqualTo(240);
        assertThat(gemma.swaGlobalEvery()).isEqualTo(6);
        ModelSpec fiveTwo = SourceParsers.fromHfConfig("org/swa-1b", Json.mapper().readTree("""
                {"num_hidden_layers": 5, "num_attention_heads": 8, "hidden_size": 1024, "sliding_window": 512,
                 "layer_types": ["full_attention", "sliding_attention", "full_attention", "sliding_attention",
                                 "sliding_attention"]}"""), OptionalDouble.of(1e9), REGISTRY);
        assertThat(fiveTwo.swaGlobalEvery()).isEqualTo(2); // round(2.5) half to even
        ModelSpec mistral = SourceParsers.fromHfConfig("mistralai/Mistral-7B-v0.1", Json.mapper().readTree("""
                {"num_hidden_layers": 32, "num_attention_heads": 32, "num_key_value_heads": 8, "hidden_size": 4096,
                 "sliding_window": 4096}"""), OptionalDouble.of(7.2e9), REGISTRY);
        assertThat(mistral.slidingWindow()).hasValue(4096);
        assertThat(mistral.swaGlobalEvery()).isZero();
    }

    @Test
    void theCacheServesRepeatsAndExpiresAfterThirtyDays() throws IOException {
        serveQwen();
        Instant day = Instant.parse("2026-12-02T10:00:00Z");
        resolver(sources().clock(Clock.fixed(day, ZoneOffset.UTC))).resolve(QWEN, ManualOverrides.NONE);
        Path entry = cache.resolve("specs/qwen_qwen2.5-1.5b-instruct.json");
        assertThat(Files.readString(entry)).contains("\"_captured_at\": \"2026-12-02\"");
        int fetched = hub.seen.size();
        ModelSpec again = resolver(sources().clock(Clock.fixed(day.plus(Duration.ofDays(30)), ZoneOffset.UTC)))
                .resolve(QWEN, ManualOverrides.NONE).spec();
        assertThat(hub.seen).hasSize(fetched); // fresh: no request
        assertThat(again.paramsB()).isEqualTo(1.5437);
        resolver(sources().clock(Clock.fixed(day.plus(Duration.ofDays(31)), ZoneOffset.UTC)))
                .resolve(QWEN, ManualOverrides.NONE);
        assertThat(hub.seen.size()).isGreaterThan(fetched); // stale: fetched again
        Files.writeString(entry, "{ not json");
        assertThat(resolver(sources()).resolve(QWEN, ManualOverrides.NONE).spec().source()).isEqualTo(ModelSource.HF);
    }

    @Test
    void offlineNeverOpensASocket() {
        serveQwen();
        hub.answer("show:llama3.2:3b", HubFixture.Answer.json(LLAMA_SHOW));
        ModelResolver offline = resolver(sources().network(false));
        assertThat(offline.resolve(QWEN, ManualOverrides.NONE).spec().source()).isEqualTo(ModelSource.REGISTRY_APPROX);
        assertThatThrownBy(() -> offline.resolve("Qwen/Qwen2.5-7B-Instruct", ManualOverrides.NONE))
                .extracting(e -> ((ModelResolutionException) e).reason())
                .isEqualTo(ModelResolutionException.Reason.IDENTIFIER_UNRESOLVED);
        assertThat(offline.resolve("llama3.2:3b", ManualOverrides.NONE).spec().source())
                .isEqualTo(ModelSource.REGISTRY_APPROX);
        assertThat(hub.seen).isEmpty();
    }
}
