package io.chimeraforge.report.internal;

import java.util.Objects;

/**
 * A small writer of inline SVG for the HTML report. Every element and attribute name is a
 * constant of this class's callers; every text and attribute value that may hold data goes
 * through {@link #escape}, and every number through {@link #num}, which writes ASCII digits with
 * a {@code .} whatever the default locale. The result is SVG for an HTML document (no XML
 * declaration, no namespace prefixes), accessible through {@code role="img"}, a {@code <title>}
 * and a {@code <desc>} that {@code aria-labelledby} names.
 */
public final class SvgWriter {

    private final StringBuilder out = new StringBuilder(4096);
    private boolean closed;

    /**
     * Opens an {@code <svg>} of {@code width} x {@code height} user units.
     *
     * @param id    a unique id for the chart (our constant, not data); its title and desc get
     *              {@code id-title} and {@code id-desc}
     * @param title the accessible name (escaped)
     * @param desc  the accessible description (escaped)
     */
    public SvgWriter(String id, double width, double height, String title, String desc) {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("chart id must be lower-case letters, digits and '-', got " + id);
        }
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"").append(id)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\" viewBox=\"0 0 ").append(num(width)).append(' ').append(num(height))
                .append("\" width=\"").append(num(width)).append("\" height=\"").append(num(height))
                .append("\">\n<title id=\"").append(id).append("-title\">").append(escape(title))
                .append("</title>\n<desc id=\"").append(id).append("-desc\">").append(escape(desc)).append("</desc>\n");
    }

    /** A line from (x1, y1) to (x2, y2) with the CSS class {@code cls}. */
    public SvgWriter line(double x1, double y1, double x2, double y2, String cls) {
        open("line").attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2).cls(cls);
        out.append("/>\n");
        return this;
    }

    /** A rectangle; negative sizes are written as 0 (SVG rejects them). */
    public SvgWriter rect(double x, double y, double width, double height, String cls) {
        return rect(x, y, width, height, cls, null);
    }

    /** A rectangle with an optional tooltip (escaped; null for none). */
    public SvgWriter rect(double x, double y, double width, double height, String cls, String tooltip) {
        open("rect").attr("x", x).attr("y", y).attr("width", Math.max(0, width)).attr("height", Math.max(0, height))
                .cls(cls);
        return tooltip(tooltip, "rect");
    }

    /** A circle of radius {@code r} filled with {@code fill} (null for the class's), with an optional tooltip. */
    public SvgWriter circle(double cx, double cy, double r, String cls, String fill, String tooltip) {
        open("circle").attr("cx", cx).attr("cy", cy).attr("r", r).cls(cls);
        if (fill != null) {
            attr("fill", fill);
        }
        return tooltip(tooltip, "circle");
    }

    /**
     * A path (its data built with {@link Path}) stroked in {@code stroke} and filled with
     * {@code fill} (colour constants, null for the class's), with an optional dash pattern and
     * tooltip.
     */
    public SvgWriter path(Path d, String cls, String stroke, String fill, String dash, String tooltip) {
        open("path").cls(cls);
        out.append(" d=\"").append(d.data()).append('"');
        if (stroke != null) {
            attr("stroke", stroke);
        }
        if (fill != null) {
            attr("fill", fill);
        }
        if (dash != null) {
            attr("stroke-dasharray", dash);
        }
        return tooltip(tooltip, "path");
    }

    /** A small marker shape at (x, y): {@code circle}, {@code square}, {@code diamond} or {@code triangle}. */
    public SvgWriter marker(String shape, double x, double y, double size, String fill, String tooltip) {
        double h = size / 2;
        switch (shape) {
            case "circle" -> {
                return circle(x, y, h, "mark", fill, tooltip);
            }
            case "square" -> {
                open("rect").attr("x", x - h).attr("y", y - h).attr("width", size).attr("height", size).cls("mark");
                attr("fill", fill);
                return tooltip(tooltip, "rect");
            }
            case "diamond" -> {
                return path(new Path().move(x, y - h).line(x + h, y).line(x, y + h).line(x - h, y).close(), "mark",
                        null, fill, null, tooltip);
            }
            case "triangle" -> {
                return path(new Path().move(x, y - h).line(x + h, y + h).line(x - h, y + h).close(), "mark",
                        null, fill, null, tooltip);
            }
            default -> throw new IllegalArgumentException("unknown marker " + shape);
        }
    }

    /**
     * A text at (x, y) with the CSS class {@code cls} and {@code anchor} ({@code start},
     * {@code middle} or {@code end}); {@code text} is escaped. A non-null {@code full} text becomes
     * its tooltip (for labels that may be shortened to fit; written whether or not they were, so
     * the document's structure never depends on a label's length).
     */
    public SvgWriter text(double x, double y, String anchor, String cls, String text, String full) {
        open("text").attr("x", x).attr("y", y).cls(cls);
        if (!"start".equals(anchor)) {
            attr("text-anchor", anchor);
        }
        out.append('>');
        if (full != null) {
            out.append("<title>").append(escape(full)).append("</title>");
        }
        out.append(escape(text)).append("</text>\n");
        return this;
    }

    /** A text rotated by -90 degrees around (x, y) (a vertical axis label). */
    public SvgWriter verticalText(double x, double y, String cls, String text) {
        open("text").attr("x", x).attr("y", y).cls(cls);
        out.append(" text-anchor=\"middle\" transform=\"rotate(-90 ").append(num(x)).append(' ').append(num(y))
                .append(")\">").append(escape(text)).append("</text>\n");
        return this;
    }

    /** Closes the {@code <svg>} and returns the markup; the writer cannot be used afterwards. */
    public String finish() {
        if (!closed) {
            out.append("</svg>");
            closed = true;
        }
        return out.toString();
    }

    private SvgWriter open(String element) {
        if (closed) {
            throw new IllegalStateException("the svg is already finished");
        }
        out.append('<').append(element);
        return this;
    }

    private SvgWriter attr(String name, double value) {
        out.append(' ').append(name).append("=\"").append(num(value)).append('"');
        return this;
    }

    private SvgWriter attr(String name, String value) {
        out.append(' ').append(name).append("=\"").append(escape(value)).append('"');
        return this;
    }

    private SvgWriter cls(String cls) {
        return cls == null ? this : attr("class", cls);
    }

    private SvgWriter tooltip(String tooltip, String element) {
        if (tooltip == null) {
            out.append("/>\n");
        } else {
            out.append("><title>").append(escape(tooltip)).append("</title></").append(element).append(">\n");
        }
        return this;
    }

    /**
     * A coordinate or length rounded to one decimal, written with ASCII digits and a {@code .}
     * (never a locale's comma), without a trailing {@code .0} and without {@code -0}.
     *
     * @throws IllegalArgumentException for NaN or infinities (a chart must not place them)
     */
    public static String num(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite coordinate: " + value);
        }
        long tenths = Math.round(value * 10);
        if (tenths == 0) {
            return "0";
        }
        StringBuilder s = new StringBuilder();
        if (tenths < 0) {
            s.append('-');
            tenths = -tenths;
        }
        s.append(tenths / 10);
        if (tenths % 10 != 0) {
            s.append('.').append(tenths % 10);
        }
        return s.toString();
    }

    /** Escapes for SVG/HTML text and quoted attribute values (as the page's other text). */
    public static String escape(String value) {
        return HtmlRenderer.escape(value);
    }

    /** Path data ({@code d}) built from numbers only. */
    public static final class Path {
        private final StringBuilder d = new StringBuilder();

        /** Moves to (x, y). */
        public Path move(double x, double y) {
            d.append('M').append(num(x)).append(' ').append(num(y));
            return this;
        }

        /** A line to (x, y). */
        public Path line(double x, double y) {
            d.append('L').append(num(x)).append(' ').append(num(y));
            return this;
        }

        /** A horizontal line to x. */
        public Path horizontal(double x) {
            d.append('H').append(num(x));
            return this;
        }

        /** A vertical line to y. */
        public Path vertical(double y) {
            d.append('V').append(num(y));
            return this;
        }

        /** Closes the sub-path. */
        public Path close() {
            d.append('Z');
            return this;
        }

        /** Whether nothing was drawn. */
        public boolean isEmpty() {
            return d.length() == 0;
        }

        String data() {
            return d.toString();
        }
    }
}
