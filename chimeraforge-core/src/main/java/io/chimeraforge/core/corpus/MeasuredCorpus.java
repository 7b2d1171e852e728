package io.chimeraforge.core.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the measured corpus lives and which corpus a planner uses by default: the refit/measure
 * output {@code fitted_models.json} in the cache directory when present and readable, else the
 * bundled corpus. One rule for the SDK and the CLI, so both plan the same thing.
 *
 * <p>The cache directory is {@code $CHIMERAFORGE_CACHE}, else {@code ~/.cache/chimeraforge}.
 */
public final class MeasuredCorpus {

    /** The measured corpus's file name inside the cache directory. */
    public static final String FILE_NAME = "fitted_models.json";

    private static final Logger LOG = LoggerFactory.getLogger(MeasuredCorpus.class);

    private MeasuredCorpus() {
    }

    /**
     * The corpus chosen for a cache directory, and why.
     *
     * @param corpus       the measured corpus, or the bundled one
     * @param measuredFile the file read, when the measured corpus is in use
     * @param ignored      why a measured file that exists was not used (unreadable or invalid)
     */
    public record Selection(FittedModels corpus, Optional<Path> measuredFile, Optional<String> ignored) {
        /** Validates that no component is null. */
        public Selection {
            Objects.requireNonNull(corpus, "corpus");
            Objects.requireNonNull(measuredFile, "measuredFile");
            Objects.requireNonNull(ignored, "ignored");
        }
    }

    /** The process's cache directory: {@code $CHIMERAFORGE_CACHE} if set and not blank, else {@code ~/.cache/chimeraforge}. */
    public static Path defaultCacheDirectory() {
        return cacheDirectory(System.getenv("CHIMERAFORGE_CACHE"), Path.of(System.getProperty("user.home", ".")));
    }

    /**
     * The cache directory for a given environment: {@code chimeraforgeCache} (the value of
     * {@code $CHIMERAFORGE_CACHE}, may be null) if not blank, else {@code home/.cache/chimeraforge}.
     */
    public static Path cacheDirectory(String chimeraforgeCache, Path home) {
        if (chimeraforgeCache != null && !chimeraforgeCache.isBlank()) {
            return Path.of(chimeraforgeCache);
        }
        return Objects.requireNonNull(home, "home").resolve(".cache").resolve("chimeraforge");
    }

    /** The measured corpus file of a cache directory. */
    public static Path file(Path cacheDirectory) {
        return Objects.requireNonNull(cacheDirectory, "cacheDirectory").resolve(FILE_NAME);
    }

    /**
     * The measured corpus of a cache directory when it is a readable, valid file; else the
     * bundled corpus (an invalid file is logged and reported in {@link Selection#ignored()}).
     */
    public static Selection select(Path cacheDirectory) {
        Path file = file(cacheDirectory);
        if (!Files.isRegularFile(file)) {
            return new Selection(FittedModels.bundled(), Optional.empty(), Optional.empty());
        }
        try {
            return new Selection(FittedModels.read(file), Optional.of(file), Optional.empty());
        } catch (CorpusFileException e) {
            LOG.warn("ignoring the measured corpus: {}", e.getMessage());
            return new Selection(FittedModels.bundled(), Optional.empty(), Optional.of(e.getMessage()));
        }
    }
}
