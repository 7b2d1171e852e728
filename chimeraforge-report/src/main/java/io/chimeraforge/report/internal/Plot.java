package io.chimeraforge.report.internal;

import java.util.List;

/** Drawing helpers shared by the charts: colours, axes with grid lines, legends, short labels. */
final class Plot {

    /** Ten colours distinguishable on white (the Tableau 10 palette). */
    static final List<String> COLOURS = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
            "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");
    /** Dash patterns cycled after the colours run out, so series 11+ stay distinct. */
    private static final List<String> DASHES = java.util.Arrays.asList(null, "6 3", "2 2", "8 3 2 3", "1 3");

    private Plot() {
    }

    static String colour(int series) {
        return COLOURS.get(series % COLOURS.size());
    }

    static String dash(int series) {
        return DASHES.get((series / COLOURS.size()) % DASHES.size());
    }

    /**
     * Grid lines, ticks and tick labels for both axes of the plot area
     * [{@code left}, {@code right}] x [{@code top}, {@code bottom}], and the axis titles.
     */
    static void axes(SvgWriter svg, Axis x, Axis y, double left, double right, double top, double bottom,
            String xTitle, String yTitle) {
        for (double t : y.ticks()) {
            double py = y.map(t);
            svg.line(left, py, right, py, "grid");
            svg.text(left - 6, py + 4, "end", "tick", y.label(t), null);
        }
        for (double t : x.ticks()) {
            double px = x.map(t);
            svg.line(px, top, px, bottom, "grid");
            svg.text(px, bottom + 15, "middle", "tick", x.label(t), null);
        }
        svg.line(left, bottom, right, bottom, "axis");
        svg.line(left, top, left, bottom, "axis");
        svg.text((left + right) / 2, bottom + 32, "middle", "axis-title", xTitle, null);
        svg.verticalText(left - 42, (top + bottom) / 2, "axis-title", yTitle);
    }

    /**
     * A legend of line samples (in the colour and dash of {@code series}) in two columns starting
     * at {@code top}; returns the y below it.
     * Labels longer than fits are shortened, with the whole label as the item's tooltip.
     */
    static double legend(SvgWriter svg, List<String> labels, List<Integer> series, double left, double width,
            double top) {
        double column = width / 2;
        for (int i = 0; i < labels.size(); i++) {
            double x = left + (i % 2) * column;
            double y = top + (i / 2) * 16;
            int s = series.get(i);
            svg.path(new SvgWriter.Path().move(x, y - 4).horizontal(x + 22), "series", colour(s), null, dash(s), null);
            String label = labels.get(i);
            svg.text(x + 28, y, "start", "legend", shorten(label, 52), label);
        }
        return top + ((labels.size() + 1) / 2) * 16;
    }

    /**
     * {@code text} cut to at most {@code max} code points, with an ellipsis when cut; never splits
     * a surrogate pair. The layout never depends on the text, so hostile names cannot move elements.
     */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
