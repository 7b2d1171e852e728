package io.chimeraforge.report.internal;

import java.util.List;

/**
 * Renders blocks to one self-contained HTML page: an inline style sheet, no script, no external
 * resource (a Content-Security-Policy forbids loading any), every data string escaped for text
 * content. Elements and attributes all come from this class and, for charts, from
 * {@link SvgWriter}; data only ever lands in text (and escaped tooltips).
 */
public final class HtmlRenderer {

    private static final String STYLE = "body{font-family:-apple-system,BlinkMacSystemFont,\"Segoe UI\",Helvetica,"
            + "Arial,sans-serif;line-height:1.6;color:#24292e;max-width:960px;margin:0 auto;padding:2rem}"
            + "h1{border-bottom:2px solid #0366d6;padding-bottom:.3em}h2{border-bottom:1px solid #eaecef;"
            + "padding-bottom:.3em}table{border-collapse:collapse;width:100%;margin:1em 0}"
            + "th,td{border:1px solid #dfe2e5;padding:6px 13px;text-align:right}"
            + "th:first-child,td:first-child{text-align:left}th{background:#f6f8fa}"
            + "tr:nth-child(even){background:#f6f8fa}.meta{color:#586069;font-style:italic}";
    /** Added only to pages with charts, so pages without (reference mode) stay byte for byte as before. */
    private static final String CHART_STYLE = "figure{margin:1.5em 0}figcaption{color:#586069;font-size:.9em;"
            + "margin-top:.4em}details{margin:.5em 0}summary{cursor:pointer;color:#0366d6}"
            + ".chart{display:block;width:100%;height:auto;font-size:11px}.chart text{fill:#24292e}"
            + ".chart .tick{fill:#586069}.chart .axis{stroke:#586069;stroke-width:1}"
            + ".chart .grid{stroke:#eaecef;stroke-width:1}.chart .series{fill:none;stroke-width:1.6}"
            + ".chart .range{stroke:#d1d5da;stroke-width:2}.chart .row{fill:transparent}.chart .row:hover{fill:#f6f8fa}.chart .mark{stroke:#fff;stroke-width:.6}"
            + ".chart .diag{stroke:#959da5;stroke-dasharray:4 3}.chart .axis-title{font-size:12px}"
            + ".chart .point-label{font-size:10px;fill:#586069}";

    /** The page for {@code blocks} titled {@code title} (escaped). */
    public String render(String title, List<Block> blocks) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>").append(STYLE);
        if (blocks.stream().anyMatch(Block.Figure.class::isInstance)) {
            out.append(CHART_STYLE);
        }
        out.append("</style>\n</head>\n<body>\n");
        for (Block block : blocks) {
            if (block instanceof Block.Heading h) {
                out.append("<h").append(h.level()).append('>').append(inline(h.text()))
                        .append("</h").append(h.level()).append(">\n");
            } else if (block instanceof Block.Meta m) {
                out.append("<p class=\"meta\">").append(escape(m.text())).append("</p>\n");
            } else if (block instanceof Block.Paragraph p) {
                out.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (block instanceof Block.Bullets b) {
                out.append("<ul>\n");
                for (List<Block.Text> item : b.items()) {
                    out.append("<li>").append(inline(item)).append("</li>\n");
                }
                out.append("</ul>\n");
            } else if (block instanceof Block.Table t) {
                table(out, t);
            } else if (block instanceof Block.Figure f) {
                // The SVG comes from SvgWriter, which escaped every data string in it.
                out.append("<figure>\n").append(f.svg()).append("\n<figcaption>").append(inline(f.caption()))
                        .append("</figcaption>\n<details>\n<summary>Data table</summary>\n");
                table(out, f.table());
                out.append("</details>\n</figure>\n");
            } else if (block instanceof Block.Footer f) {
                out.append("<hr>\n<p class=\"meta\">").append(escape(f.text())).append("</p>\n");
            }
        }
        return out.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder out, Block.Table t) {
        out.append("<table>\n<thead>\n<tr>");
        for (String h : t.header()) {
            out.append("<th>").append(escape(h)).append("</th>");
        }
        out.append("</tr>\n</thead>\n<tbody>\n");
        for (List<Block.Text> row : t.rows()) {
            out.append("<tr>");
            for (Block.Text cell : row) {
                out.append("<td>").append(text(cell)).append("</td>");
            }
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n");
    }

    private static String inline(List<Block.Text> texts) {
        StringBuilder out = new StringBuilder();
        for (Block.Text t : texts) {
            out.append(text(t));
        }
        return out.toString();
    }

    private static String text(Block.Text t) {
        String value = escape(t.value());
        return t.strong() ? "<strong>" + value + "</strong>" : value;
    }

    /** Escapes text for HTML text content and quoted attribute values. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\u0000' -> out.append('\uFFFD');
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
