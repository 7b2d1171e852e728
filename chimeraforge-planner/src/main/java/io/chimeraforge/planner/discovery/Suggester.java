package io.chimeraforge.planner.discovery;

import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.ManualOverrides;
import io.chimeraforge.planner.ModelResolutionException;
import io.chimeraforge.planner.ModelResolver;
import io.chimeraforge.planner.ModelSources;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.planner.Planner;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The inverse of planning: "what can I run on this GPU?". Collects model ids from the chosen
 * {@link DiscoverySource}s (a local Ollama's installed models, the Hugging Face Hub's most-downloaded
 * text-generation models, the local {@link Catalog}), resolves them, runs them all through one
 * gate search and keeps the cheapest fitting deployment per model.
 *
 * <pre>{@code
 * Suggester suggester = Suggester.builder(planner)
 *         .sources(EnumSet.of(DiscoverySource.CATALOG))
 *         .catalog(Catalog.read(Catalog.file(cacheRoot)))
 *         .build();
 * Suggestions s = suggester.suggest(PlanRequest.builder().hardware("RTX 4090 24GB").budgetUsdPerMonth(500).build());
 * }</pre>
 *
 * <p>The network is contacted only for the {@code OLLAMA} and {@code HF} sources (and by the
 * resolver for ids it cannot answer from the cache). The catalog source makes no call. Immutable and
 * thread-safe.
 */
public final class Suggester {

    /** How many Hub models are listed by default. */
    public static final int DEFAULT_HF_LIMIT = 8;
    /** The most Hub models one listing may ask for. */
    public static final int MAX_HF_LIMIT = 1000;

    private final Planner planner;
    private final ModelResolver resolver;
    private final Set<DiscoverySource> sources;
    private final URI hubUrl;
    private final URI ollamaUrl;
    private final int hfLimit;
    private final Catalog catalog;
    private final ModelListings listings;

    private Suggester(Builder b) {
        this.planner = b.planner;
        this.resolver = b.resolver == null ? b.planner.resolver() : b.resolver;
        this.sources = Set.copyOf(b.sources);
        this.hubUrl = b.hubUrl;
        this.ollamaUrl = b.ollamaUrl;
        this.hfLimit = b.hfLimit;
        this.catalog = b.catalog;
        this.listings = new ModelListings(b.timeout);
    }

    /** A builder over {@code planner}: catalog source only, an empty catalog, the planner's resolver. */
    public static Builder builder(Planner planner) {
        return new Builder(planner);
    }

    /**
     * Discovers, resolves and ranks. The request carries the constraints (GPU, rate, SLOs, quality,
     * budget, token counts); its own model choice must be empty, since the models are what is
     * being discovered.
     *
     * @throws io.chimeraforge.core.hardware.UnknownGpuException  when the GPU is not in the catalog (checked before any network call)
     * @throws io.chimeraforge.core.hardware.AmbiguousGpuException when a partial GPU name fits several GPUs
     * @throws DiscoveryException  when a live listing fails (unreachable, an error status, not the expected JSON)
     * @throws IllegalArgumentException when the request names models
     */
    public Suggestions suggest(PlanRequest constraints) {
        Objects.requireNonNull(constraints, "constraints");
        if (!constraints.models().isEmpty()) {
            throw new IllegalArgumentException("a suggestion request must not name models; they are discovered");
        }
        String hardware = planner.gpuCatalog().match(constraints.hardware()).gpu().name();
        List<String> discovered = new ArrayList<>(discover());
        Map<String, ModelSpec> specs = new LinkedHashMap<>();
        List<Unresolved> unresolved = new ArrayList<>();
        for (String id : discovered) {
            ModelSpec known = sources.contains(DiscoverySource.CATALOG) ? catalog.models().get(id) : null;
            if (known != null) {
                specs.put(id, known.withName(id));
                continue;
            }
            try {
                specs.put(id, resolver.resolve(id, ManualOverrides.NONE).spec().withName(id));
            } catch (ModelResolutionException e) {
                unresolved.add(new Unresolved(id, e.getMessage()));
            }
        }
        if (specs.isEmpty()) {
            return new Suggestions(hardware, sources, discovered, 0, List.of(), unresolved, List.of());
        }
        PlanRequest.Builder request = constraints.toBuilder();
        specs.values().forEach(request::model);
        PlanResult result = planner.plan(request.build());
        return new Suggestions(hardware, sources, discovered, specs.size(), bestPerModel(result.candidates()),
                unresolved, result.notes());
    }

