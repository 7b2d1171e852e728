package io.chimeraforge.report.internal;

import java.util.List;

/**
 * One block of a report document, rendered to Markdown or HTML. Texts marked as data come from
 * result files and are escaped by the renderer; {@code Text} pieces hold literal report wording.
 */
public sealed interface Block {

    /** A piece of inline text: {@code data} texts come from result files, others are our wording. */
    record Text(String value, boolean data, boolean strong) {
        /** Data text (escaped on output). */
        public static Text data(String value) {
            return new Text(value, true, false);
        }

        /** Our own wording. */
        public static Text plain(String value) {
            return new Text(value, false, false);
        }

        /** Our own wording in bold. */
        public static Text strong(String value) {
            return new Text(value, false, true);
        }
    }

    /** A heading of level 1 to 3. */
    record Heading(int level, List<Text> text) implements Block {
    }

    /** A grey italic metadata line (the generated time). */
    record Meta(String text) implements Block {
    }

    /** A plain paragraph. */
    record Paragraph(List<Text> text) implements Block {
    }

    /** A bullet list; each item is a run of texts. */
    record Bullets(List<List<Text>> items) implements Block {
    }

    /** A table: header, per-column right alignment, rows of cells. */
    record Table(List<String> header, List<String> alignment, List<List<Text>> rows) implements Block {
    }

    /**
     * A chart: SVG markup written by {@link SvgWriter} (every data string in it escaped), its
     * caption, and a table with the same numbers as a text fallback.
     */
    record Figure(String svg, List<Text> caption, Table table) implements Block {
    }

    /** A horizontal rule followed by the footer line. */
    record Footer(String text) implements Block {
    }
}
