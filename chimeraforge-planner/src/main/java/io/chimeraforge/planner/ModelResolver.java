package io.chimeraforge.planner;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.model.ModelIdentity;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.model.RegistryModel;
import io.chimeraforge.core.PyFloat;
import io.chimeraforge.core.PyStrings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Turns what the user named — a size class or model identifiers — into model facts. In order:
 * complete manual overrides; an exact registry name; the spec cache; with network sources
 * enabled, a Hugging Face repository's {@code config.json} ({@code org/name}) or a local Ollama's
 * {@code /api/show} ({@code name:tag}); then an offline approximation to the registry model of the
 * same family and size (a model of another size is never substituted).
 *
 * <p>{@code new ModelResolver(registry)} is offline. {@link #builder} adds the network sources
 * and the cache; an embedding service enables them explicitly, so no start-up check calls out
 * unasked. Thread-safe.
 */
public final class ModelResolver {

    private static final java.util.regex.Pattern HF_REPO = java.util.regex.Pattern.compile("[\\w.-]+/[\\w.-]+",
            java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);

    private final ModelRegistry registry;
    private final java.util.Optional<ModelSources> sources;

    /** An offline resolver over the given registry. */
    public ModelResolver(ModelRegistry registry) {
        this(registry, java.util.Optional.empty());
    }

    private ModelResolver(ModelRegistry registry, java.util.Optional<ModelSources> sources) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.sources = sources;
    }

    /** A resolver over {@code registry} that also consults {@code sources} (network and cache). */
    public static ModelResolver withSources(ModelRegistry registry, ModelSources sources) {
        return new ModelResolver(registry, java.util.Optional.of(Objects.requireNonNull(sources, "sources")));
    }

    /**
     * A resolved model and any diagnostic worth showing the user (such as an approximation).
     *
     * @param spec  the model facts
     * @param notes human-readable notes, empty when the resolution was exact
     */
    public record Resolution(ModelSpec spec, List<String> notes) {
        public Resolution {
            Objects.requireNonNull(spec, "spec");
            notes = List.copyOf(notes);
        }
    }

    /**
     * The registry models within 50% of a size class such as {@code "8b"}, in registry order.
     *
     * @throws ModelResolutionException when the class does not parse, is not positive, or matches nothing
     */
    public List<String> sizeClass(String modelSize) {
        String text = PyStrings.strip(modelSize).toLowerCase(Locale.ROOT);
        if (text.endsWith("b")) {
            text = text.substring(0, text.length() - 1);
        }
        OptionalDouble parsed = PyFloat.parse(text);
        if (parsed.isEmpty()) {
            throw new ModelResolutionException(ModelResolutionException.Reason.SIZE_CLASS_UNRECOGNISED, modelSize,
                    "unrecognised model size class '" + modelSize + "' (expected billions of parameters, e.g. '8b'). "
                    + hint());
        }
        double wanted = parsed.getAsDouble();
        if (wanted <= 0) {
            throw new ModelResolutionException(ModelResolutionException.Reason.SIZE_CLASS_NOT_POSITIVE, modelSize,
                    "the model size class must be positive, got '" + modelSize + "'. " + hint());
        }
        List<String> matches = new ArrayList<>();
        for (RegistryModel model : registry.all()) {
            if (Math.abs(model.paramsB() - wanted) / wanted < 0.5) {
                matches.add(model.name());
            }
        }
        if (matches.isEmpty()) {
            throw new ModelResolutionException(ModelResolutionException.Reason.SIZE_CLASS_NO_MATCH, modelSize,
                    "no registry model is within 50% of '" + modelSize + "' (the registry spans " + registrySpan()
                    + "). " + hint());
        }
        return matches;
    }

    private List<RegistryModel> sortedBySize() {
        List<RegistryModel> bySize = new ArrayList<>(registry.all());
        bySize.sort(Comparator.comparingDouble(RegistryModel::paramsB));
        return bySize;
    }

    /** The registry's smallest and largest model, e.g. {@code 0.49B-8.03B}. */
    public String registrySpan() {
        List<RegistryModel> bySize = sortedBySize();
        return PyNumbers.fixed(bySize.get(0).paramsB(), 2) + "B-"
                + PyNumbers.fixed(bySize.get(bySize.size() - 1).paramsB(), 2) + "B";
    }

    /** The registry's model sizes, smallest first, e.g. {@code 0.49B, 1.24B, …}. */
    public String registrySizes() {
        StringBuilder sizes = new StringBuilder();
        for (RegistryModel model : sortedBySize()) {
            if (sizes.length() > 0) {
                sizes.append(", ");
            }
            sizes.append(PyNumbers.fixed(model.paramsB(), 2)).append('B');
        }
        return sizes.toString();
    }

    private String hint() {
        return "The registry holds: " + registrySizes() + ". For a model it does not carry, give its facts:"
                + " PlanRequest.Builder.model(ModelSpec) with ModelSpec.builder(id).paramsB(...).architecture(...).";
    }

    /**
     * Resolves one identifier: complete manual overrides win; then an exact registry name; then an
     * offline approximation to the registry model of the same family and nearest size.
     *
     * @throws ModelResolutionException when nothing resolves
     */
    public Resolution resolve(String id, ManualOverrides overrides) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(overrides, "overrides");
        if (overrides.complete()) {
            ModelSpec.Builder spec = ModelSpec.builder(id)
                    .paramsB(overrides.paramsB().getAsDouble())
                    .architecture(overrides.nLayers().getAsInt(), overrides.nKvHeads().getAsInt(),
                            overrides.dHead().getAsInt())
                    .family(ModelIdentity.parseFamily(id, registry).orElse(null))
                    .variant(ModelIdentity.parseVariant(id).orElse(null))
                    .nativeQuant(ModelIdentity.parseQuant(id).orElse(null))
                    .source(ModelSource.MANUAL);
            overrides.hiddenSize().ifPresent(spec::hiddenSize);
            return new Resolution(spec.build(), List.of());
        }
        if (registry.contains(id)) {
            return new Resolution(registry.spec(id).orElseThrow(), List.of());
        }
        List<String> notes = new ArrayList<>();
        if (sources.isPresent()) {
            java.util.Optional<ModelSpec> found = sources.get().resolve(id, registry, isHfRepo(id), isOllama(id), notes);
            if (found.isPresent()) {
                return new Resolution(found.get(), notes);
            }
        }
        if (!notes.isEmpty() && ModelIdentity.approximate(id, registry).isEmpty()) {
            // a live source failed and nothing offline fits: say what the source said, in one line
            throw new ModelResolutionException(ModelResolutionException.Reason.SOURCE_FAILED, id, "could not resolve '"
                    + id + "': " + String.join("; ", notes).replace("; falling back to the offline approximation", "")
                    + ", and no registry model of its family and size matches offline.");
        }
        RegistryModel approximate = ModelIdentity.approximate(id, registry).orElseThrow(() ->
                new ModelResolutionException(ModelResolutionException.Reason.IDENTIFIER_UNRESOLVED, id,
                        "could not resolve '" + id + "' offline: it is not a registry name and no registry model of"
                        + " its family and size matches (a model of another size is never substituted). Give its"
                        + " facts: ModelSpec.builder(id).paramsB(...).architecture(nLayers, nKvHeads, dHead), or"
                        + " complete ManualOverrides."));
        ModelSpec base = registry.spec(approximate.name()).orElseThrow();
        ModelSpec spec = base.toBuilder()
                .source(ModelSource.REGISTRY_APPROX)
                .registryAlias(approximate.name())
                .nativeQuant(ModelIdentity.parseQuant(id).orElse(null))
                .variant(ModelIdentity.parseVariant(id).orElse(null))
                .build();
        notes.add("approximated '" + id + "' -> registry model '" + approximate.name() + "'");
        return new Resolution(spec.withName(id), notes);
    }

    /** {@code org/name} without a colon: a Hugging Face repository. */
    static boolean isHfRepo(String id) {
        return HF_REPO.matcher(id).matches() && !id.contains(":");
    }

    /** {@code ollama:…} or {@code name:tag}: an Ollama model (or any id when an Ollama URL was given). */
    private boolean isOllama(String id) {
        return id.startsWith("ollama:") || id.contains(":") || sources.flatMap(ModelSources::ollamaUrl).isPresent();
    }
}
