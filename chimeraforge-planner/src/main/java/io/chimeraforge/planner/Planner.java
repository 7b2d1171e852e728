package io.chimeraforge.planner;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.corpus.MeasuredCorpus;
import io.chimeraforge.core.estimate.PhysicsConstants;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.internal.SearchEngine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The capacity planner: searches model x quantization x serving backend x replicas (x tensor or
 * pipeline parallelism) on one GPU type, through the VRAM, quality, safety, format, throughput,
 * latency and budget gates, prices every survivor and ranks them.
 *
 * <pre>{@code
 * Planner planner = Planner.builder().build();          // bundled corpus and catalogs
 * PlanResult r = planner.plan(PlanRequest.builder()
 *         .modelSize("8b").hardware("RTX 4090 24GB").requestRate(2.0).build());
 * r.recommendation().ifPresent(c -> log.info("{} on {}", c.quant(), c.backend().id()));
 * }</pre>
 *
 * <p>By default a planner reproduces upstream's corrected physics ({@link Compat#CORRECTED});
 * {@code compat(Compat.REFERENCE)} reproduces chimeraforge v0.30.0 exactly. It uses the measured
 * corpus ({@code fitted_models.json} in the cache directory, see {@link MeasuredCorpus}) when one
 * is present, as {@code chimeraforge plan} does, else the bundled corpus.
 *
 * <p>A planner is immutable and thread-safe; build one at start-up and share it.
 */
public final class Planner {

    private final Compat compat;
    private final FittedModels corpus;
    private final Optional<String> corpusNote;
    private final GpuCatalog catalog;
    private final ModelRegistry registry;
    private final ModelResolver resolver;
    private final SearchEngine engine;

    private Planner(Builder b) {
        this.compat = b.compat;
        if (b.corpus != null) {
            this.corpus = b.corpus;
            this.corpusNote = Optional.empty();
        } else if (b.measuredCorpus) {
            MeasuredCorpus.Selection selection = MeasuredCorpus.select(
                    b.cacheDirectory != null ? b.cacheDirectory : MeasuredCorpus.defaultCacheDirectory());
            this.corpus = selection.corpus();
            this.corpusNote = selection.ignored().map(reason -> "ignoring the measured corpus: " + reason);
        } else {
            this.corpus = FittedModels.bundled();
            this.corpusNote = Optional.empty();
        }
        this.catalog = b.catalog != null ? b.catalog : GpuCatalog.bundled(compat);
        this.registry = b.registry;
        this.resolver = new ModelResolver(registry);
        this.engine = new SearchEngine(corpus, catalog, registry, PhysicsConstants.of(compat));
    }

    /** A builder with the bundled corpus, GPU catalog and model registry. */
    public static Builder builder() {
        return new Builder();
    }

    /** The behaviour this planner reproduces. */
    public Compat compat() {
        return compat;
    }

    /** The coefficient corpus in use. */
    public FittedModels corpus() {
        return corpus;
    }

    /**
     * Why a measured corpus that exists was not used (it did not read or validate), for the
     * caller to show; empty when the corpus in use is the one asked for.
     */
    public Optional<String> corpusNote() {
        return corpusNote;
    }

    /** The GPU catalog in use. */
    public GpuCatalog gpuCatalog() {
        return catalog;
    }

    /** The model registry in use. */
    public ModelRegistry modelRegistry() {
        return registry;
    }

    /** The model resolver this planner uses for identifiers without explicit facts. */
    public ModelResolver resolver() {
        return resolver;
    }

