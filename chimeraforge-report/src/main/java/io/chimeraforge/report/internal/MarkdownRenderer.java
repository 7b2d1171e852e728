package io.chimeraforge.report.internal;

import java.util.List;

/**
 * Renders blocks to Markdown. In reference mode data is written as is (the reference's output,
 * line for line); otherwise data is escaped so it cannot change the document's structure: line
 * breaks become spaces and Markdown/HTML punctuation is backslash-escaped (so a {@code |} stays in
 * its table cell and a {@code <tag>} is shown, not rendered).
 */
public final class MarkdownRenderer {

    private static final String ESCAPED = "\\`*_[]<>|#!&~";

    private final boolean escape;

    /** @param escape whether data texts are escaped (false only for reference compatibility) */
    public MarkdownRenderer(boolean escape) {
        this.escape = escape;
    }

    /** The whole document, {@code \n}-separated, ending with a newline. */
    public String render(List<Block> blocks) {
        StringBuilder out = new StringBuilder();
        for (Block block : blocks) {
            if (block instanceof Block.Heading h) {
                out.append("#".repeat(h.level())).append(' ').append(inline(h.text())).append("\n\n");
            } else if (block instanceof Block.Meta m) {
                out.append('*').append(m.text()).append("*\n\n");
            } else if (block instanceof Block.Paragraph p) {
                out.append(inline(p.text())).append("\n\n");
            } else if (block instanceof Block.Bullets b) {
                for (List<Block.Text> item : b.items()) {
                    out.append("- ").append(inline(item)).append('\n');
                }
                out.append('\n');
            } else if (block instanceof Block.Table t) {
                out.append("| ").append(String.join(" | ", t.header())).append(" |\n");
                out.append("| ").append(String.join(" | ", t.alignment())).append(" |\n");
                for (List<Block.Text> row : t.rows()) {
                    out.append('|');
                    for (Block.Text cell : row) {
                        out.append(' ').append(text(cell)).append(" |");
                    }
                    out.append('\n');
                }
                out.append('\n');
            } else if (block instanceof Block.Figure) {
                continue; // Charts are HTML only; the Markdown report has no chart section.
            } else if (block instanceof Block.Footer f) {
                out.append("---\n*").append(f.text()).append("*\n");
            }
        }
        return out.toString();
    }

    private String inline(List<Block.Text> texts) {
        StringBuilder out = new StringBuilder();
        for (Block.Text t : texts) {
            out.append(text(t));
        }
        return out.toString();
    }

    private String text(Block.Text t) {
        String value = t.data() && escape ? escapeData(t.value()) : t.value();
        return t.strong() ? "**" + value + "**" : value;
    }

    /** Line breaks (including U+2028/U+2029/NEL) to spaces, Markdown punctuation backslash-escaped. */
    static String escapeData(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029' || c == '\u0085' || c == '\u000b'
                    || c == '\u000c') {
                out.append(' ');
            } else {
                if (ESCAPED.indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
