package io.chimeraforge.report.internal;

import io.chimeraforge.core.PyNumbers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Throughput against concurrency, and against request rate, for sweeps: configurations that
 * share everything recorded (model, backend, quant, workload, context, the rest of
 * {@code load}) but their concurrency or their rate, as {@code bench --concurrency 1,2,4} or
 * {@code --rate 1,2} write them. A series needs two different values of the swept setting.
 */
final class SweepChart {

    private SweepChart() {
    }

    /** One figure per swept setting that has a series: concurrency first, then rate. */
    static List<Block.Figure> figures(List<ConfigData> data) {
        List<Block.Figure> out = new ArrayList<>();
        figure(data, "concurrency", "Concurrency", ConfigData::concurrency, ConfigData::rate, "rate")
                .ifPresent(out::add);
        figure(data, "rate", "Request rate (req/s)", ConfigData::rate, ConfigData::concurrency, "concurrency")
                .ifPresent(out::add);
        return out;
    }

    /** Series of configurations that differ only in {@code swept} (the other setting held fixed). */
    static List<List<ConfigData>> series(List<ConfigData> data, Function<ConfigData, OptionalDouble> swept,
            Function<ConfigData, OptionalDouble> fixed) {
        Map<String, List<ConfigData>> groups = new LinkedHashMap<>();
        for (ConfigData d : data) {
            if (swept.apply(d).isPresent() && (d.throughputMean().isPresent() || d.outputThroughput().isPresent())) {
                OptionalDouble other = fixed.apply(d);
                String key = d.sweepKey() + "\u0000" + (other.isPresent() ? Double.toString(other.getAsDouble()) : "-");
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(d);
            }
        }
        List<List<ConfigData>> out = new ArrayList<>();
        for (List<ConfigData> g : groups.values()) {
            TreeSet<Double> values = new TreeSet<>();
            g.forEach(d -> values.add(swept.apply(d).getAsDouble()));
            if (values.size() >= 2) {
                List<ConfigData> sorted = new ArrayList<>(g);
                sorted.sort(Comparator.comparingDouble(d -> swept.apply(d).getAsDouble()));
                out.add(sorted);
            }
        }
        return out;
    }

    private static java.util.Optional<Block.Figure> figure(List<ConfigData> data, String id, String xTitle,
            Function<ConfigData, OptionalDouble> swept, Function<ConfigData, OptionalDouble> fixed, String fixedName) {
        List<List<ConfigData>> series = series(data, swept, fixed);
        if (series.isEmpty()) {
            return java.util.Optional.empty();
        }
        // One throughput definition per chart: the run's aggregate output rate when every point has it.
        boolean aggregate = series.stream().flatMap(List::stream).allMatch(d -> d.outputThroughput().isPresent());
        Function<ConfigData, Double> y = d -> aggregate ? d.outputThroughput().getAsDouble()
                : d.throughputMean().getAsDouble();
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = 0;
        double yMax = 0;
        for (List<ConfigData> s : series) {
            for (ConfigData d : s) {
                xMin = Math.min(xMin, swept.apply(d).getAsDouble());
                xMax = Math.max(xMax, swept.apply(d).getAsDouble());
                yMax = Math.max(yMax, y.apply(d));
            }
        }
        double left = 64;
        double right = Charts.WIDTH - 16;
        double top = 16;
        double bottom = 276;
        double legendTop = 336;
        double height = legendTop + ((series.size() + 1) / 2) * 16 + 4;
        String yTitle = aggregate ? "output throughput (tok/s)" : "mean per-request throughput (tok/s)";
        SvgWriter svg = new SvgWriter("chart-sweep-" + id, Charts.WIDTH, height, "Throughput vs " + id,
                series.size() + " sweep(s) over " + id + "; x: " + xTitle.toLowerCase(java.util.Locale.ROOT) + ", y: "
                        + yTitle + ".");
        Axis x = Axis.of(Math.min(0, xMin), xMax, left, right);
        Axis yAxis = Axis.of(0, yMax, bottom, top);
        Plot.axes(svg, x, yAxis, left, right, top, bottom, xTitle, yTitle);
        List<String> labels = new ArrayList<>();
        List<List<Block.Text>> rows = new ArrayList<>();
        for (int s = 0; s < series.size(); s++) {
            List<ConfigData> points = series.get(s);
            ConfigData first = points.get(0);
            OptionalDouble other = fixed.apply(first);
            String label = "S" + (s + 1) + " " + first.label()
                    + (other.isPresent() ? " · " + fixedName + "=" + Charts.plain(other.getAsDouble()) : "");
            labels.add(label);
            SvgWriter.Path path = new SvgWriter.Path();
            for (ConfigData d : points) {
                double px = x.map(swept.apply(d).getAsDouble());
                double py = yAxis.map(y.apply(d));
                if (path.isEmpty()) {
                    path.move(px, py);
                } else {
                    path.line(px, py);
                }
            }
            svg.path(path, "series", Plot.colour(s), null, Plot.dash(s), label);
            for (ConfigData d : points) {
                String value = Charts.plain(swept.apply(d).getAsDouble());
                svg.circle(x.map(swept.apply(d).getAsDouble()), yAxis.map(y.apply(d)), 3.5, "mark", Plot.colour(s),
                        "S" + (s + 1) + " #" + d.index() + ": " + id + " " + value + ", " + PyNumbers.fixed(y.apply(d), 1)
                                + " tok/s");
                rows.add(List.of(Block.Text.plain("S" + (s + 1)), Block.Text.data(d.label()),
                        Block.Text.plain("#" + d.index()), Block.Text.plain(value), Charts.num(y.apply(d))));
            }
        }
        Plot.legend(svg, labels, java.util.stream.IntStream.range(0, labels.size()).boxed().toList(), left,
                right - left, legendTop);
        List<Block.Text> caption = List.of(Block.Text.plain("Throughput against " + id + " for configurations that "
                + "differ only in " + id + " (series S1, S2, ... share model, backend, quant, workload, context and "
                + "the rest of the load settings). y: " + (aggregate
                        ? "aggregate output throughput over the run (aggregate.output_throughput_tps: tokens generated"
                                + " / wall-clock span)."
                        : "mean per-request throughput (aggregate.throughput_tps.mean), as not every point records "
                                + "the aggregate output throughput.")));
        Block.Table table = new Block.Table(List.of("Series", "Configuration", "#", xTitle, "Throughput (tok/s)"),
                Charts.alignment(5), rows);
        return java.util.Optional.of(new Block.Figure(svg.finish(), caption, table));
    }
}
