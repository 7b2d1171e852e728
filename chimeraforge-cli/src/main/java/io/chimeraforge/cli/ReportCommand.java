package io.chimeraforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.AtomicFiles;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.report.Report;
import io.chimeraforge.report.ReportException;
import io.chimeraforge.report.ReportFormat;
import io.chimeraforge.report.SummaryRow;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chimeraforge report}: a Markdown or HTML report over bench result files. */
@Command(name = "report", sortOptions = false, usageHelpAutoWidth = true,
        description = "Generate a Markdown or HTML report from bench result files.")
final class ReportCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    ReportCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Option(names = {"--results-dir", "-d"}, paramLabel = "DIR", description = "Directory of bench result files (*.json).")
    Path resultsDir;
    @Option(names = {"--results-files", "-f"}, paramLabel = "FILES", description = "Bench result files, comma-separated.")
    String resultsFiles;
    @Option(names = "--format", defaultValue = "markdown", description = "'markdown' (default) or 'html'.")
    String format;
    @Option(names = {"--output", "-o"}, paramLabel = "FILE", description = "Write the report to FILE (atomically).")
    Path output;
    @Option(names = "--title", defaultValue = Report.DEFAULT_TITLE, description = "Report title (default: ${DEFAULT-VALUE}).")
    String title;
    @Option(names = "--compat", defaultValue = "corrected", converter = WorkloadCommand.CompatConverter.class,
            description = "'corrected' (default: result strings and the title escaped) or 'reference'"
                    + " (chimeraforge 0.30's Markdown exactly).")
    Compat compat;
    @Option(names = "--json", description = "Print {title, format, n_results, timestamp} as one JSON document.")
    boolean json;
    @Option(names = {"--verbose", "-v"}, description = "Debug output.")
    boolean verbose;
    @Option(names = {"--help", "-h"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        ReportFormat chosen = ReportFormat.fromId(format)
                .orElseThrow(() -> new CliException("--format must be 'markdown' or 'html'."));
        List<JsonNode> results;
        try {
            results = Report.readResultFiles(paths());
        } catch (ReportException e) {
            throw new CliException(e.getMessage());
        }
        Report report = Report.builder().resultNodes(results).title(title).compat(compat)
                .generatedAt(environment.clock().instant()).version(ChimeraforgeCli.versionNumber()).build();
        String document = report.render(chosen);
        if (output != null) {
            Path target = output.toAbsolutePath();
            try {
                AtomicFiles.write(target, document.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CliException("cannot write the report to " + target + ": " + e.getMessage());
            }
            environment.out().println("Report saved to: " + target);
        } else if (json) {
            environment.out().println(jsonSummary(report, chosen));
        } else {
            printConsole(environment.out(), report, results);
        }
        return 0;
    }

    private List<Path> paths() {
        List<Path> out = new ArrayList<>();
        if (resultsDir != null) {
            if (!Files.isDirectory(resultsDir)) {
                throw new CliException("results directory '" + resultsDir + "' is not a directory.");
            }
            try (Stream<Path> files = Files.list(resultsDir)) {
                files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new CliException("cannot list " + resultsDir + ": " + e.getMessage());
            }
        }
        if (resultsFiles != null) {
            for (String part : resultsFiles.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Path p = Path.of(part.strip());
                if (!Files.exists(p)) {
                    throw new CliException("result file '" + part.strip() + "' not found.");
                }
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            throw new CliException("no result files to report (give --results-dir or --results-files).");
        }
        return out;
    }

    private static String jsonSummary(Report report, ReportFormat format) {
        StringWriter out = new StringWriter();
        try (var g = io.chimeraforge.core.Json.factory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("title", report.title());
            g.writeStringField("format", format.id());
            g.writeNumberField("n_results", report.resultCount());
            g.writeStringField("timestamp", report.generatedAt().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    /** The console summary: summary rows, per-result statistics, warnings and the environment. */
    private static void printConsole(PrintStream out, Report report, List<JsonNode> results) {
        out.println(report.title());
        out.println();
        for (SummaryRow r : report.summary()) {
            out.println(r.model() + " | " + r.backend() + " | " + r.quant() + " | " + r.workload() + " | ctx="
                    + r.contextLength() + " | " + PyNumbers.fixed(r.throughputMean(), 1) + " tok/s | TTFT "
                    + PyNumbers.fixed(r.ttftMean(), 1) + " ms | " + PyNumbers.fixed(r.durationMean(), 1) + " ms | runs "
                    + r.runs());
        }
        for (JsonNode r : results) {
            out.println();
            out.println(r.path("model").asText() + " (" + r.path("backend").asText("unknown") + ")");
            JsonNode agg = r.path("aggregate");
            for (String metric : List.of("throughput_tps", "ttft_ms", "total_duration_ms")) {
                JsonNode s = agg.path(metric);
                StringBuilder line = new StringBuilder("  " + metric + ":");
                for (String stat : List.of("mean", "p50", "p95", "p99", "stddev")) {
                    JsonNode v = s.get(stat);
                    line.append(' ').append(stat).append('=')
                            .append(v != null && v.isNumber() ? PyNumbers.fixed(v.asDouble(), 1) : "-");
                }
                out.println(line);
            }
            out.println("  Runs: " + (agg.has("count") ? agg.path("count").asInt() : r.path("runs").asInt())
                    + " | Total tokens: " + agg.path("tokens_generated").asLong(0) + " | Workload: "
                    + r.path("workload").asText("single"));
            r.path("warnings").forEach(w -> out.println("  warning: " + w.asText()));
        }
        JsonNode env = results.get(0).path("environment");
        out.println();
        out.println("GPU: " + env.path("gpu_name").asText("n/a") + " | OS: " + env.path("os").asText("n/a")
                + " | Python: " + env.path("python_version").asText("n/a"));
        out.println(report.resultCount() + " result(s) reported");
    }
}
