package io.chimeraforge.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.report.SummaryRow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Builds the blocks of a report (spec §6.2) from raw result objects, keeping missing keys visible. */
public final class ReportDocument {

    private static final String[][] ENVIRONMENT = {{"os", "OS"}, {"platform", "Platform"},
        {"python_version", "Python"}, {"chimeraforge_version", "ChimeraForge"}, {"gpu_name", "GPU"},
        {"gpu_driver", "GPU Driver"}, {"cuda_version", "CUDA"}, {"backend_name", "Backend"},
        {"backend_version", "Backend Version"}};
    private static final String[][] METRICS = {{"throughput_tps", "Throughput (tok/s)"}, {"ttft_ms", "TTFT (ms)"},
        {"total_duration_ms", "Total Duration (ms)"}};
    private static final String[] STATS = {"mean", "p50", "p95", "p99", "min", "max", "stddev"};

    private ReportDocument() {
    }

    /** The summary rows, sorted by (model, quant), stable. */
    public static List<SummaryRow> summarize(List<JsonNode> results) {
        List<SummaryRow> rows = new ArrayList<>();
        for (JsonNode r : results) {
            JsonNode agg = r.path("aggregate");
            rows.add(new SummaryRow(text(r, "model", "unknown"), text(r, "backend", "unknown"), quant(r),
                    text(r, "workload", "single"), integer(r.get("context_length")),
                    stat(agg, "throughput_tps", "mean"), stat(agg, "throughput_tps", "p95"), stat(agg, "ttft_ms", "mean"),
                    stat(agg, "total_duration_ms", "mean"), stat(agg, "total_duration_ms", "p95"),
                    integer(r.get("runs"))));
        }
        rows.sort(Comparator.comparing(SummaryRow::model).thenComparing(SummaryRow::quant));
        return rows;
    }

    /** The blocks of the whole report; {@code generated} is the meta line's text. */
    public static List<Block> blocks(List<JsonNode> results, String title, String generated, String footer,
            boolean environment, boolean warnings) {
        return blocks(results, title, generated, footer, environment, warnings, List.of());
    }

    /**
     * The blocks of the whole report with {@code charts} between the summary table and the
     * detailed results (nothing else changes).
     */
    public static List<Block> blocks(List<JsonNode> results, String title, String generated, String footer,
            boolean environment, boolean warnings, List<Block> charts) {
        List<Block> out = new ArrayList<>();
        out.add(new Block.Heading(1, List.of(Block.Text.data(title))));
        out.add(new Block.Meta(generated));
        if (results.isEmpty()) {
            out.add(new Block.Paragraph(List.of(Block.Text.plain("No benchmark results to report."))));
            return out;
        }
        JsonNode env = results.get(0).path("environment");
        if (environment && env.isObject() && env.size() > 0) {
            List<List<Block.Text>> items = new ArrayList<>();
            for (String[] field : ENVIRONMENT) {
                JsonNode v = env.get(field[0]);
                if (v != null && !v.isNull()) {
                    items.add(List.of(Block.Text.strong(field[1] + ":"), Block.Text.plain(" "),
                            Block.Text.data(v.isTextual() ? v.asText() : v.toString())));
                }
            }
            out.add(new Block.Heading(2, List.of(Block.Text.plain("Environment"))));
            out.add(new Block.Bullets(items));
        }
        out.add(new Block.Heading(2, List.of(Block.Text.plain("Summary"))));
        List<List<Block.Text>> rows = new ArrayList<>();
        for (SummaryRow s : summarize(results)) {
            rows.add(List.of(Block.Text.data(s.model()), Block.Text.data(s.backend()), Block.Text.data(s.quant()),
                    Block.Text.data(s.workload()), Block.Text.plain(Integer.toString(s.contextLength())),
                    num(s.throughputMean()), num(s.ttftMean()), num(s.durationMean()),
                    Block.Text.plain(Integer.toString(s.runs()))));
        }
        out.add(new Block.Table(List.of("Model", "Backend", "Quant", "Workload", "Context", "Throughput (tok/s)",
                "TTFT (ms)", "Duration (ms)", "Runs"), List.of("-----", "-------", "-----", "--------", "-------",
                "-----------------:", "--------:", "------------:", "---:"), rows));
        out.addAll(charts);
        out.add(new Block.Heading(2, List.of(Block.Text.plain("Detailed Results"))));
        int i = 0;
        for (JsonNode r : results) {
            i++;
            out.add(new Block.Heading(3, List.of(Block.Text.plain(i + ". "), Block.Text.data(text(r, "model", "unknown")),
                    Block.Text.plain(" | "), Block.Text.data(text(r, "backend", "unknown")), Block.Text.plain(" | "),
                    Block.Text.data(quant(r)), Block.Text.plain(" | ctx=" + integer(r.get("context_length")) + " | "),
                    Block.Text.data(text(r, "workload", "single")))));
            JsonNode agg = r.path("aggregate");
            List<List<Block.Text>> detail = new ArrayList<>();
            for (String[] metric : METRICS) {
                List<Block.Text> row = new ArrayList<>();
                row.add(Block.Text.plain(metric[1]));
                for (String stat : STATS) {
                    JsonNode v = agg.path(metric[0]).get(stat);
                    row.add(v != null && v.isNumber() ? num(v.asDouble()) : Block.Text.plain("-"));
                }
                detail.add(row);
            }
            out.add(new Block.Table(List.of("Metric", "Mean", "P50", "P95", "P99", "Min", "Max", "StdDev"),
                    List.of("------", "---:", "--:", "--:", "--:", "--:", "--:", "-----:"), detail));
            // The aggregate's count when recorded (even 0), else the result's runs.
            int runs = agg.has("count") ? integer(agg.get("count")) : integer(r.get("runs"));
            out.add(new Block.Paragraph(List.of(Block.Text.plain("Runs: " + runs + " | Total tokens: "
                    + integer(agg.get("tokens_generated"))))));
        }
        List<List<Block.Text>> warningItems = new ArrayList<>();
        for (JsonNode r : results) {
            for (JsonNode w : r.path("warnings")) {
                warningItems.add(warningItem(r, w));
            }
        }
        if (warnings && !warningItems.isEmpty()) {
            out.add(new Block.Heading(2, List.of(Block.Text.plain("Warnings"))));
            out.add(new Block.Bullets(warningItems));
        }
        out.add(new Block.Footer(footer));
        return out;
    }

    private static List<Block.Text> warningItem(JsonNode r, JsonNode w) {
        // The bold label holds data (model, quant): strong text that is also escaped.
        return List.of(new Block.Text(text(r, "model", "unknown") + " (" + quant(r) + "):", true, true),
                Block.Text.plain(" "), Block.Text.data(w.isTextual() ? w.asText() : w.toString()));
    }

    private static Block.Text num(double v) {
        return Block.Text.plain(PyNumbers.fixed(v, 1));
    }

    private static String text(JsonNode r, String key, String fallback) {
        JsonNode v = r.get(key);
        return v == null || v.isNull() ? fallback : v.isTextual() ? v.asText() : v.toString();
    }

    private static String quant(JsonNode r) {
        String q = text(r, "quant", "");
        return q.isEmpty() ? "default" : q;
    }

    private static int integer(JsonNode v) {
        return v != null && v.isNumber() ? v.asInt() : 0;
    }

    private static double stat(JsonNode agg, String metric, String stat) {
        JsonNode v = agg.path(metric).get(stat);
        return v != null && v.isNumber() ? v.asDouble() : 0.0;
    }
}
