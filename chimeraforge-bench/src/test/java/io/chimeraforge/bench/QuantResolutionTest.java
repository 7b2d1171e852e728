package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Quant levels resolved to tags from the mock's scripted {@code /api/tags}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class QuantResolutionTest {

    private static final List<String> TAGS = List.of("llama3.2:1b", "llama3.2:1b-instruct-q4_K_M",
            "llama3.2:1b-instruct-q8_0", "llama3.2:3b-instruct-q6_K");

    private static MockLlmServer server() {
        return MockLlmServer.builder().models(TAGS).strictModels(true)
                .script(Script.builder().ttft(Duration.ZERO).interTokenGap(Duration.ZERO).outputTokens(4).build())
                .start();
    }

    private static BenchConfig.Builder base(MockLlmServer s) {
        return BenchConfig.builder().model("llama3.2:1b").baseUrl(s.baseUrl()).runs(2).warmupRequests(0);
    }

    @Test
    void requestedLevelsBenchmarkTheirOwnTags() {
        try (MockLlmServer s = server()) {
            List<BenchResult> rs = BenchRunner.builder(base(s).quantLevels(List.of("q8_0", "Q4_K_M")).build())
                    .captureGpu(false).build().run().results();
            assertThat(rs).extracting(r -> r.quant().orElseThrow()).containsExactly("Q8_0", "Q4_K_M");
            assertThat(rs).extracting(BenchResult::model)
                    .containsExactly("llama3.2:1b-instruct-q8_0", "llama3.2:1b-instruct-q4_K_M");
            assertThat(rs).allSatisfy(r -> assertThat(r.aggregate().count()).isEqualTo(2));
            List<String> bodies = s.servedRequests().stream().filter(r -> r.generationIndex() >= 0)
                    .map(r -> r.body()).toList();
            assertThat(bodies).hasSize(4);
            assertThat(bodies.subList(0, 2)).allSatisfy(b -> assertThat(b).contains("\"llama3.2:1b-instruct-q8_0\""));
            assertThat(bodies.subList(2, 4)).allSatisfy(b -> assertThat(b).contains("\"llama3.2:1b-instruct-q4_K_M\""));
        }
    }

    @Test
    void allLevelsAreEveryQuantTheServerHasForTheModel() {
        try (MockLlmServer s = server()) {
            List<BenchResult> rs = BenchRunner.builder(base(s).allServerQuants(true).build()).captureGpu(false).build().run().results();
            // the 3b tag is another model; the untagged 1b has no quant suffix
            assertThat(rs).extracting(r -> r.quant().orElseThrow()).containsExactly("Q8_0", "Q4_K_M");
        }
    }

    @Test
    void aMissingLevelFailsBeforeAnyLoadNamingTheLevel() {
        try (MockLlmServer s = server()) {
            assertThatThrownBy(() -> BenchRunner.builder(base(s).quantLevels(List.of("Q4_K_M", "Q6_K", "FP16")).build())
                    .captureGpu(false).build().run())
                    .isInstanceOfSatisfying(BenchException.class,
                            e -> assertThat(e.kind()).isEqualTo(BenchException.Kind.PREFLIGHT))
                    .hasMessage("Quant level(s) not available for llama3.2:1b at " + s.baseUrl()
                            + ": Q6_K, FP16 (available: Q8_0, Q4_K_M)");
            assertThat(s.generationRequests()).isZero();
        }
    }

    @Test
    void aModelWithNoQuantizedTagsFailsLoud() {
        try (MockLlmServer s = server()) {
            assertThatThrownBy(() -> BenchRunner.builder(BenchConfig.builder().model("qwen2.5").baseUrl(s.baseUrl())
                    .allServerQuants(true).runs(1).build()).captureGpu(false).build().run())
                    .isInstanceOf(BenchException.class).hasMessageStartingWith("No quantized tags of qwen2.5 at ");
            assertThat(s.generationRequests()).isZero();
        }
    }

    @Test
    void settingsThatCannotBeCombinedAreRejected() {
        assertThatThrownBy(() -> BenchConfig.builder().model("m").allServerQuants(true).quantLevels(List.of("Q8_0")).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BenchConfig.builder().model("m").quantLevels(List.of("Q8_0"))
                .quantTags(java.util.Map.of("Q4_K_M", "m:q4")).build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BenchConfig.builder().model("m").backend(Backend.VLLM).allServerQuants(true).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/api/tags");
        assertThatThrownBy(() -> BenchConfig.builder().quantLevels(List.of("Q9_Z")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Q9_Z");
        assertThatThrownBy(() -> BenchConfig.builder().baselineTps(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("baselineTps");
    }
}
