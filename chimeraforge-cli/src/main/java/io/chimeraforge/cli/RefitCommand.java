package io.chimeraforge.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.cli.internal.RefitText;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.corpus.MeasuredCorpus;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.planner.refit.Refit;
import io.chimeraforge.planner.refit.RefitOutcome;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chimeraforge refit}: fold bench results into the planner's corpus. */
@Command(name = "refit", sortOptions = false, usageHelpAutoWidth = true,
        description = "Fold bench measurements into the planner's corpus (throughput, quantization multipliers,"
                + " service times, size power law) and check it. By default the result is the measured corpus"
                + " plan, suggest and mcp load.")
final class RefitCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    RefitCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Option(names = {"--bench-dir", "-d"}, paramLabel = "DIR", description = "Directory of bench result files (*.json).")
    Path benchDir;
    @Option(names = {"--bench-files", "-f"}, paramLabel = "FILES", description = "Bench result file(s), comma-separated.")
    String benchFiles;
    @Option(names = "--base-models", paramLabel = "FILE",
            description = "Corpus to start from (default: the measured corpus if there is one, else the bundled"
                    + " corpus; reference: the bundled corpus).")
    Path baseModels;
    @Option(names = {"--output", "-o"}, paramLabel = "FILE",
            description = "Where to write the corpus (default: the measured corpus, $CHIMERAFORGE_CACHE/"
                    + "fitted_models.json or ~/.cache/chimeraforge/fitted_models.json; the replaced file is kept"
                    + " as .bak).")
    Path output;
    @Option(names = "--compat", defaultValue = "corrected", converter = WorkloadCommand.CompatConverter.class,
            description = "'corrected' (default) or 'reference' (chimeraforge 0.30 exactly: no hardware rows,"
                    + " power law reset to 100/0.5 when not fitted, written to the per-user data directory).")
    Compat compat;
    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;
    @Option(names = "--validate", description = "Check the corpus first; refuse to write one that fails a check.")
    boolean validate;
    @Mixin
    StandardOptions standard = new StandardOptions();

    @Override
    public Integer call() {
        List<Path> files = new ResultFileArgs(d -> "--bench-dir '" + d + "' is not a directory.",
                d -> "--bench-dir '" + d + "' holds no bench result files (*.json).",
                f -> "bench file '" + f + "' not found.", "provide --bench-dir or --bench-files.")
                .collect(benchDir, benchFiles);
        List<BenchResult> results = Refit.readResults(files);
        if (results.isEmpty()) {
            throw new CliException("no bench results in " + (files.size() == 1 ? "'" + files.get(0) + "'"
                    : files.size() + " files") + ": nothing to refit.");
        }
        Refit.Builder builder = Refit.builder().compat(compat).results(results).cacheDirectory(environment.cacheDirectory());
        if (baseModels != null) {
            builder.base(baseModels);
        }
        RefitOutcome outcome = builder.build().run();
        Path target = output != null ? output : Refit.defaultOutput(compat, environment.cacheDirectory(),
                environment.variable("XDG_DATA_HOME").orElse(null), environment.home());
        boolean reference = compat == Compat.REFERENCE;

        if (validate && !outcome.validation().passed()) {
            if (json) {
                environment.out().println(reference ? outcome.validation().toJson() : document(outcome, null, null));
            } else {
                RefitText.printValidation(environment.out(), outcome.validation());
            }
            (reference ? environment.out() : environment.err()).println("Validation failed -- refit NOT saved.");
            return 1;
        }
        Optional<Path> backup = outcome.writeTo(target);
        if (json) {
            if (reference) {
                environment.out().println(outcome.summary().toJson(compat));
                if (validate) {
                    environment.out().println(outcome.validation().toJson()); // the reference's second document
                }
            } else {
                environment.out().println(document(outcome, target, backup.orElse(null)));
            }
        } else {
            RefitText.printSummary(environment.out(), outcome.summary(), target, notes(target, backup));
            if (validate) {
                RefitText.printValidation(environment.out(), outcome.validation());
            }
        }
        return 0;
    }

    private List<String> notes(Path target, Optional<Path> backup) {
        List<String> notes = new ArrayList<>();
        backup.ifPresent(b -> notes.add("Previous corpus kept as: " + b));
        if (compat != Compat.REFERENCE) {
            Path measured = MeasuredCorpus.file(environment.cacheDirectory());
            if (target.toAbsolutePath().normalize().equals(measured.toAbsolutePath().normalize())) {
                notes.add("plan, suggest and mcp now use this corpus.");
            } else {
                notes.add("The planner loads " + measured + " by default; plan with --models-path " + target
                        + " to use this one.");
            }
        }
        return notes;
    }

    /** The corrected behaviour's one JSON document. */
    private static String document(RefitOutcome outcome, Path written, Path backup) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.pythonStyleGenerator(text)) {
            out.writeStartObject();
            out.writeFieldName("summary");
            outcome.summary().write(out, outcome.compat());
            out.writeFieldName("validation");
            outcome.validation().write(out);
            out.writeStringField("written", written == null ? null : written.toString());
            out.writeStringField("backup", backup == null ? null : backup.toString());
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
