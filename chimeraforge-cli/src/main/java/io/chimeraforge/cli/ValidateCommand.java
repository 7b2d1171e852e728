package io.chimeraforge.cli;

import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.BenchRunner;
import io.chimeraforge.core.AtomicFiles;
import io.chimeraforge.core.result.Aggregate;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.Compat;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.report.audit.Audit;
import io.chimeraforge.report.audit.AuditCell;
import io.chimeraforge.report.audit.AuditException;
import io.chimeraforge.report.audit.MatrixCell;
import io.chimeraforge.report.audit.ProvenanceClass;
import io.chimeraforge.report.audit.ScoreRow;
import io.chimeraforge.report.audit.ValidationMatrix;
import io.chimeraforge.report.audit.Measurements;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chimeraforge validate}: the prediction-vs-measurement audit. Predictions come from the
 * planner, the joining and scoring from the report module; this command only composes them.
 */
@Command(name = "validate", sortOptions = false, usageHelpAutoWidth = true,
        description = "Audit the planner's predictions against measurements over a pre-registered,"
                + " fingerprinted matrix, scored per provenance class.")
final class ValidateCommand implements Callable<Integer> {

    static final String EXCLUSIVE = "--ollama-url and --measurements are mutually exclusive: pass --ollama-url to"
            + " benchmark live, or --measurements to score a captured file.";
    static final String NOTHING = "nothing to compare against: pass --measurements FILE (captured measurements)"
            + " or --ollama-url URL (benchmark live).";

    private final CliEnvironment environment;

    ValidateCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Option(names = {"--matrix", "-m"}, required = true, paramLabel = "FILE",
            description = "Validation matrix (JSON: hardware, registered_at, cells).")
    Path matrix;
    @Option(names = "--measurements", paramLabel = "FILE",
            description = "Captured measurements: {cell_key: {metric: value}} or a previous audit's JSON.")
    Path measurements;
    @Option(names = "--ollama-url", paramLabel = "URL", description = "Benchmark each cell live on this Ollama server"
            + " (the bench harness; every cell on the ollama backend).")
    String ollamaUrl;
    @Option(names = "--runs", defaultValue = "3", description = "Live runs per cell (default: ${DEFAULT-VALUE}).")
    int runs;
    @Option(names = "--compat", defaultValue = "corrected", converter = WorkloadCommand.CompatConverter.class,
            description = "Predict with the 'corrected' planner (default) or chimeraforge 0.30's ('reference'),"
                    + " to audit either against the same measurements.")
    Compat compat;
    @Option(names = "--models-path", paramLabel = "FILE",
            description = "Coefficient file in fitted_models.json format (default: measured corpus, else bundled).")
    Path modelsPath;
    @Option(names = "--output", paramLabel = "FILE", description = "Write the audit JSON here.")
    Path output;
    @Option(names = "--report", paramLabel = "FILE", description = "Write the Markdown audit here.")
    Path report;
    @Option(names = "--json", description = "Print the audit JSON (one document).")
    boolean json;
    @Mixin
    StandardOptions standard = new StandardOptions();

    @Override
    public Integer call() {
        if (ollamaUrl != null && measurements != null) {
            throw new CliException(EXCLUSIVE);
        }
        if (ollamaUrl == null && measurements == null) {
            throw new CliException(NOTHING);
        }
        if (runs < 1) {
            throw new CliException("--runs must be at least 1, got " + runs + ".");
        }
        Audit audit;
        try {
            ValidationMatrix m = ValidationMatrix.read(matrix);
            Map<String, Map<String, Double>> measured = measurements != null ? Measurements.read(measurements) : Map.of();
            Planner planner = PlanCommand.planner(environment, compat, modelsPath);
            if (ollamaUrl != null) {
                requireServer(); // a server that is down fails the run once, not every cell
            }
            List<AuditCell> cells = new ArrayList<>();
            for (MatrixCell cell : m.cells()) {
                cells.add(join(planner, m.hardware(), cell, () -> ollamaUrl != null ? measureLive(cell)
                        : measured.getOrDefault(cell.key(), Map.of())));
            }
            audit = Audit.of(m, cells, LocalDate.now(environment.clock()));
        } catch (AuditException e) {
            throw new CliException(e.getMessage());
        }
        write(output, audit.toJson());
        write(report, audit.toMarkdown());
        if (json) {
            environment.out().println(audit.toJson());
        } else {
            print(environment.out(), audit);
        }
        return 0;
    }

