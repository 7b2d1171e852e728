package io.chimeraforge.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Size classes (spec 1.4, section 8 item 52) and model resolution (spec 4.3, 4.4). */
class ModelResolverTest {

    private static final String HINT = "The registry holds: 0.49B, 1.24B, 1.54B, 2.78B, 3.09B, 3.21B, 8.03B. For"
            + " a model it does not carry, give its facts: PlanRequest.Builder.model(ModelSpec) with"
            + " ModelSpec.builder(id).paramsB(...).architecture(...).";

    private final ModelResolver resolver = new ModelResolver(ModelRegistry.bundled());

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
        "0.5b | qwen2.5-0.5b",
        "1b   | llama3.2-1b",
        "1.5b | llama3.2-1b, qwen2.5-1.5b",
        "2b   | llama3.2-1b, qwen2.5-1.5b, phi-2",
        "3b   | qwen2.5-1.5b, phi-2, qwen2.5-3b, llama3.2-3b",
        "4b   | phi-2, qwen2.5-3b, llama3.2-3b",
        "5b   | phi-2, qwen2.5-3b, llama3.2-3b",
        "7b   | llama3.1-8b",
        "8b   | llama3.1-8b",
        "12b  | llama3.1-8b",
        "16b  | llama3.1-8b",
        "3B   | qwen2.5-1.5b, phi-2, qwen2.5-3b, llama3.2-3b",
        "3    | qwen2.5-1.5b, phi-2, qwen2.5-3b, llama3.2-3b",
    })
    void sizeClasses(String size, String models) {
        assertThat(resolver.sizeClass(size)).containsExactlyElementsOf(List.of(models.split(",\\s*")));
    }

    @Test
    void sizeClassStripsPythonWhitespace() {
        assertThat(resolver.sizeClass(" 8b\t")).containsExactly("llama3.1-8b");
        assertThat(resolver.sizeClass("\u00a08B\u2003")).containsExactly("llama3.1-8b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0b", "0", "-1b"})
    void nonPositiveSizeClass(String size) {
        assertThatThrownBy(() -> resolver.sizeClass(size)).isInstanceOf(ModelResolutionException.class)
                .hasMessage("the model size class must be positive, got '" + size + "'. " + HINT)
                .satisfies(e -> assertThat(((ModelResolutionException) e).reason())
                        .isEqualTo(ModelResolutionException.Reason.SIZE_CLASS_NOT_POSITIVE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "banana", "3bb", "b"})
    void unparseableSizeClass(String size) {
        assertThatThrownBy(() -> resolver.sizeClass(size)).isInstanceOf(ModelResolutionException.class)
                .hasMessage("unrecognised model size class '" + size + "' (expected billions of parameters, e.g."
                        + " '8b'). " + HINT)
                .satisfies(e -> assertThat(((ModelResolutionException) e).input()).isEqualTo(size));
    }

    @ParameterizedTest
    @ValueSource(strings = {"17b", "30b", "70b", "100b", "405b", "0.1b"})
    void sizeClassOutsideTheRegistry(String size) {
        assertThatThrownBy(() -> resolver.sizeClass(size)).isInstanceOf(ModelResolutionException.class)
                .hasMessage("no registry model is within 50% of '" + size + "' (the registry spans 0.49B-8.03B). " + HINT)
                .hasMessageContaining("8.03B").hasMessageNotContaining("--");
    }

    @Test
    void sizeClassContents() {
        assertThat(resolver.sizeClass("1.5b")).contains("qwen2.5-1.5b");
        assertThat(resolver.sizeClass("3b")).contains("llama3.2-3b").doesNotContain("llama3.1-8b");
    }

    @Test
    void exactRegistryName() {
        ModelResolver.Resolution r = resolver.resolve("llama3.2-3b", ManualOverrides.NONE);
        assertThat(r.notes()).isEmpty();
        assertThat(r.spec()).isEqualTo(ModelRegistry.bundled().spec("llama3.2-3b").orElseThrow());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "llama3.2:3b, llama3.2-3b",
        "llama3.2:1b-instruct-q8_0, llama3.2-1b",
        "Qwen/Qwen2.5-1.5B-Instruct, qwen2.5-1.5b",
        "llama3.1:8b, llama3.1-8b",
        "phi3:mini, phi-2",
        "ollama:llama3.2:1b, llama3.2-1b",
    })
    void offlineApproximation(String id, String alias) {
        ModelResolver.Resolution r = resolver.resolve(id, ManualOverrides.NONE);
        ModelSpec spec = r.spec();
        ModelSpec registry = ModelRegistry.bundled().spec(alias).orElseThrow();
        assertThat(spec.name()).isEqualTo(id);
        assertThat(spec.source()).isEqualTo(ModelSource.REGISTRY_APPROX);
        assertThat(spec.registryAlias()).contains(alias);
        assertThat(spec.paramsB()).isEqualTo(registry.paramsB());
        assertThat(spec.architecture()).isEqualTo(registry.architecture());
        assertThat(spec.family()).isEqualTo(registry.family());
        assertThat(r.notes()).hasSize(1);
        assertThat(r.notes().get(0)).contains(id).contains(alias);
    }

    @Test
    void approximationKeepsTheQuantAndVariantOfTheIdentifier() {
        ModelSpec spec = resolver.resolve("llama3.2:1b-instruct-q8_0", ManualOverrides.NONE).spec();
        assertThat(spec.nativeQuant()).contains("Q8_0");
        assertThat(spec.variant()).contains("instruct");
    }

    @ParameterizedTest
    @ValueSource(strings = {"qwen2.5:7b", "mistral:7b", "Qwen/Qwen2.5-7B-Instruct", "acme/unknown",
        "meta-llama/Llama-3.1-405B", "llama3.1:70b", "phi4:14b"})
    void unresolvableIdentifiersAreRefusedNamingTheBuilderSettings(String id) {
        assertThatThrownBy(() -> resolver.resolve(id, ManualOverrides.NONE))
                .isInstanceOf(ModelResolutionException.class)
                .hasMessageStartingWith("could not resolve '" + id + "' offline")
                .hasMessageContaining("ModelSpec.builder(id).paramsB(...)")
                .hasMessageNotContaining("--")
                .satisfies(e -> assertThat(((ModelResolutionException) e).reason())
                        .isEqualTo(ModelResolutionException.Reason.IDENTIFIER_UNRESOLVED));
    }

    @Test
    void theSdkNeverPlansAModelOfAnotherSize() {
        // issue 10 item 15: the 405B used to be planned as the 8B registry model (vram 4.55 GB), exit 0
        for (String id : List.of("meta-llama/Llama-3.1-405B", "llama3.1:70b")) {
            assertThatThrownBy(() -> Plans.PLANNER.plan(PlanRequest.builder().model(id).hardware("RTX 4090 24GB")
                    .budgetUsdPerMonth(1e9).qualityTarget(0).build()))
                    .as(id).isInstanceOf(ModelResolutionException.class);
        }
        ModelSpec facts = ModelSpec.builder("llama3.1:70b").paramsB(70.55).architecture(80, 8, 128)
                .hiddenSize(8192).build();
        PlanResult given = Plans.PLANNER.plan(PlanRequest.builder().model(facts).hardware("H100 80GB")
                .tensorParallel(Parallelism.AUTO).budgetUsdPerMonth(1e9).qualityTarget(0).build());
        assertThat(given.candidates()).isNotEmpty().allMatch(c -> c.paramsB() == 70.55);
    }

    @Test
    void completeManualOverridesWin() {
        ManualOverrides overrides = ManualOverrides.builder().paramsB(7.25).nLayers(32).nKvHeads(8).dHead(128).hiddenSize(4096).build();
        ModelResolver.Resolution r = resolver.resolve("mistralai/Mistral-7B-Instruct-v0.3", overrides);
        ModelSpec spec = r.spec();
        assertThat(r.notes()).isEmpty();
        assertThat(spec.source()).isEqualTo(ModelSource.MANUAL);
        assertThat(spec.paramsB()).isEqualTo(7.25);
        assertThat(spec.nLayers()).isEqualTo(32);
        assertThat(spec.nKvHeads()).isEqualTo(8);
        assertThat(spec.dHead()).isEqualTo(128);
        assertThat(spec.hiddenSize()).hasValue(4096);
        assertThat(spec.family()).contains("mistral");
        assertThat(spec.variant()).contains("instruct");
        assertThat(spec.registryAlias()).isEmpty();

        // overrides win even over a registry name
        ModelSpec overridden = resolver.resolve("llama3.1-8b", ManualOverrides.builder().paramsB(8.03).nLayers(32).nKvHeads(8)
                .dHead(128).hiddenSize(4096).build()).spec();
        assertThat(overridden.source()).isEqualTo(ModelSource.MANUAL);
        assertThat(overridden.hiddenSize()).hasValue(4096);
    }

    @Test
    void incompleteOverridesAreIgnoredForResolution() {
        ManualOverrides partial = ManualOverrides.builder().paramsB(7.0).build();
        assertThat(partial.any()).isTrue();
        assertThat(partial.complete()).isFalse();
        assertThat(resolver.resolve("llama3.2-3b", partial).spec().source()).isEqualTo(ModelSource.REGISTRY);
        assertThat(ManualOverrides.NONE.any()).isFalse();
        assertThat(ManualOverrides.builder().hiddenSize(4096).build().any()).isTrue();
    }

    @Test
    void plannerResolvesExplicitIdentifiersAndSizeClasses() {
        PlanResult approx = Plans.PLANNER.plan(PlanRequest.builder().model("llama3.2:1b-instruct-q8_0")
                .budgetUsdPerMonth(1000).qualityTarget(0).build());
        assertThat(approx.candidates()).isNotEmpty().allMatch(c -> c.quant().equals("Q8_0"));
        assertThat(approx.notes()).hasSize(1);
        assertThatThrownBy(() -> Plans.PLANNER.plan(PlanRequest.builder().modelSize("70b").build()))
                .isInstanceOf(ModelResolutionException.class).hasMessageContaining("within 50%");
        assertThatThrownBy(() -> Plans.PLANNER.plan(PlanRequest.builder().model("qwen2.5:7b").build()))
                .isInstanceOf(ModelResolutionException.class).hasMessageStartingWith("could not resolve 'qwen2.5:7b'");
    }
}
