package io.chimeraforge.planner.refit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.corpus.CorpusFileException;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.corpus.MeasuredCorpus;
import io.chimeraforge.core.estimate.PhysicsConstants;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Folds bench measurements back into the planner's corpus: measured throughput and service times
 * blended with the base by confidence ({@code w = min(1, runs / 50)}), quantization multipliers,
 * the size power law refitted by Levenberg–Marquardt, and the ten corpus checks.
 *
 * <pre>{@code
 * RefitOutcome outcome = Refit.builder()
 *         .results(Refit.readResults(List.of(Path.of("bench_results.json"))))
 *         .build()
 *         .run();
 * if (outcome.validation().passed()) {
 *     outcome.writeTo(Refit.defaultOutput(Compat.CORRECTED));   // the file the planner loads
 * }
 * }</pre>
 *
 * <p><b>Corrected behaviour (default)</b> differs from the reference (v0.30.0, {@link
 * Compat#REFERENCE}) where the reference loses information: results labelled with a GPU
 * ({@link BenchResult#hardware()}) other than the reference GPU are filed under that GPU
 * ({@code throughput.hardware_lookup}) instead of overwriting the reference GPU's figure; the power
 * law is written only when a fit exists and is reasonable (the reference writes its 100/0.5 start
 * values over the bundled fit); measured multipliers are blended like throughput and their sample
 * sizes reported; Ollama tags are filed under their registry name; the base defaults to the measured
 * corpus the planner loads, so successive refits accumulate; and one more check compares the fit on
 * the measured points with the base's.
 */
public final class Refit {

    private final Compat compat;
    private final List<BenchResult> results;
    private final Base base;
    private final ModelRegistry registry;
    private final GpuCatalog catalog;

    private record Base(ObjectNode tree) {
    }

    private Refit(Builder b) {
        this.compat = b.compat;
        this.results = List.copyOf(b.results);
        this.registry = b.registry != null ? b.registry : ModelRegistry.bundled();
        this.catalog = b.catalog != null ? b.catalog : GpuCatalog.bundled(compat);
        this.base = new Base(resolveBase(b));
    }

    /** A new builder: corrected behaviour, no results yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs the refit. Nothing is written. */
    public RefitOutcome run() {
        ObjectNode before = base.tree.deepCopy();
        RefitEngine.Outcome outcome = new RefitEngine(compat, registry, catalog).run(results, base.tree.deepCopy());
        String json = render(outcome.corpus());
        CorpusValidation validation = CorpusValidation.ofTree(outcome.corpus());
        if (compat != Compat.REFERENCE) {
            validation = validation.with(FitCheck.compare(outcome.points(), before, outcome.corpus(), registry,
                    catalog, PhysicsConstants.of(compat)));
        }
        return new RefitOutcome(json, outcome.summary(), validation, compat);
    }

    /**
     * The file a refit writes by default. Corrected: the measured corpus the planner loads
     * ({@link MeasuredCorpus#file} of the cache directory). Reference: the reference's per-user
     * data file ({@code $XDG_DATA_HOME/chimeraforge/fitted_models.json}, else
     * {@code ~/.local/share/chimeraforge/fitted_models.json}), which no planner reads.
     */
    public static Path defaultOutput(Compat compat) {
        return defaultOutput(compat, MeasuredCorpus.defaultCacheDirectory(), System.getenv("XDG_DATA_HOME"),
                Path.of(System.getProperty("user.home", ".")));
    }

    /** {@link #defaultOutput(Compat)} for a given cache directory and environment. */
    public static Path defaultOutput(Compat compat, Path cacheDirectory, String xdgDataHome, Path home) {
        if (Objects.requireNonNull(compat, "compat") != Compat.REFERENCE) {
            return MeasuredCorpus.file(cacheDirectory);
        }
        Path data = xdgDataHome != null && !xdgDataHome.isBlank() ? Path.of(xdgDataHome)
                : home.resolve(".local").resolve("share");
        return data.resolve("chimeraforge").resolve(MeasuredCorpus.FILE_NAME);
    }

    /**
     * Reads bench result files (each a JSON array of results or one result object), in order.
     *
     * @throws RefitException naming the first file that is missing, unreadable, not JSON or of the wrong shape
     */
    public static List<BenchResult> readResults(List<Path> files) {
        List<BenchResult> all = new ArrayList<>();
        for (Path file : files) {
            if (!Files.exists(file)) {
                throw new RefitException("bench file '" + file + "' not found.");
            }
            try {
                List<BenchResult> read = BenchResultFiles.read(file);
                all.addAll(read);
            } catch (NoSuchFileException e) {
                throw new RefitException("bench file '" + file + "' not found.", e);
            } catch (JacksonException e) {
                throw new RefitException("failed to read bench file(s): " + file + ": " + e.getOriginalMessage(), e);
            } catch (IOException | RuntimeException e) {
                throw new RefitException("failed to read bench file(s): " + file + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    /**
     * The result files of a directory: its {@code *.json} files, sorted by name (not recursive).
     *
     * @throws RefitException when the path is not a directory
     */
    public static List<Path> resultFilesIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new RefitException("'" + directory + "' is not a directory.");
        }
        try {
            return BenchResultFiles.filesIn(directory);
        } catch (IOException e) {
            throw new RefitException("cannot list '" + directory + "': " + e.getMessage(), e);
        }
    }

    private ObjectNode resolveBase(Builder b) {
        if (b.baseJson != null) {
            return parseBase(b.baseJson, b.baseOrigin);
        }
        if (b.baseFile != null) {
            FittedModels.read(b.baseFile); // validates, with the reader's messages
            try {
                return parseBase(Files.readString(b.baseFile), b.baseFile.toString());
            } catch (IOException e) {
                throw new RefitException("cannot read the base models file '" + b.baseFile + "': " + e.getMessage(), e);
            }
        }
        if (compat != Compat.REFERENCE && b.measuredCorpus) {
            Path cache = b.cacheDirectory != null ? b.cacheDirectory : MeasuredCorpus.defaultCacheDirectory();
            Path file = MeasuredCorpus.file(cache);
            if (Files.isRegularFile(file)) {
                try {
                    FittedModels.read(file);
                    return parseBase(Files.readString(file), file.toString());
                } catch (CorpusFileException e) {
                    throw new RefitException("the measured corpus cannot be refitted, it is invalid (" + e.getMessage()
                            + "); give a base corpus explicitly or move the file away", e);
                } catch (IOException e) {
                    throw new RefitException("cannot read the measured corpus '" + file + "': " + e.getMessage(), e);
                }
            }
        }
        String bundled = FittedModels.bundled().toJson();
        ObjectNode tree = parseBase(bundled, "the bundled corpus");
        if (compat == Compat.REFERENCE) {
            tree.remove("_provenance"); // v0.30.0's bundled file has no provenance block
        }
        return tree;
    }

    private static ObjectNode parseBase(String json, String origin) {
        FittedModels.parse(json, origin); // range and shape checks with the corpus reader's messages
        try {
            JsonNode node = Json.mapper().readTree(json);
            return (ObjectNode) node;
        } catch (IOException e) {
            throw new RefitException("invalid base models file '" + origin + "': " + e.getMessage(), e);
        }
    }

    /** A corpus document as a file holds it: two-space indent, numbers as Python prints them. */
    static String render(ObjectNode corpus) {
        java.io.StringWriter out = new java.io.StringWriter(corpus.size() * 1024);
        try (var generator = Json.pythonStyleGenerator(out)) {
            Json.writePyTree(generator, corpus);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /** Builds a {@link Refit}. */
    public static final class Builder {
        private Compat compat = Compat.CORRECTED;
        private final List<BenchResult> results = new ArrayList<>();
        private String baseJson;
        private String baseOrigin;
        private Path baseFile;
        private boolean measuredCorpus = true;
        private Path cacheDirectory;
        private ModelRegistry registry;
        private GpuCatalog catalog;

        private Builder() {
        }

        /** The behaviour to follow (default {@link Compat#CORRECTED}). */
        public Builder compat(Compat value) {
            this.compat = Objects.requireNonNull(value, "compat");
            return this;
        }

        /** Adds bench results to fold in. */
        public Builder results(List<BenchResult> values) {
            for (BenchResult r : Objects.requireNonNull(values, "results")) {
                results.add(Objects.requireNonNull(r, "result"));
            }
            return this;
        }

        /** The corpus to start from. */
        public Builder base(FittedModels corpus) {
            this.baseJson = Objects.requireNonNull(corpus, "base").toJson();
            this.baseOrigin = "the base corpus";
            this.baseFile = null;
            return this;
        }

        /** A {@code fitted_models.json} file to start from; sections the corpus types do not model are kept. */
        public Builder base(Path file) {
            this.baseFile = Objects.requireNonNull(file, "base");
            this.baseJson = null;
            return this;
        }

        /**
         * Whether a corrected refit with no explicit base starts from the measured corpus of the
         * cache directory when one exists (default true), so successive refits accumulate.
         */
        public Builder measuredCorpus(boolean value) {
            this.measuredCorpus = value;
            return this;
        }

        /** The cache directory holding the measured corpus (default {@link MeasuredCorpus#defaultCacheDirectory()}). */
        public Builder cacheDirectory(Path directory) {
            this.cacheDirectory = Objects.requireNonNull(directory, "cacheDirectory");
            return this;
        }

        /** The registry that names models (default: bundled). */
        public Builder registry(ModelRegistry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        /** The GPU catalog that resolves hardware labels (default: bundled, for the behaviour). */
        public Builder catalog(GpuCatalog value) {
            this.catalog = Objects.requireNonNull(value, "catalog");
            return this;
        }

        /**
         * Builds the refit, reading and checking the base corpus.
         *
         * @throws CorpusFileException when the base corpus is missing or invalid
         * @throws RefitException      when the measured corpus to start from is invalid
         */
        public Refit build() {
            return new Refit(this);
        }
    }
}
