package io.chimeraforge.report.internal;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.report.Accuracy;
import io.chimeraforge.report.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Predicted vs measured: three scatter panels (throughput, TTFT, p95 latency), measured on x,
 * predicted on y, the diagonal where they agree; a table of every configuration's figures (or why
 * it has no prediction) and the {@link Accuracy} statistics per metric over the configurations
 * that have both figures.
 */
final class PredictionChart {

    private static final String[] METRICS = {"Throughput (tok/s)", "TTFT (ms)", "P95 latency (ms)"};
    /** Points are labelled with their number only while the panels stay readable. */
    private static final int MAX_POINT_LABELS = 12;

    private PredictionChart() {
    }

    /** The measured figure of metric {@code m} (0 throughput, 1 TTFT, 2 p95). */
    static OptionalDouble measured(ConfigData d, int m) {
        return m == 0 ? d.throughputMean() : m == 1 ? d.ttftMean() : d.p95();
    }

    /** The predicted figure of metric {@code m}. */
    static OptionalDouble predicted(Prediction p, int m) {
        return m == 0 ? p.throughputTps() : m == 1 ? p.ttftMs() : p.p95Ms();
    }

    /** The pairs (measured, predicted) of metric {@code m}, in configuration order: [0] actual, [1] predicted. */
    static double[][] pairs(List<ConfigData> data, List<Prediction> predictions, int m) {
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            OptionalDouble a = measured(data.get(i), m);
            OptionalDouble p = predicted(predictions.get(i), m);
            if (a.isPresent() && p.isPresent()) {
                out.add(new double[] {a.getAsDouble(), p.getAsDouble()});
            }
        }
        double[][] series = new double[2][out.size()];
        for (int i = 0; i < out.size(); i++) {
            series[0][i] = out.get(i)[0];
            series[1][i] = out.get(i)[1];
        }
        return series;
    }

    static List<Block> section(List<ConfigData> data, List<Prediction> predictions) {
        List<Block> out = new ArrayList<>();
        out.add(Charts.heading(2, "Predicted vs Measured"));
        boolean any = predictions.stream().anyMatch(Prediction::isAvailable);
        List<List<Block.Text>> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            ConfigData d = data.get(i);
            Prediction p = predictions.get(i);
            List<Block.Text> row = new ArrayList<>();
            row.add(Block.Text.plain("#" + d.index()));
            row.add(Block.Text.data(d.label()));
            row.add(Block.Text.data(p.basis()));
            for (int m = 0; m < METRICS.length; m++) {
                row.add(cell(predicted(p, m)));
                row.add(cell(measured(d, m)));
            }
            rows.add(row);
        }
        Block.Table table = new Block.Table(List.of("#", "Configuration", "Prediction", "Throughput predicted (tok/s)",
                "Throughput measured (tok/s)", "TTFT predicted (ms)", "TTFT measured (ms)", "P95 predicted (ms)",
                "P95 measured (ms)"), Charts.alignment(9), rows);
        if (!any) {
            out.add(Charts.paragraph("No configuration has a prediction; the table says why for each."));
            out.add(table);
            return out;
        }
        out.add(new Block.Figure(scatter(data, predictions), List.of(Block.Text.plain("The planner's prediction "
                + "(y) against the measurement (x) per configuration; points on the dashed diagonal were predicted "
                + "exactly, points above it over-predicted. Measured: throughput = mean per-request throughput "
                + "(aggregate.throughput_tps.mean), TTFT = mean of the measured per-request TTFTs (-1 = not "
                + "measured, left out), P95 = 95th percentile of the per-request total duration. Configurations "
                + "without a prediction are listed in the table with the reason.")), table));
        List<List<Block.Text>> accuracy = new ArrayList<>();
        for (int m = 0; m < METRICS.length; m++) {
            double[][] s = pairs(data, predictions, m);
            List<Block.Text> row = new ArrayList<>();
            row.add(Block.Text.plain(METRICS[m]));
            row.add(Block.Text.plain(Integer.toString(s[0].length)));
            if (s[0].length == 0) {
                for (int k = 0; k < 4; k++) {
                    row.add(Block.Text.plain("-"));
                }
            } else {
                Accuracy a = Accuracy.of(s[0], s[1]);
                row.add(Block.Text.plain(PyNumbers.fixed(a.rmse(), 1)));
                row.add(Block.Text.plain(PyNumbers.fixed(a.mae(), 1)));
                row.add(Block.Text.plain(PyNumbers.fixed(100 * a.mape(), 1)));
                row.add(Block.Text.plain(PyNumbers.fixed(a.rSquared(), 3)));
            }
            accuracy.add(row);
        }
        out.add(new Block.Paragraph(List.of(Block.Text.strong("Accuracy"), Block.Text.plain(" over the configurations "
                + "with both figures (RMSE and MAE in the metric's unit; MAPE over measurements other than 0; R² is 0 "
                + "when the measurements are all equal and can be negative):"))));
        out.add(new Block.Table(List.of("Metric", "Pairs", "RMSE", "MAE", "MAPE (%)", "R²"),
                List.of("---", "---:", "---:", "---:", "---:", "---:"), accuracy));
        return out;
    }

    private static Block.Text cell(OptionalDouble v) {
        return v.isPresent() ? Charts.num(v.getAsDouble()) : Block.Text.plain("-");
    }

    private static String scatter(List<ConfigData> data, List<Prediction> predictions) {
        double panel = 224;
        double gap = 12;
        double height = 268;
        SvgWriter svg = new SvgWriter("chart-predicted", Charts.WIDTH, height, "Predicted vs measured",
                "Three scatter plots, throughput, TTFT and P95 latency: the measurement of each configuration on x, "
                        + "the prediction on y; the diagonal marks agreement.");
        for (int m = 0; m < METRICS.length; m++) {
            double x0 = 8 + m * (panel + gap);
            double left = x0 + 52;
            double right = x0 + panel;
            double top = 28;
            double bottom = top + (right - left);
            svg.text((left + right) / 2, 14, "middle", "axis-title", METRICS[m], null);
            double max = 0;
            for (int i = 0; i < data.size(); i++) {
                OptionalDouble a = measured(data.get(i), m);
                OptionalDouble p = predicted(predictions.get(i), m);
                if (a.isPresent() && p.isPresent()) {
                    max = Math.max(max, Math.max(a.getAsDouble(), p.getAsDouble()));
                }
            }
            Axis x = Axis.of(0, max, left, right);
            Axis y = Axis.of(0, max, bottom, top);
            Plot.axes(svg, x, y, left, right, top, bottom, "measured", "predicted");
            svg.line(x.map(0), y.map(0), x.map(x.max()), y.map(y.max()), "diag");
            int points = 0;
            for (int i = 0; i < data.size(); i++) {
                OptionalDouble a = measured(data.get(i), m);
                OptionalDouble p = predicted(predictions.get(i), m);
                if (a.isPresent() && p.isPresent()) {
                    points++;
                }
            }
            if (points == 0) {
                svg.text((left + right) / 2, (top + bottom) / 2, "middle", "tick", "no pairs", null);
            }
            for (int i = 0; i < data.size(); i++) {
                ConfigData d = data.get(i);
                OptionalDouble a = measured(d, m);
                OptionalDouble p = predicted(predictions.get(i), m);
                if (a.isEmpty() || p.isEmpty()) {
                    continue;
                }
                double px = x.map(a.getAsDouble());
                double py = y.map(p.getAsDouble());
                svg.circle(px, py, 4, "mark", Plot.colour(d.index() - 1), "#" + d.index() + ": predicted "
                        + PyNumbers.fixed(p.getAsDouble(), 1) + ", measured " + PyNumbers.fixed(a.getAsDouble(), 1));
                if (points <= MAX_POINT_LABELS) {
                    svg.text(px + 6, py - 5, "start", "point-label", "#" + d.index(), null);
                }
            }
        }
        return svg.finish();
    }
}
