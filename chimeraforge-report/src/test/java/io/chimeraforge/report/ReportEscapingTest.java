package io.chimeraforge.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Compat;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Hostile strings in every field of a result and in the title cannot change a report's structure:
 * the HTML parses (jsoup) to the same elements and attributes as with harmless strings, and the
 * default Markdown keeps its table columns and headings (spec §6.4 fixes).
 */
class ReportEscapingTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] ENV_KEYS = {"os", "platform", "python_version", "chimeraforge_version", "gpu_name",
        "gpu_driver", "cuda_version", "backend_name", "backend_version"};

    /** One result whose every string field is {@code s} (warnings twice). */
    static ObjectNode result(String s) {
        return result(s, 1);
    }

    /**
     * One result whose every string field is {@code s}, with per-request runs (TTFT data for the
     * CDF) and a {@code load} at {@code concurrency} (two results at different concurrencies form a
     * sweep), so every chart shows the strings.
     */
    static ObjectNode result(String s, int concurrency) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("model", s).put("backend", s).put("quant", s).put("workload", s).put("runs", 3)
                .put("context_length", 2048);
        ArrayNode runs = r.putArray("individual_runs");
        for (int i = 0; i < 3; i++) {
            runs.addObject().put("tokens_generated", 100).put("throughput_tps", 10.0 + i).put("ttft_ms", 20.0 + i)
                    .put("total_duration_ms", 1000.0 + 10 * i).put("prompt_eval_duration_ms", 0.0)
                    .put("eval_duration_ms", 900.0);
        }
        ObjectNode agg = r.putObject("aggregate");
        agg.put("count", 3).put("tokens_generated", 300);
        for (String metric : List.of("throughput_tps", "ttft_ms", "total_duration_ms")) {
            ObjectNode m = agg.putObject(metric);
            for (String stat : List.of("mean", "p50", "p95", "p99", "min", "max", "stddev")) {
                m.put(stat, 12.5);
            }
        }
        ObjectNode env = r.putObject("environment");
        for (String key : ENV_KEYS) {
            env.put(key, s);
        }
        ArrayNode warnings = r.putArray("warnings");
        warnings.add(s).add("note: " + s);
        r.putObject("load").put("mode", s).put("concurrency", concurrency).putObject("sweep").put("option", s);
        return r;
    }

    /** Two results at concurrency 1 and 2, predictions whose basis is {@code s} for both. */
    static Report report(String s, Compat compat) {
        return Report.builder().resultNodes(List.of(result(s, 1), result(s, 2))).title(s).compat(compat)
                .predictions(r -> java.util.Optional.of(Prediction.of(11, 20, 1100, s))).build();
    }

    /** Every element in document order with its attributes (name=value, sorted). */
    static List<String> structure(Document doc) {
        List<String> out = new ArrayList<>();
        for (Element e : doc.getAllElements()) {
            TreeMap<String, String> attrs = new TreeMap<>();
            for (Attribute a : e.attributes()) {
                attrs.put(a.getKey(), a.getValue());
            }
            out.add(e.tagName() + attrs);
        }
        return out;
    }

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.of("<script>alert(1)</script>", "</title><script>x()</script>",
                "\"", "'", "\" onload=\"x()", "<img src=x onerror=alert(1)>", "|", "\n", "\r\n", "\u2028",
                "\u2029", "\u202e", "\u200f", "\u2066", "# heading", "**bold**", "`code`", "&amp;", "&lt;",
                "<!--", "-->", "]]>", "<svg/onload=x>", "</table>", "<style>", "\\", "*", "plain", "\u0000");
        return pieces.list().ofMinSize(1).ofMaxSize(6).map(l -> String.join("", l));
    }

    @Property(tries = 200)
    void hostileStringsDoNotChangeTheHtmlStructure(@ForAll("hostile") String s) {
        for (Compat compat : Compat.values()) {
            List<String> harmless = structure(Jsoup.parse(report("harmless", compat).html()));
            Document doc = Jsoup.parse(report(s, compat).html());
            assertThat(structure(doc)).isEqualTo(harmless);
            // The title reads back as given (NUL is written as U+FFFD).
            assertThat(doc.selectFirst("title").wholeText())
                    .isEqualTo(s.replace('\u0000', '\uFFFD'));
        }
    }

    @Property(tries = 200)
    void hostileStringsDoNotChangeTheDefaultMarkdownStructure(@ForAll("hostile") String s) {
        assertThat(markdownShape(report(s, Compat.defaults()).markdown()))
                .isEqualTo(markdownShape(report("harmless", Compat.defaults()).markdown()));
    }

    /** Line count, and per line: its heading/bullet prefix and its number of unescaped pipes. */
    static List<String> markdownShape(String markdown) {
        List<String> out = new ArrayList<>();
        for (String line : markdown.split("\n", -1)) {
            int pipes = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == '\\') {
                    i++;
                } else if (line.charAt(i) == '|') {
                    pipes++;
                }
            }
            String prefix = line.startsWith("#") ? line.substring(0, line.indexOf(' ') + 1)
                    : line.startsWith("- ") ? "- " : line.isEmpty() ? "" : "text";
            out.add(prefix + pipes + (line.contains("\u2028") || line.contains("\u2029") ? "LS" : ""));
        }
        return out;
    }

    @Test
    void referenceModeKeepsTheReferenceMarkdownDefectsAndTheDefaultFixesThem() {
        String s = "a|b\n# injected";
        List<String> harmless = markdownShape(report("harmless", Compat.defaults()).markdown());
        assertThat(markdownShape(report(s, Compat.REFERENCE).markdown())).isNotEqualTo(harmless);
        String fixed = report(s, Compat.defaults()).markdown();
        assertThat(markdownShape(fixed)).isEqualTo(harmless);
        assertThat(fixed).startsWith("# a\\|b \\# injected\n").doesNotContain("\n# injected");
    }

    @Test
    void titleIsEscapedInTheHtmlTitleAndHeading() {
        String html = report("X</title><script>alert(1)</script>", Compat.REFERENCE).html();
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.title()).isEqualTo("X</title><script>alert(1)</script>");
        assertThat(doc.selectFirst("h1").text()).isEqualTo("X</title><script>alert(1)</script>");
    }

    @Test
    void htmlIsSelfContained() {
        Document doc = Jsoup.parse(report("m", Compat.defaults()).html());
        assertThat(doc.select("script, link, img, iframe, object, embed, [src], [href]")).isEmpty();
        assertThat(doc.select("style").html()).doesNotContain("url(").doesNotContain("@import");
        assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .contains("default-src 'none'");
        assertThat(doc.select("table")).hasSize(8); // summary, 2 details, accuracy + 4 chart tables
        assertThat(doc.select("figure table")).hasSize(4);
        assertThat(doc.select("h3")).hasSize(5);
        assertThat(doc.select("svg")).hasSize(4);
    }

    @Property(tries = 100)
    void hostileStringsReadBackAsTextInTheCharts(@ForAll("hostile") String s) {
        Document doc = Jsoup.parse(report(s, Compat.defaults()).html());
        String shown = s.replace('\u0000', '\uFFFD');
        // Legends hold "#1 " + the label (shortened, with the whole label as the tooltip).
        String label = shown + " · " + shown + " · " + shown + " · " + shown + " · ctx=2048";
        assertThat(doc.select("#chart-ttft-cdf path.series > title").stream().map(Element::wholeText))
                .contains("#1 " + label + ": 3 requests with TTFT");
        assertThat(doc.select("#chart-sweep-concurrency path.series > title").stream().map(Element::wholeText))
                .contains("S1 " + label);
        assertThat(doc.select("#chart-predicted + figcaption + details td").stream().map(Element::wholeText))
                .contains(shown, label);
        assertThat(doc.select("svg *")).allSatisfy(e -> assertThat(List.of("title", "desc", "line", "path", "text",
                "circle", "rect")).contains(e.tagName()));
    }

    @Test
    void typedResultsRenderLikeTheirJson() throws Exception {
        JsonNode node = result("llama3.2-3b");
        var typed = io.chimeraforge.core.result.BenchResultFiles.parse(MAPPER.writeValueAsString(List.of(node)));
        String fromTyped = Report.builder().results(typed).build().markdown();
        assertThat(fromTyped).contains("### 1. llama3.2-3b | llama3.2-3b | llama3.2-3b | ctx=2048 | llama3.2-3b")
                .contains("| Throughput (tok/s) | 12.5 | 12.5 | 12.5 | 12.5 | 12.5 | 12.5 | 12.5 |");
    }
}
