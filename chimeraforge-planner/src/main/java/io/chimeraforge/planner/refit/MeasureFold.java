package io.chimeraforge.planner.refit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.corpus.CorpusFileException;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.corpus.MeasuredCorpus;
import io.chimeraforge.core.result.BenchResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Folds one live measurement ({@code chimeraforge measure}) into the measured corpus: the N=1
 * bench result goes through {@link Refit} (throughput row, service time, multipliers; hardware-keyed
 * in the corrected behaviour), then the measured concurrency scaling is recorded as
 * {@code scaling.serial_fractions["<model>|<backend>"]} with {@code scaling.fitted = true}, and the
 * corpus is stamped with {@code _chimeraforge_version}. Nothing is written until
 * {@link RefitOutcome#writeTo}.
 *
 * <pre>{@code
 * RefitOutcome outcome = MeasureFold.builder()
 *         .result(n1Result)                                     // the single-workload BenchResult
 *         .serialFraction(MeasureFold.serialFractionFromEta(0.82, 4))
 *         .cacheDirectory(MeasuredCorpus.defaultCacheDirectory())
 *         .build()
 *         .run();
 * outcome.writeTo(MeasuredCorpus.file(MeasuredCorpus.defaultCacheDirectory()));
 * }</pre>
 *
 * <p>The base is the measured corpus of the cache directory when it exists (so successive
 * measurements accumulate, in both behaviours), else the bundled corpus. The version stamp is an
 * extra top-level key, which the corpus reader ignores; the reference stamps it too.
 */
public final class MeasureFold {

    /** The top-level key naming the tool version that wrote the corpus. */
    public static final String VERSION_KEY = "_chimeraforge_version";

    private final Compat compat;
    private final BenchResult result;
    private final OptionalDouble serialFraction;
    private final Path cacheDirectory;
    private final String version;

    private MeasureFold(Builder b) {
        this.compat = b.compat;
        this.result = Objects.requireNonNull(b.result, "result (the N=1 bench result) is required");
        this.serialFraction = b.serialFraction;
        this.cacheDirectory = b.cacheDirectory != null ? b.cacheDirectory : MeasuredCorpus.defaultCacheDirectory();
        this.version = b.version;
    }

    /** A new builder: corrected behaviour, no scaling, the default cache directory. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The serial fraction {@code s} that makes the planner's scaling law
     * {@code eta(N) = 1 / (s + (1 − s)·N)} give the measured per-request efficiency at N:
     * {@code s = (N − 1/eta) / (N − 1)}, clamped to [0, 1]. 1.0 when {@code n <= 1} or
     * {@code eta <= 0} (nothing measurable), as the reference.
     */
    public static double serialFractionFromEta(double eta, int n) {
        if (n <= 1 || !(eta > 0)) {
            return 1.0;
        }
        double s = (n - 1.0 / eta) / (n - 1.0);
        return Math.max(0.0, Math.min(1.0, s));
    }

    /**
     * The corpus key a measurement's serial fraction is filed under: {@code <model>|<backend>},
     * with the model named as refit filed its throughput row (a registry name in the corrected
     * behaviour, e.g. {@code qwen2.5:0.5b} as {@code qwen2.5-0.5b}).
     */
    public static String scalingKey(RefitSummary summary, BenchResult result) {
        String model = summary.modelAliases().getOrDefault(result.model(), result.model());
        return model + "|" + result.backend();
    }

    /**
     * Runs the fold. Nothing is written.
     *
     * @throws RefitException when the measured corpus to start from is invalid or the result's
     *         hardware label is not a catalog GPU
     */
    public RefitOutcome run() {
        Refit.Builder refit = Refit.builder().compat(compat).results(List.of(result)).cacheDirectory(cacheDirectory);
        if (checkCorpus(cacheDirectory)) {
            // read explicitly in both behaviours: the reference refit starts from the bundled data,
            // measure from the corpus it is adding to
            refit.base(MeasuredCorpus.file(cacheDirectory));
        } else {
            refit.measuredCorpus(false);
        }
        RefitOutcome outcome = refit.build().run();
        ObjectNode tree;
        try {
            tree = (ObjectNode) Json.mapper().readTree(outcome.corpusJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (serialFraction.isPresent()) {
            ObjectNode scaling = RefitEngine.objectIn(tree, "scaling");
            RefitEngine.objectIn(scaling, "serial_fractions").put(scalingKey(outcome.summary(), result), serialFraction.getAsDouble());
            scaling.put("fitted", true);
        }
        if (version != null) {
            tree.put(VERSION_KEY, version);
        }
        return new RefitOutcome(Refit.render(tree), outcome.summary(), outcome.validation(), compat);
    }

    /**
     * Whether the cache directory holds a measured corpus to add to; checks it first, so a caller
     * can refuse before spending time on a measurement that could not be folded in.
     *
     * @throws RefitException when the measured corpus exists but is not a valid corpus
     */
    public static boolean checkCorpus(Path cacheDirectory) {
        Path corpus = MeasuredCorpus.file(Objects.requireNonNull(cacheDirectory, "cacheDirectory"));
        if (!Files.exists(corpus)) {
            return false;
        }
        try {
            FittedModels.read(corpus);
        } catch (CorpusFileException e) {
            throw new RefitException("the measured corpus cannot be updated, it is invalid (" + e.getMessage()
                    + "); move the file away to start again from the bundled corpus", e);
        }
        return true;
    }

    /** Builds a {@link MeasureFold}. */
    public static final class Builder {
        private Compat compat = Compat.CORRECTED;
        private BenchResult result;
        private OptionalDouble serialFraction = OptionalDouble.empty();
        private Path cacheDirectory;
        private String version;

        private Builder() {
        }

        /** The behaviour to follow (default {@link Compat#CORRECTED}). */
        public Builder compat(Compat value) {
            this.compat = Objects.requireNonNull(value, "compat");
            return this;
        }

        /**
         * The N=1 measurement (required): its model, backend and quantization label form the
         * corpus key; a {@code hardware} label files it under that GPU (corrected behaviour).
         */
        public Builder result(BenchResult value) {
            this.result = Objects.requireNonNull(value, "result");
            return this;
        }

        /** The measured serial fraction, in [0, 1] (default: scaling not measured, nothing recorded). */
        public Builder serialFraction(double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("serialFraction must be in [0, 1], got " + value);
            }
            this.serialFraction = OptionalDouble.of(value);
            return this;
        }

        /** The cache directory holding the measured corpus (default {@link MeasuredCorpus#defaultCacheDirectory()}). */
        public Builder cacheDirectory(Path value) {
            this.cacheDirectory = Objects.requireNonNull(value, "cacheDirectory");
            return this;
        }

        /** The version stamped as {@value #VERSION_KEY} (default: no stamp). */
        public Builder version(String value) {
            this.version = Objects.requireNonNull(value, "version");
            return this;
        }

        /** The fold. */
        public MeasureFold build() {
            return new MeasureFold(this);
        }
    }
}