    /** Ollama's ids, then the Hub's, then the catalog's, each id once. */
    private Set<String> discover() {
        Set<String> ids = new LinkedHashSet<>();
        if (sources.contains(DiscoverySource.OLLAMA)) {
            ids.addAll(listings.ollamaTags(ollamaUrl));
        }
        if (sources.contains(DiscoverySource.HF)) {
            ids.addAll(listings.hubTopModels(hubUrl, hfLimit));
        }
        if (sources.contains(DiscoverySource.CATALOG)) {
            ids.addAll(catalog.models().keySet());
        }
        return ids;
    }

    /** The first (cheapest) candidate of each model, keeping the cost order. */
    static List<Candidate> bestPerModel(List<Candidate> byCost) {
        Map<String, Candidate> first = new LinkedHashMap<>();
        for (Candidate c : byCost) {
            first.putIfAbsent(c.model(), c);
        }
        return List.copyOf(first.values());
    }

    /** Settings of {@link Suggester}. */
    public static final class Builder {
        private final Planner planner;
        private ModelResolver resolver;
        private Set<DiscoverySource> sources = EnumSet.of(DiscoverySource.CATALOG);
        private URI hubUrl = ModelSources.HUGGING_FACE;
        private URI ollamaUrl = ModelSources.DEFAULT_OLLAMA;
        private int hfLimit = DEFAULT_HF_LIMIT;
        private Catalog catalog = Catalog.empty();
        private Duration timeout = ModelSources.DEFAULT_TIMEOUT;

        private Builder(Planner planner) {
            this.planner = Objects.requireNonNull(planner, "planner");
        }

        /** How discovered ids become model facts; default the planner's (offline) resolver. */
        public Builder resolver(ModelResolver value) {
            resolver = Objects.requireNonNull(value, "resolver");
            return this;
        }

        /** Where to look, at least one. Default {@code {CATALOG}} (no network). */
        public Builder sources(Set<DiscoverySource> value) {
            Objects.requireNonNull(value, "sources");
            if (value.isEmpty()) {
                throw new IllegalArgumentException("at least one discovery source is needed (catalog, hf, ollama)");
            }
            sources = EnumSet.copyOf(value);
            return this;
        }

        /** The Hub (or a mirror) to list from. Default {@link ModelSources#HUGGING_FACE}. */
        public Builder hubUrl(URI value) {
            hubUrl = Objects.requireNonNull(value, "hubUrl");
            return this;
        }

        /** The Ollama server to list. Default {@link ModelSources#DEFAULT_OLLAMA}. */
        public Builder ollamaUrl(URI value) {
            ollamaUrl = Objects.requireNonNull(value, "ollamaUrl");
            return this;
        }

        /** How many Hub models to list, 1..{@value #MAX_HF_LIMIT}. Default {@value #DEFAULT_HF_LIMIT}. */
        public Builder hfLimit(int value) {
            if (value < 1 || value > MAX_HF_LIMIT) {
                throw new io.chimeraforge.core.InvalidSettingException("hfLimit", Integer.toString(value),
                        "1.." + MAX_HF_LIMIT);
            }
            hfLimit = value;
            return this;
        }

        /** The catalog the {@code CATALOG} source reads. Default empty. */
        public Builder catalog(Catalog value) {
            catalog = Objects.requireNonNull(value, "catalog");
            return this;
        }

        /** Time for one listing exchange, redirects and body included. Default 15 s. */
        public Builder timeout(Duration value) {
            timeout = io.chimeraforge.planner.internal.Timeouts.require(value);
            return this;
        }

        /** The suggester. */
        public Suggester build() {
            return new Suggester(this);
        }
    }
}
