package io.chimeraforge.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.report.internal.Block;
import io.chimeraforge.report.internal.Charts;
import io.chimeraforge.report.internal.ConfigData;
import io.chimeraforge.report.internal.HtmlRenderer;
import io.chimeraforge.report.internal.MarkdownRenderer;
import io.chimeraforge.report.internal.ReportDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Markdown or HTML report over bench results (spec §6.2): environment, summary table, detailed
 * statistics per configuration and warnings.
 *
 * <p>Under {@link Compat#REFERENCE} the Markdown is the reference's, line for line, data written
 * as is. By default every string from a result file (and the title) is escaped so it cannot change
 * the document's structure. The HTML page is self-contained in both modes and always escaped.
 *
 * <p>By default the HTML page also has inline SVG charts between the summary and the detailed
 * results: the TTFT CDF per configuration, latency percentiles (P50/P90/P95/P99), throughput vs
 * concurrency or request rate for sweeps, and, when {@link Builder#predictions predictions} are
 * given, predicted vs measured with {@link Accuracy} statistics. Each chart has a title, a
 * description, a caption and a table with its numbers. Reference mode has no charts.
 * Immutable; build with {@link #builder()}.
 */
public final class Report {

    /** The reference's default title. */
    public static final String DEFAULT_TITLE = "ChimeraForge Benchmark Report";

    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final List<JsonNode> results;
    private final List<ConfigData> chartData;
    private final Function<BenchResult, Optional<Prediction>> predictions;
    private final String title;
    private final Compat compat;
    private final Instant generatedAt;
    private final String version;

    private Report(Builder b) {
        this.results = List.copyOf(b.results);
        this.chartData = List.copyOf(b.chartData);
        this.predictions = b.predictions;
        this.title = b.title;
        this.compat = b.compat;
        this.generatedAt = b.generatedAt.truncatedTo(ChronoUnit.SECONDS);
        this.version = b.version;
    }

    /** A builder with no results, the default title, default mode and the current time. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads result files (each a JSON array of results, or one result object) keeping every
     * element that is an object with a {@code model} key, in file order.
     *
     * @throws ReportException when no path is given, a file is missing or not JSON, or no element
     *                         is a result
     */
    public static List<JsonNode> readResultFiles(List<Path> files) throws ReportException {
        if (files.isEmpty()) {
            throw new ReportException("no result files given");
        }
        List<JsonNode> out = new ArrayList<>();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ReportException("result file not found: " + file);
            }
            JsonNode root;
            try {
                root = Json.mapper().readTree(io.chimeraforge.core.io.BoundedFiles.readUtf8(file,
                        io.chimeraforge.core.result.BenchResultFiles.MAX_FILE_BYTES));
            } catch (IOException e) {
                throw new ReportException("cannot read " + file + " as JSON: " + firstLine(e.getMessage()));
            }
            if (root != null && root.isArray()) {
                root.forEach(node -> keepResult(node, out));
            } else if (root != null) {
                keepResult(root, out);
            }
        }
        if (out.isEmpty()) {
            throw new ReportException("no valid bench results found (expected JSON objects with a 'model' field).");
        }
        return out;
    }

    private static void keepResult(JsonNode node, List<JsonNode> out) {
        if (node.isObject() && node.has("model")) {
            out.add(node);
        }
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message;
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The title as given. */
    public String title() {
        return title;
    }

    /** How many results the report covers. */
    public int resultCount() {
        return results.size();
    }

    /** When the report was generated (whole seconds, UTC). */
    public Instant generatedAt() {
        return generatedAt;
    }

    /** The summary table's rows, sorted by model then quant. */
    public List<SummaryRow> summary() {
        return ReportDocument.summarize(results);
    }

    /** The report as Markdown. */
    public String markdown() {
        return new MarkdownRenderer(compat != Compat.REFERENCE).render(blocks());
    }

    /**
     * The report as one self-contained HTML page (no script, no external resource); by default
     * with the charts, under {@link Compat#REFERENCE} without.
     *
     * @throws RuntimeException whatever the {@link Builder#predictions predictions} function throws
     */
    public String html() {
        if (compat == Compat.REFERENCE || results.isEmpty()) {
            return new HtmlRenderer().render(title, blocks());
        }
        List<Block> charts = Charts.section(chartData, predictions == null ? null : predictionList());
        return new HtmlRenderer().render(title, ReportDocument.blocks(results, title,
                "Generated: " + GENERATED.format(generatedAt), "Report generated by ChimeraForge v" + version, true,
                true, charts));
    }

    /** One prediction per result, in load order; a result that does not read as typed gets none, with why. */
    private List<Prediction> predictionList() {
        List<Prediction> out = new ArrayList<>();
        for (JsonNode r : results) {
            BenchResult typed;
            try {
                typed = BenchResultFiles.fromNode(r);
            } catch (IOException | RuntimeException e) {
                out.add(Prediction.unavailable("the result does not read as a bench result: " + firstLine(e.getMessage())));
                continue;
            }
            out.add(Objects.requireNonNull(predictions.apply(typed), "predictions returned null")
                    .orElseGet(() -> Prediction.unavailable("no prediction")));
        }
        return out;
    }

    /** The report in {@code format}. */
    public String render(ReportFormat format) {
        return format == ReportFormat.HTML ? html() : markdown();
    }

    private List<Block> blocks() {
        return ReportDocument.blocks(results, title, "Generated: " + GENERATED.format(generatedAt),
                "Report generated by ChimeraForge v" + version, true, true);
    }

    /** Builds a {@link Report}. */
    public static final class Builder {
        private final List<JsonNode> results = new ArrayList<>();
        private final List<ConfigData> chartData = new ArrayList<>();
        private Function<BenchResult, Optional<Prediction>> predictions;
        private String title = DEFAULT_TITLE;
        private Compat compat = Compat.defaults();
        private Instant generatedAt = Instant.now();
        private String version = defaultVersion();

        private Builder() {
        }

        /** The jar's Implementation-Version, or {@code dev} when run from classes. */
        private static String defaultVersion() {
            String v = Report.class.getPackage().getImplementationVersion();
            return v == null || v.isBlank() ? "dev" : v;
        }

        /** Adds typed results (as their written JSON). */
        public Builder results(List<BenchResult> typed) {
            for (BenchResult r : typed) {
                keep(BenchResultFiles.toTree(r));
            }
            return this;
        }

        /**
         * Adds raw result objects as read by {@link #readResultFiles(List)}; keys missing there
         * show as missing ({@code -}) in the report.
         *
         * @throws IllegalArgumentException when an element is not a JSON object
         */
        public Builder resultNodes(List<JsonNode> nodes) {
            for (JsonNode n : nodes) {
                if (n == null || !n.isObject()) {
                    throw new IllegalArgumentException("a bench result must be a JSON object");
                }
            }
            nodes.forEach(this::keep);
            return this;
        }

        private void keep(JsonNode n) {
            // What the charts need from the per-request runs is taken now; the report keeps a
            // private copy (JsonNode is mutable) without the runs, which make up nearly all of a
            // long run's file.
            chartData.add(ConfigData.of(results.size() + 1, n));
            ObjectNode copy = Json.mapper().createObjectNode();
            n.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("individual_runs")) {
                    copy.set(e.getKey(), e.getValue().deepCopy());
                }
            });
            results.add(copy);
        }

        /**
         * The planner's prediction per result, for the HTML report's "Predicted vs Measured"
         * section (default mode). The function gets each result as typed (without its per-request
         * runs) and returns its prediction, {@link Prediction#unavailable(String)} saying why there
         * is none, or empty ("no prediction"). Without this call the section is left out.
         */
        public Builder predictions(Function<BenchResult, Optional<Prediction>> source) {
            this.predictions = Objects.requireNonNull(source, "source");
            return this;
        }

        /** The title (default {@value #DEFAULT_TITLE}). */
        public Builder title(String value) {
            this.title = Objects.requireNonNull(value, "title");
            return this;
        }

        /** Reference compatibility or the default, escaped output. */
        public Builder compat(Compat value) {
            this.compat = Objects.requireNonNull(value, "compat");
            return this;
        }

        /** The generation time shown in the report (default now). */
        public Builder generatedAt(Instant value) {
            this.generatedAt = Objects.requireNonNull(value, "generatedAt");
            return this;
        }

        /** The tool version shown in the footer (default: this jar's version, {@code dev} when unknown). */
        public Builder version(String value) {
            this.version = Objects.requireNonNull(value, "version");
            return this;
        }

        /** The report. */
        public Report build() {
            return new Report(this);
        }
    }
}
