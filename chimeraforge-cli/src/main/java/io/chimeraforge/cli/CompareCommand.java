package io.chimeraforge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.report.CompareOptions;
import io.chimeraforge.report.Comparison;
import io.chimeraforge.report.ComparisonException;
import io.chimeraforge.cli.internal.CompareText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code chimeraforge compare}: compare a baseline bench result file with candidate files. */
@Command(name = "compare", sortOptions = false, usageHelpAutoWidth = true,
        description = "Compare bench results: for every configuration in both the baseline and the candidates,"
                + " the change in throughput, TTFT and duration.")
final class CompareCommand implements Callable<Integer> {

    private static final String READ_ERROR = "failed to read result file(s): ";

    private final CliEnvironment environment;

    CompareCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Option(names = {"--baseline", "-b"}, required = true, paramLabel = "FILE",
            description = "Baseline bench result file (JSON).")
    String baseline;
    @Option(names = {"--candidate", "-c"}, required = true, paramLabel = "FILES",
            description = "Candidate bench result file(s), comma-separated; pooled, the first result of a"
                    + " configuration counts.")
    String candidate;
    @Option(names = "--compat", defaultValue = "corrected", converter = WorkloadCommand.CompatConverter.class,
            description = "'corrected' (default: fields kept from the results, TTFT -1 not compared, unmatched"
                    + " configurations counted) or 'reference' (chimeraforge 0.30 exactly).")
    Compat compat;
    @Option(names = "--confidence", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Confidence level of the per-delta intervals from per-request data (default: ${DEFAULT-VALUE}).")
    double confidence;
    @Option(names = "--threshold", defaultValue = "0", paramLabel = "PCT",
            description = "Noise band in percent: smaller changes are never called improvements or regressions"
                    + " (default: ${DEFAULT-VALUE}).")
    double threshold;
    @Option(names = "--fail-on-regression", description = "Exit 3 when any configuration regressed significantly"
            + " (for CI gates).")
    boolean failOnRegression;
    @Option(names = "--json", description = "Print the comparison as one JSON document.")
    boolean json;
    @Mixin
    StandardOptions standard = new StandardOptions();

    /** Exit code of {@code --fail-on-regression} when a regression was found. */
    static final int REGRESSION_EXIT = 3;

    @Override
    public Integer call() {
        CompareOptions options;
        try {
            options = CompareOptions.defaults().withCompat(compat).withConfidence(confidence);
        } catch (IllegalArgumentException e) {
            throw new CliException("--confidence must be between 0 and 1 (exclusive), got " + confidence + ".");
        }
        try {
            options = options.withThresholdPct(threshold);
        } catch (IllegalArgumentException e) {
            throw new CliException("--threshold must be a finite percentage >= 0, got " + threshold + ".");
        }
        Path baselinePath = Path.of(baseline.strip());
        if (!Files.exists(baselinePath)) {
            throw new CliException("baseline file '" + baseline.strip() + "' not found.");
        }
        List<Path> candidatePaths = new ArrayList<>();
        for (String part : candidate.split(",", -1)) {
            Path path = Path.of(part.strip());
            if (!Files.exists(path)) {
                throw new CliException("candidate file '" + part.strip() + "' not found.");
            }
            candidatePaths.add(path);
        }
        List<BenchResult> base = read(baselinePath);
        List<BenchResult> pool = new ArrayList<>();
        for (Path path : candidatePaths) {
            pool.addAll(read(path));
        }
        Comparison comparison;
        try {
            comparison = Comparison.of(base, pool, options);
        } catch (ComparisonException e) {
            throw new CliException(READ_ERROR + e.getMessage());
        }
        if (json) {
            environment.out().println(comparison.toJson());
        } else {
            CompareText.print(environment.out(), comparison);
        }
        return failOnRegression && !comparison.regressedRows().isEmpty() ? REGRESSION_EXIT : 0;
    }

    /** A result file, or one line naming the file and what is wrong with it. */
    private static List<BenchResult> read(Path path) {
        try {
            return BenchResultFiles.read(path);
        } catch (JsonProcessingException e) {
            throw new CliException(READ_ERROR + path + ": not JSON (" + firstLine(e.getOriginalMessage()) + ")");
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(READ_ERROR + path + ": " + firstLine(String.valueOf(e.getMessage())));
        }
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("").strip();
    }
}