    /**
     * Plans a deployment. An empty candidate list is a valid answer: {@link PlanResult#whyNothingFit()}
     * says which gate stopped each model.
     *
     * @throws io.chimeraforge.core.hardware.UnknownGpuException when the GPU is not in the catalog
     * @throws io.chimeraforge.core.hardware.AmbiguousGpuException when a partial GPU name fits several GPU models
     *         (a partial name that resolves adds a line to {@link PlanResult#notes()})
     * @throws ModelResolutionException when a size class or model identifier cannot be resolved
     */
    public PlanResult plan(PlanRequest request) {
        Objects.requireNonNull(request, "request");
        GpuCatalog.Match match = catalog.match(request.hardware());
        Gpu gpu = match.gpu();
        List<String> notes = new ArrayList<>();
        match.note().ifPresent(notes::add);
        List<String> targets = request.models().isEmpty() ? resolver.sizeClass(request.modelSize())
                : request.models();
        Map<String, ModelSpec> specs = new LinkedHashMap<>();
        for (String id : targets) {
            ModelSpec spec = request.specs().get(id);
            if (spec == null) {
                ModelResolver.Resolution resolution = resolver.resolve(id, ManualOverrides.NONE);
                spec = resolution.spec();
                notes.addAll(resolution.notes());
            }
            specs.put(id, spec);
        }
        SearchEngine.Outcome outcome = engine.search(request, gpu, targets, specs);
        return new PlanResult(request, gpu, targets, outcome.candidates(), outcome.trace(), notes);
    }

    /**
     * Checks one fixed deployment against a workload: the call a service makes at start-up
     * ("can 2 x vLLM replicas of Llama-3.1-8B FP8 on H100 hold 40 req/s at p95 <= 2 s?").
     * Every gate is evaluated and reported with its numbers; the model choice of the request
     * (size class, explicit models) is ignored in favour of the deployment's model.
     *
     * @param workload   the workload, constraints and GPU ({@link PlanRequest#hardware()})
     * @param deployment the model, quantization, backend, replicas and parallelism to check
     * @throws io.chimeraforge.core.hardware.UnknownGpuException when the GPU is not in the catalog
     * @throws io.chimeraforge.core.hardware.AmbiguousGpuException when a partial GPU name fits several GPU models
     * @throws ModelResolutionException when the deployment's model cannot be resolved
     */
    public CapacityReport check(PlanRequest workload, Deployment deployment) {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(deployment, "deployment");
        Gpu gpu = catalog.require(workload.hardware());
        ModelSpec spec = deployment.spec()
                .orElseGet(() -> resolver.resolve(deployment.model(), ManualOverrides.NONE).spec());
        return engine.check(workload, gpu, deployment, spec);
    }

    /** Builder for {@link Planner}. */
    public static final class Builder {
        private Compat compat = Compat.defaults();
        private FittedModels corpus;
        private boolean measuredCorpus = true;
        private Path cacheDirectory;
        private GpuCatalog catalog;
        private ModelRegistry registry = ModelRegistry.bundled();

        private Builder() {
        }

        /**
         * Which behaviour to reproduce (default {@link Compat#CORRECTED}): the reference-rig
         * constants, MBU, GB-to-GiB at the capacity sites, the context guard and the provenance of
         * approximated models; and, unless {@link #gpuCatalog} is set, the matching bundled GPU table.
         */
        public Builder compat(Compat value) {
            this.compat = Objects.requireNonNull(value, "compat");
            return this;
        }

        /**
         * The coefficient corpus, used as given (default: the measured corpus of the cache
         * directory when present, else the bundled TR corpus).
         */
        public Builder corpus(FittedModels value) {
            this.corpus = Objects.requireNonNull(value, "corpus");
            return this;
        }

        /**
         * Whether to look for a measured corpus in the cache directory when no {@link #corpus} is
         * set (default true); false plans with the bundled corpus whatever the machine holds.
         */
        public Builder measuredCorpus(boolean value) {
            this.measuredCorpus = value;
            return this;
        }

        /**
         * The cache directory searched for {@code fitted_models.json} (default
         * {@link MeasuredCorpus#defaultCacheDirectory()}: {@code $CHIMERAFORGE_CACHE}, else
         * {@code ~/.cache/chimeraforge}).
         */
        public Builder cacheDirectory(Path value) {
            this.cacheDirectory = Objects.requireNonNull(value, "cacheDirectory");
            return this;
        }

        /** The GPU catalog (default: the bundled 22 GPUs as the chosen {@link #compat} has them). */
        public Builder gpuCatalog(GpuCatalog value) {
            this.catalog = Objects.requireNonNull(value, "gpuCatalog");
            return this;
        }

        /** The model registry (default: the bundled seven models). */
        public Builder modelRegistry(ModelRegistry value) {
            this.registry = Objects.requireNonNull(value, "modelRegistry");
            return this;
        }

        /** Builds the planner. */
        public Planner build() {
            return new Planner(this);
        }
    }
}
