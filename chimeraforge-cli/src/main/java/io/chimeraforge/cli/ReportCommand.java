package io.chimeraforge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.AtomicFiles;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.CoreException;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.quant.Quantization;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.planner.CapacityReport;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.Deployment;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.report.Prediction;
import io.chimeraforge.report.Report;
import io.chimeraforge.report.ReportException;
import io.chimeraforge.report.ReportFormat;
import io.chimeraforge.report.SummaryRow;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
    @Option(names = "--hardware", paramLabel = "NAME", description = "GPU (catalog name) for the HTML report's"
            + " predictions of results that name none (no \"hardware\" key, no environment gpu_name in the catalog).")
    String hardware;
    @Option(names = "--no-predictions", description = "Leave the predicted-vs-measured section out of the HTML report.")
    boolean noPredictions;
    @Option(names = "--json", description = "Print {title, format, n_results, timestamp} as one JSON document.")
    boolean json;
    @Mixin
    StandardOptions standard = new StandardOptions();

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
        Report.Builder builder = Report.builder().resultNodes(results).title(title).compat(compat)
                .generatedAt(environment.clock().instant()).version(ChimeraforgeCli.versionNumber());
        // Only the default HTML page shows predictions: build the planner for nothing else.
        if (chosen == ReportFormat.HTML && compat != Compat.REFERENCE && !noPredictions) {
            Planner planner = PlanCommand.planner(environment, Compat.CORRECTED, null);
            Optional<Gpu> fallback = Optional.empty();
            if (hardware != null) {
                try {
                    fallback = Optional.of(planner.gpuCatalog().require(hardware));
                } catch (CoreException e) {
                    throw new CliException(e.getMessage());
                }
            }
            Optional<Gpu> flagGpu = fallback;
            builder.predictions(r -> Optional.of(predict(planner, r, flagGpu)));
        }
        Report report = builder.build();
        String document = report.render(chosen);
        if (output != null) {
            Path target = output.toAbsolutePath();
            try {
                AtomicFiles.write(target, document.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new CliException("cannot write the report to " + target + ": " + AtomicFiles.reason(e));
            }
            environment.out().println("Report saved to: " + target);
        } else if (json) {
            environment.out().println(jsonSummary(report, chosen));
        } else {
            printConsole(environment.out(), report, results);
        }
        return 0;
    }

    /**
     * The planner's prediction for one result on its GPU: the result's {@code hardware} key, else
     * its environment's {@code gpu_name} found in the catalog, else {@code --hardware}. One replica
     * of the result's model, quant and backend, checked at the result's context, mean output
     * tokens and request rate ({@code load.rate}, else 1 req/s). Never throws: a result that
     * cannot be predicted gets the reason.
     */
    static Prediction predict(Planner planner, BenchResult r, Optional<Gpu> flagGpu) {
        GpuCatalog catalog = planner.gpuCatalog();
        Gpu gpu;
        String source;
        Optional<String> labelled = r.hardware();
        if (labelled.isPresent()) {
            String name = labelled.get();
            try {
                gpu = catalog.require(name);
            } catch (CoreException e) {
                return Prediction.unavailable("hardware '" + name + "' is not in the GPU catalog: " + e.getMessage());
            }
            source = "hardware key";
        } else {
            // when the driver's name is one catalog GPU; in doubt (memory variants), none
            Optional<Gpu> fromEnvironment = r.environment().gpuName()
                    .flatMap(n -> catalog.identify(n, java.util.OptionalDouble.empty()));
            if (fromEnvironment.isPresent()) {
                gpu = fromEnvironment.get();
                source = "environment gpu_name";
            } else if (flagGpu.isPresent()) {
                gpu = flagGpu.get();
                source = "--hardware";
            } else {
                return Prediction.unavailable("no GPU known for this result (no \"hardware\" key, "
                        + r.environment().gpuName().map(n -> "environment gpu_name '" + n + "' not in the GPU catalog")
                                .orElse("no environment gpu_name") + ", no --hardware)");
            }
        }
        if (r.quant().isEmpty() || !Quantization.isKnown(r.quant().get())) {
            return Prediction.unavailable(r.quant().map(q -> "quant '" + q + "' is not one the planner knows")
                    .orElse("no quant recorded"));
        }
        Optional<Backend> backend = Backend.fromId(r.backend());
        if (backend.isEmpty()) {
            return Prediction.unavailable("backend '" + r.backend() + "' is not one the planner knows");
        }
        String basis = gpu.name() + " (" + source + ") · " + backend.get().id() + " " + r.quant().get() + " · 1 replica";
        try {
            PlanRequest.Builder workload = PlanRequest.builder().hardware(gpu.name()).qualityTarget(0)
                    .budgetUsdPerMonth(1e12).latencySloMs(1e9).contextLength(Math.max(1, r.contextLength()));
            if (r.aggregate().count() > 0 && r.aggregate().tokensGenerated() > 0) {
                workload.avgTokens((int) Math.max(1, Math.round((double) r.aggregate().tokensGenerated()
                        / r.aggregate().count())));
            }
            Object load = r.extra().get("load");
            if (load instanceof Map<?, ?> m && m.get("rate") instanceof Number rate && rate.doubleValue() > 0) {
                workload.requestRate(rate.doubleValue());
            }
            CapacityReport check = planner.check(workload.build(), Deployment.of(r.model(), r.quant().get(),
                    backend.get(), 1));
            if (check.operating().isEmpty()) {
                List<String> why = check.failures().stream().map(g -> g.detail()).toList();
                return Prediction.unavailable(basis + ": cannot run (" + String.join("; ", why) + ")");
            }
            Candidate c = check.operating().get();
            return new Prediction(finite(c.singleStreamTps()), finite(c.ttftMs()), finite(c.p95LatencyMs()),
                    basis + " · throughput " + c.provenance().throughput().id()
                            + (Double.isFinite(c.p95LatencyMs()) ? "" : " · p95 saturated"));
        } catch (RuntimeException e) {
            return Prediction.unavailable(basis + ": no prediction (" + e.getMessage() + ")");
        }
    }

    private static java.util.OptionalDouble finite(double v) {
        return Double.isFinite(v) && v >= 0 ? java.util.OptionalDouble.of(v) : java.util.OptionalDouble.empty();
    }

    private List<Path> paths() {
        return new ResultFileArgs(d -> "results directory '" + d + "' is not a directory.", null,
                f -> "result file '" + f + "' not found.",
                "no result files to report (give --results-dir or --results-files).").collect(resultsDir, resultsFiles);
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
