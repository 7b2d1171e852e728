package io.chimeraforge.report.internal;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.result.Stats;
import io.chimeraforge.report.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The charts of the default HTML report: TTFT CDF, latency percentiles, throughput vs
 * concurrency/rate for sweeps ({@link SweepChart}) and predicted vs measured
 * ({@link PredictionChart}). Every chart is a {@link Block.Figure}: SVG with a title and
 * description, a caption, and a table with the same numbers. Configurations are numbered as in
 * the Detailed Results ({@code #1} is the first result loaded).
 */
public final class Charts {

    static final double WIDTH = 720;
    /** Most steps drawn per CDF; larger samples are drawn at evenly spaced ranks (the table is exact). */
    static final int MAX_CDF_STEPS = 120;
    /** Steps drawn over all CDFs together, which keeps a 50-configuration page small. */
    private static final int CDF_STEP_BUDGET = 4000;
    private static final String[] PERCENTILE_NAMES = {"P50", "P90", "P95", "P99"};
    private static final String[] MARKERS = {"circle", "square", "diamond", "triangle"};
    private static final String[] MARKER_COLOURS = {"#1f77b4", "#2ca02c", "#ff7f0e", "#d62728"};
    private static final double[] TTFT_TABLE = {0, 25, 50, 75, 90, 99, 100};

    private Charts() {
    }

    /**
     * The "Charts" section and, when {@code predictions} is not null (one entry per configuration),
     * the "Predicted vs Measured" section.
     */
    public static List<Block> section(List<ConfigData> data, List<Prediction> predictions) {
        List<Block> out = new ArrayList<>();
        out.add(heading(2, "Charts"));
        out.add(heading(3, "Time to first token"));
        out.add(ttftCdf(data).map(Block.class::cast).orElseGet(() -> paragraph(
                "No configuration has per-request TTFT data (individual_runs[].ttft_ms; -1 means not measured).")));
        out.add(heading(3, "Latency percentiles"));
        out.add(percentiles(data).map(Block.class::cast).orElseGet(() -> paragraph(
                "No configuration has latency percentiles (aggregate.total_duration_ms or individual_runs).")));
        out.add(heading(3, "Throughput vs concurrency and request rate"));
        List<Block.Figure> sweeps = SweepChart.figures(data);
        if (sweeps.isEmpty()) {
            out.add(paragraph("No sweep: no two configurations differ only in concurrency or request rate"
                    + " (load.concurrency, load.rate)."));
        } else {
            out.addAll(sweeps);
        }
        if (predictions != null) {
            out.addAll(PredictionChart.section(data, predictions));
        }
        return out;
    }

    /** The empirical CDF of TTFT per configuration with TTFT data. */
    static Optional<Block.Figure> ttftCdf(List<ConfigData> data) {
        List<ConfigData> shown = data.stream().filter(d -> d.ttftSorted().length > 0).toList();
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        double max = shown.stream().mapToDouble(d -> d.ttftSorted()[d.ttftSorted().length - 1]).max().orElse(1);
        double left = 64;
        double right = WIDTH - 16;
        double top = 16;
        double bottom = 276;
        double legendTop = 336;
        double height = legendTop + ((shown.size() + 1) / 2) * 16 + 4;
        SvgWriter svg = new SvgWriter("chart-ttft-cdf", WIDTH, height, "Time to first token, cumulative distribution",
                "Empirical CDF of the per-request time to first token of " + shown.size()
                        + " configuration(s); x: TTFT in ms, y: share of requests with a TTFT at most x.");
        Axis x = Axis.of(0, max, left, right);
        Axis y = Axis.of(0, 1, bottom, top);
        Plot.axes(svg, x, y, left, right, top, bottom, "TTFT (ms)", "share of requests");
        int cap = Math.max(25, Math.min(MAX_CDF_STEPS, CDF_STEP_BUDGET / shown.size()));
        List<String> labels = new ArrayList<>();
        List<Integer> colours = new ArrayList<>();
        List<List<Block.Text>> rows = new ArrayList<>();
        for (ConfigData d : shown) {
            // Colours follow the configuration number, so #3 has one colour in every chart.
            int s = d.index() - 1;
            double[] v = d.ttftSorted();
            int n = v.length;
            SvgWriter.Path path = new SvgWriter.Path().move(x.map(v[0]), y.map(0));
            int steps = Math.min(n, cap);
            for (int j = 0; j < steps; j++) {
                // Rank of the j-th step drawn: every rank when n fits, else evenly spaced ones ending at n.
                int rank = steps == n ? j : (int) Math.round((double) j * (n - 1) / (steps - 1));
                path.horizontal(x.map(v[rank])).vertical(y.map((rank + 1) / (double) n));
            }
            String label = "#" + d.index() + " " + d.label();
            svg.path(path, "series", Plot.colour(s), null, Plot.dash(s), label + ": " + n + " requests with TTFT");
            labels.add(label);
            colours.add(s);
            List<Block.Text> row = new ArrayList<>();
            row.add(Block.Text.plain("#" + d.index()));
            row.add(Block.Text.data(d.label()));
            row.add(Block.Text.plain(Integer.toString(n)));
            row.add(Block.Text.plain(Integer.toString(d.ttftNotMeasured())));
            for (double p : TTFT_TABLE) {
                row.add(num(Stats.percentileOfSorted(v, p)));
            }
            rows.add(row);
        }
        Plot.legend(svg, labels, colours, left, right - left, legendTop);
        List<Block.Text> caption = List.of(Block.Text.plain("Share of requests whose time to first token "
                + "(individual_runs[].ttft_ms) is at most x, per configuration; requests with TTFT -1 (not measured) "
                + "or no TTFT are left out and counted in the table. At most " + cap
                + " steps are drawn per configuration; the table gives the exact quantiles (linear interpolation "
                + "between closest ranks)."));
        Block.Table table = new Block.Table(List.of("#", "Configuration", "Requests", "Not measured", "Min (ms)",
                "P25 (ms)", "P50 (ms)", "P75 (ms)", "P90 (ms)", "P99 (ms)", "Max (ms)"), alignment(11), rows);
        return Optional.of(new Block.Figure(svg.finish(), caption, table));
    }

    /** P50/P90/P95/P99 of the total duration per configuration, one row each. */
    static Optional<Block.Figure> percentiles(List<ConfigData> data) {
        if (data.stream().noneMatch(ConfigData::hasPercentiles)) {
            return Optional.empty();
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (ConfigData d : data) {
            for (double p : d.percentiles()) {
                if (Double.isFinite(p)) {
                    min = Math.min(min, p);
                    max = Math.max(max, p);
                }
            }
        }
        double left = 260;
        double right = WIDTH - 16;
        double top = 36;
        double rowHeight = 18;
        double bottom = top + data.size() * rowHeight;
        double height = bottom + 44;
        SvgWriter svg = new SvgWriter("chart-latency", WIDTH, height, "Latency percentiles per configuration",
                "P50, P90, P95 and P99 of the per-request total duration in ms for " + data.size()
                        + " configuration(s), one row each.");
        // The axis starts near the smallest percentile, not at 0: the spread between them is the point.
        Axis x = Axis.of(Math.max(0, min - (max - min) * 0.1), max, left, right);
        for (double t : x.ticks()) {
            svg.line(x.map(t), top, x.map(t), bottom, "grid");
            svg.text(x.map(t), bottom + 15, "middle", "tick", x.label(t), null);
        }
        svg.line(left, bottom, right, bottom, "axis");
        svg.text((left + right) / 2, bottom + 34, "middle", "axis-title", "total duration (ms)", null);
        for (int k = 0; k < MARKERS.length; k++) {
            double lx = left + k * 70;
            svg.marker(MARKERS[k], lx + 5, 14, 8, MARKER_COLOURS[k], null);
            svg.text(lx + 14, 18, "start", "legend", PERCENTILE_NAMES[k], null);
        }
        List<List<Block.Text>> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            ConfigData d = data.get(i);
            double cy = top + i * rowHeight + rowHeight / 2;
            String label = "#" + d.index() + " " + d.label();
            svg.text(left - 8, cy + 4, "end", "legend", Plot.shorten(label, 40), label);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double p : d.percentiles()) {
                if (Double.isFinite(p)) {
                    lo = Math.min(lo, p);
                    hi = Math.max(hi, p);
                }
            }
            if (Double.isFinite(lo)) {
                StringBuilder tip = new StringBuilder(label).append(':');
                for (int k = 0; k < MARKERS.length; k++) {
                    double p = d.percentiles()[k];
                    tip.append(' ').append(PERCENTILE_NAMES[k]).append(' ')
                            .append(Double.isFinite(p) ? PyNumbers.fixed(p, 1) : "-");
                }
                // One tooltip per row (on a hit area over the whole row) keeps the page small.
                svg.rect(left, cy - rowHeight / 2, right - left, rowHeight, "row", tip + " ms");
                svg.line(x.map(lo), cy, x.map(hi), cy, "range");
                for (int k = 0; k < MARKERS.length; k++) {
                    double p = d.percentiles()[k];
                    if (Double.isFinite(p)) {
                        svg.marker(MARKERS[k], x.map(p), cy, 8, MARKER_COLOURS[k], null);
                    }
                }
            } else {
                svg.text(left + 4, cy + 4, "start", "tick", "no data", null);
            }
            List<Block.Text> row = new ArrayList<>();
            row.add(Block.Text.plain("#" + d.index()));
            row.add(Block.Text.data(d.label()));
            boolean anyComputed = false;
            boolean anyAggregate = false;
            for (int k = 0; k < MARKERS.length; k++) {
                double p = d.percentiles()[k];
                row.add(Double.isFinite(p) ? num(p) : Block.Text.plain("-"));
                if (Double.isFinite(p)) {
                    anyComputed |= d.computed()[k];
                    anyAggregate |= !d.computed()[k];
                }
            }
            row.add(Block.Text.plain(anyComputed && anyAggregate ? "aggregate + individual_runs"
                    : anyComputed ? "individual_runs" : anyAggregate ? "aggregate" : "-"));
            rows.add(row);
        }
        List<Block.Text> caption = List.of(Block.Text.plain("Percentiles of the per-request total duration "
                + "(total_duration_ms) per configuration. Taken from the result's aggregate where it records them; "
                + "otherwise (e.g. P90 in files from the reference tool) computed from individual_runs by linear "
                + "interpolation between closest ranks (NumPy's default, Hyndman-Fan type 7), the definition the "
                + "aggregate uses. The table's last column says which."));
        Block.Table table = new Block.Table(List.of("#", "Configuration", "P50 (ms)", "P90 (ms)", "P95 (ms)",
                "P99 (ms)", "Source"), alignment(7), rows);
        return Optional.of(new Block.Figure(svg.finish(), caption, table));
    }

    static Block.Heading heading(int level, String text) {
        return new Block.Heading(level, List.of(Block.Text.plain(text)));
    }

    static Block.Paragraph paragraph(String text) {
        return new Block.Paragraph(List.of(Block.Text.plain(text)));
    }

    static Block.Text num(double v) {
        return Block.Text.plain(PyNumbers.fixed(v, 1));
    }

    /** A setting's value: an integer without decimals, else the shortest decimal that reads back. */
    static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : PyNumbers.repr(v);
    }

    /** Markdown alignment row: first two columns left, the rest right. */
    static List<String> alignment(int columns) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < columns; i++) {
            out.add(i < 2 ? "---" : "---:");
        }
        return out;
    }
}