    /**
     * One cell: the planner's prediction for its configuration, joined to its measurement (taken
     * only for a cell that has a prediction, so a live run never benchmarks a skipped cell).
     */
    private static AuditCell join(Planner planner, String hardware, MatrixCell cell,
            java.util.function.Supplier<Map<String, Double>> measurement) {
        PlanResult result;
        try {
            result = planner.plan(PlanRequest.builder().model(cell.model()).hardware(hardware).qualityTarget(0)
                    .budgetUsdPerMonth(1e12).latencySloMs(1e9).requestRate(1.0).avgTokens(cell.avgTokens())
                    .promptTokens(cell.promptTokens()).contextLength(cell.contextLength()).build());
        } catch (RuntimeException e) {
            return AuditCell.skipped(cell, ProvenanceClass.UNKNOWN, Map.of(),
                    "prediction failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Optional<Candidate> match = result.candidates().stream()
                .filter(c -> c.quant().equals(cell.quant()) && c.backend().id().equals(cell.backend())).findFirst();
        if (match.isEmpty()) {
            return AuditCell.skipped(cell, ProvenanceClass.UNKNOWN, Map.of(), "no candidate for " + cell.quant()
                    + " on " + cell.backend() + " (gated out; see `plan` for the binding gate)");
        }
        Candidate c = match.get();
        Map<String, Double> predicted = new LinkedHashMap<>();
        predicted.put("throughput_tps", c.singleStreamTps());
        predicted.put("ttft_ms", c.ttftMs());
        predicted.put("p95_latency_ms", c.p95LatencyMs());
        ProvenanceClass cls = ProvenanceClass.classify(c.provenance().throughput().id(), c.tensorParallel(),
                c.pipelineParallel());
        Map<String, Double> measured;
        try {
            measured = measurement.get();
        } catch (io.chimeraforge.bench.BenchException e) {
            // one cell the server cannot run (a model it does not serve, every request failed):
            // the other cells are still measured and scored
            return AuditCell.skipped(cell, cls, predicted, "live measurement failed: " + e.getMessage());
        }
        return AuditCell.joined(cell, cls, predicted, measured);
    }

    /** The live server answers its health check, or the run ends here in one line. */
    private void requireServer() {
        try (io.chimeraforge.bench.BackendClient client = io.chimeraforge.bench.BackendClient.builder(
                io.chimeraforge.core.quant.Backend.OLLAMA).baseUrl(ollamaUrl.strip()).build()) {
            io.chimeraforge.bench.BackendClient.Check health = client.health();
            if (!health.ok()) {
                throw new CliException(health.message());
            }
        } catch (IllegalArgumentException e) {
            throw new CliException("--ollama-url must be an http(s) URL with a host, got '" + ollamaUrl + "'.");
        }
    }

    /**
     * One cell benchmarked live with the bench harness: always the Ollama backend (the reference's
     * rule, whatever the cell's backend), {@code --runs} sequential requests; a metric is kept only
     * when positive: throughput = mean tok/s, ttft = mean, p95_latency = p95 of the total duration.
     */
    private Map<String, Double> measureLive(MatrixCell cell) {
        BenchConfig config;
        try {
            config = BenchConfig.builder().model(cell.model()).backend(io.chimeraforge.core.quant.Backend.OLLAMA)
                    .baseUrl(ollamaUrl.strip()).runs(runs).writeRequestLog(false).build();
        } catch (IllegalArgumentException e) {
            throw new CliException("--ollama-url must be an http(s) URL with a host, got '" + ollamaUrl + "'.");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (BenchResult result : BenchRunner.builder(config).wallClock(environment.clock()).build().run().results()) {
            Aggregate a = result.aggregate();
            positive(values, "throughput_tps", a.throughputTps().mean());
            positive(values, "ttft_ms", a.ttftMs().mean());
            positive(values, "p95_latency_ms", a.totalDurationMs().p95());
        }
        return values;
    }

    private static void positive(Map<String, Double> values, String metric, double value) {
        if (value > 0 && Double.isFinite(value)) {
            values.putIfAbsent(metric, value);
        }
    }

    private static void write(Path file, String text) {
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException("could not write " + file + ": " + e.getMessage());
        }
    }

    /** The per-class scorecard as text, then the skipped cells. */
    private static void print(PrintStream out, Audit audit) {
        ValidationMatrix m = audit.matrix();
        long skipped = audit.cells().stream().filter(c -> c.skipped().isPresent()).count();
        out.println("Prediction-vs-measured audit: " + m.hardware() + ", matrix registered " + m.registeredAt()
                + ", fingerprint " + m.fingerprint().substring(0, 16));
        out.println("Cells: " + audit.cells().size() + " (" + skipped + " skipped)");
        ProvenanceClass current = null;
        for (ScoreRow r : audit.scorecard()) {
            if (r.provenanceClass() != current) {
                current = r.provenanceClass();
                out.println();
                out.println(current.id() + (current == ProvenanceClass.LEAD ? " (out-of-sample, lead)" : ""));
                out.printf("  %-16s %4s %8s %8s %8s  %s%n", "metric", "n", "MAPE", "median", "p90 abs", "worst cell");
            }
            out.printf("  %-16s %4s %8s %8s %8s  %s (%s)%n", r.metric(), r.n() + (r.underpowered() ? "*" : ""),
                    pct(r.mape()), pct(r.medianSigned()), pct(r.p90Abs()), r.worstCell(), pct(r.worstError()));
        }
        if (audit.scorecard().stream().anyMatch(ScoreRow::underpowered)) {
            out.println();
            out.println("* fewer than " + Audit.MIN_CELLS_FOR_RATE + " cells: an anecdote, not an error rate.");
        }
        audit.cells().stream().filter(c -> c.skipped().isPresent())
                .forEach(c -> out.println("skipped " + c.key() + ": " + c.skipped().get()));
        out.println("Positive error means the planner was optimistic (the prediction exceeds the measurement).");
    }

    private static String pct(double fraction) {
        return new BigDecimal(fraction * 100).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
