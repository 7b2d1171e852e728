package io.chimeraforge.planner.refit;

import io.chimeraforge.core.AtomicFiles;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.corpus.FittedModels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A refitted corpus with its summary and validation. Nothing is written until {@link #writeTo}.
 *
 * @param corpusJson the new {@code fitted_models.json} document
 * @param summary    what changed
 * @param validation the corpus checks (the reference's ten; the corrected behaviour adds one
 *                   comparing the fit on the measured points with the base's)
 * @param compat     the behaviour the refit followed
 */
public record RefitOutcome(String corpusJson, RefitSummary summary, CorpusValidation validation, Compat compat) {

    /** The suffix of the backup a write keeps of the file it replaces. */
    public static final String BACKUP_SUFFIX = ".bak";

    public RefitOutcome {
        Objects.requireNonNull(corpusJson, "corpusJson");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(compat, "compat");
    }

    /**
     * The new corpus as the planner reads it.
     *
     * @throws io.chimeraforge.core.corpus.CorpusFileException when the refit produced values the
     *         planner refuses (possible under the reference behaviour, which writes any fit)
     */
    public FittedModels corpus() {
        return FittedModels.parse(corpusJson, "refit");
    }

    /**
     * Writes the corpus atomically: the new file appears whole or not at all. A file it replaces is
     * first copied to {@code <file>.bak} (itself written atomically), so the previous corpus can be
     * restored.
     *
     * @return the backup written, if a file was replaced
     * @throws RefitException when the file cannot be written; the previous file is then unchanged
     */
    public Optional<Path> writeTo(Path file) {
        return writeTo(file, UnaryOperator.identity());
    }

    /** {@link #writeTo(Path)} with the output stream wrapped (tests inject failures). */
    Optional<Path> writeTo(Path file, UnaryOperator<OutputStream> wrap) {
        Objects.requireNonNull(file, "file");
        Optional<Path> backup = Optional.empty();
        try {
            Path target = AtomicFiles.resolveTarget(file);
            if (Files.isRegularFile(target)) {
                Path copy = target.resolveSibling(target.getFileName() + BACKUP_SUFFIX);
                AtomicFiles.write(copy, Files.readAllBytes(target));
                backup = Optional.of(copy);
            }
            byte[] bytes = corpusJson.getBytes(StandardCharsets.UTF_8);
            AtomicFiles.write(file, out -> {
                OutputStream wrapped = wrap.apply(out);
                wrapped.write(bytes);
                wrapped.flush();
            });
        } catch (IOException e) {
            throw new RefitException("could not write the corpus to '" + file + "': " + AtomicFiles.reason(e), e);
        }
        return backup;
    }
}
