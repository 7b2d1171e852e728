package io.chimeraforge.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Compat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The charts of the default HTML report: presence, accessibility, table fallbacks and their numbers. */
class ReportChartsTest {

    static Document html(List<ObjectNode> results) {
        return Jsoup.parse(Report.builder().resultNodes(List.copyOf(results)).build().html());
    }

    /** The rows of the fallback table of the figure holding svg#{@code id}, as cell texts. */
    static List<List<String>> tableOf(Document doc, String id) {
        Element figure = doc.getElementById(id).closest("figure");
        List<List<String>> rows = new ArrayList<>();
        for (Element tr : figure.select("details table tbody tr")) {
            rows.add(tr.select("td").eachText());
        }
        return rows;
    }

    static double[] ttfts(ObjectNode result) {
        List<Double> out = new ArrayList<>();
        result.get("individual_runs").forEach(r -> out.add(r.get("ttft_ms").asDouble()));
        return out.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @Test
    void everyChartHasATitleADescriptionACaptionAndATable() {
        Document doc = html(ChartFixtures.sixConfigurations());
        List<String> ids = doc.select("svg").eachAttr("id");
        assertThat(ids).containsExactly("chart-ttft-cdf", "chart-latency", "chart-sweep-concurrency");
        for (Element svg : doc.select("svg")) {
            String id = svg.id();
            assertThat(svg.attr("role")).isEqualTo("img");
            assertThat(svg.attr("aria-labelledby")).isEqualTo(id + "-title " + id + "-desc");
            assertThat(svg.child(0).tagName()).isEqualTo("title");
            assertThat(svg.child(0).id()).isEqualTo(id + "-title");
            assertThat(svg.child(0).text()).isNotBlank();
            assertThat(svg.child(1).tagName()).isEqualTo("desc");
            assertThat(svg.child(1).text()).isNotBlank();
            Element figure = svg.closest("figure");
            assertThat(figure).isNotNull();
            assertThat(figure.selectFirst("figcaption").text()).isNotBlank();
            assertThat(figure.select("details > table")).hasSize(1);
            assertThat(tableOf(doc, id)).isNotEmpty();
        }
        // The charts sit between the summary and the detailed results; no predictions were given.
        List<String> h2 = doc.select("h2").eachText();
        assertThat(h2).containsSubsequence("Summary", "Charts", "Detailed Results").doesNotContain("Predicted vs Measured");
    }

    @Test
    void ttftCdfLeavesOutUnmeasuredRequestsAndItsTableHasTheQuantiles() {
        List<ObjectNode> six = ChartFixtures.sixConfigurations();
        Document doc = html(six);
        List<List<String>> rows = tableOf(doc, "chart-ttft-cdf");
        // #6 measured no TTFT (all -1): not in the CDF.
        assertThat(rows).extracting(r -> r.get(0)).containsExactly("#1", "#2", "#3", "#4", "#5");
        double[] v = ttfts(six.get(0));
        assertThat(v).hasSize(20);
        List<String> first = rows.get(0);
        assertThat(first.get(1)).isEqualTo("llama3.2-3b · ollama · Q4_K_M · single · ctx=2048");
        assertThat(first.get(2)).isEqualTo("20");
        assertThat(first.get(3)).isEqualTo("0");
        assertThat(first.get(4)).isEqualTo(fixed(v[0]));
        // median of 20 values: the mean of the 10th and 11th
        assertThat(first.get(6)).isEqualTo(fixed((v[9] + v[10]) / 2));
        assertThat(first.get(10)).isEqualTo(fixed(v[19]));
        // one step (a vertical segment) per request
        Element path = doc.select("#chart-ttft-cdf path.series[stroke]").first();
        assertThat(path.attr("d").chars().filter(c -> c == 'V').count()).isEqualTo(20);
        assertThat(doc.getElementById("chart-ttft-cdf").select("text.legend > title").eachText())
                .contains("#1 llama3.2-3b · ollama · Q4_K_M · single · ctx=2048");
    }

    @Test
    void largeSamplesAreDrawnWithAtMost120StepsButTabulatedExactly() {
        ObjectNode big = ChartFixtures.result("m", "vllm", "FP16", "single", 2048, 1000, 9, 50, true, true, null,
                null, null);
        Document doc = html(List.of(big));
        Element path = doc.select("#chart-ttft-cdf path.series").first();
        assertThat(path.attr("d").chars().filter(c -> c == 'V').count()).isEqualTo(120);
        assertThat(tableOf(doc, "chart-ttft-cdf").get(0).get(2)).isEqualTo("1000");
    }

    @Test
    void noTtftDataGivesAParagraphInsteadOfTheCdf() {
        ObjectNode r = ChartFixtures.result("m", "tgi", "FP16", "single", 2048, 5, 1, 0, false, true, null, null,
                null);
        Document doc = html(List.of(r));
        assertThat(doc.getElementById("chart-ttft-cdf")).isNull();
        assertThat(doc.body().text()).contains("No configuration has per-request TTFT data");
        assertThat(doc.getElementById("chart-latency")).isNotNull();
    }

    @Test
    void latencyPercentilesComeFromTheAggregateAndMissingOnesFromTheRuns() {
        List<ObjectNode> six = ChartFixtures.sixConfigurations();
        Document doc = html(six);
        List<List<String>> rows = tableOf(doc, "chart-latency");
        assertThat(rows).hasSize(6);
        JsonNode agg1 = six.get(0).path("aggregate").path("total_duration_ms");
        assertThat(rows.get(0).subList(2, 7)).containsExactly(fixed(agg1.get("p50").asDouble()),
                fixed(agg1.get("p90").asDouble()), fixed(agg1.get("p95").asDouble()), fixed(agg1.get("p99").asDouble()),
                "aggregate");
        // #6 has no p90 in its aggregate (reference shape): computed from its 10 runs, k = 9 * 0.9 = 8.1
        double[] d = new double[10];
        int i = 0;
        for (JsonNode run : six.get(5).get("individual_runs")) {
            d[i++] = run.get("total_duration_ms").asDouble();
        }
        Arrays.sort(d);
        assertThat(rows.get(5).get(3)).isEqualTo(fixed(d[8] * 0.9 + d[9] * 0.1));
        assertThat(rows.get(5).get(6)).isEqualTo("aggregate + individual_runs");
        assertThat(doc.getElementById("chart-latency").closest("figure").selectFirst("figcaption").text())
                .contains("linear interpolation between closest ranks");
        // four markers per configuration, one tooltip per row with all four figures
        assertThat(doc.select("#chart-latency .mark")).hasSize(4 + 24); // legend + 6 rows
        assertThat(doc.select("#chart-latency rect.row > title").get(0).text()).isEqualTo("#1 " + rows.get(0).get(1)
                + ": P50 " + rows.get(0).get(2) + " P90 " + rows.get(0).get(3) + " P95 " + rows.get(0).get(4) + " P99 "
                + rows.get(0).get(5) + " ms");
    }

    @Test
    void concurrencySweepIsOneSeriesOfTheConfigurationsThatDifferOnlyInConcurrency() {
        Document doc = html(ChartFixtures.sixConfigurations());
        List<List<String>> rows = tableOf(doc, "chart-sweep-concurrency");
        assertThat(rows).containsExactly(
                List.of("S1", "llama3.1-8b · vllm · FP16 · batch · ctx=2048", "#2", "1", "52.0"),
                List.of("S1", "llama3.1-8b · vllm · FP16 · batch · ctx=2048", "#3", "2", "97.0"),
                List.of("S1", "llama3.1-8b · vllm · FP16 · batch · ctx=2048", "#4", "4", "171.0"));
        assertThat(doc.getElementById("chart-sweep-concurrency").closest("figure").text())
                .contains("aggregate.output_throughput_tps");
        assertThat(doc.getElementById("chart-sweep-rate")).isNull();
        assertThat(doc.select("#chart-sweep-concurrency circle.mark")).hasSize(3);
    }

    @Test
    void rateSweepAndTheMeanThroughputWhenAPointLacksTheAggregateRate() {
        ObjectNode a = ChartFixtures.result("m", "vllm", "FP16", "server", 2048, 10, 1, 50, true, true, 8, 1.0, 30.0);
        ObjectNode b = ChartFixtures.result("m", "vllm", "FP16", "server", 2048, 10, 2, 50, true, true, 8, 4.0, null);
        ObjectNode other = ChartFixtures.result("m", "vllm", "FP16", "server", 4096, 10, 3, 50, true, true, 8, 2.0,
                40.0);
        Document doc = html(List.of(a, b, other));
        assertThat(doc.getElementById("chart-sweep-concurrency")).isNull();
        List<List<String>> rows = tableOf(doc, "chart-sweep-rate");
        assertThat(rows).extracting(r -> r.get(2)).containsExactly("#1", "#2");
        assertThat(rows.get(0).get(3)).isEqualTo("1");
        assertThat(rows.get(0).get(4)).isEqualTo(fixed(a.path("aggregate").path("throughput_tps").path("mean").asDouble()));
        assertThat(doc.getElementById("chart-sweep-rate").closest("figure").text())
                .contains("mean per-request throughput");
        // the legend is shortened to fit; its tooltip holds the whole label
        assertThat(doc.getElementById("chart-sweep-rate").select("text.legend > title").eachText())
                .containsExactly("S1 m · vllm · FP16 · server · ctx=2048 · concurrency=8");
        assertThat(doc.getElementById("chart-sweep-rate").selectFirst("text.legend").ownText())
                .isEqualTo("S1 m · vllm · FP16 · server · ctx=2048 · concurrenc…");
    }

    @Test
    void noSweepSaysSo() {
        List<ObjectNode> six = ChartFixtures.sixConfigurations();
        Document doc = html(List.of(six.get(0), six.get(4)));
        assertThat(doc.select("svg[id^=chart-sweep]")).isEmpty();
        assertThat(doc.body().text()).contains("No sweep: no two configurations differ only in concurrency or request rate");
    }

    @Test
    void referenceModeAndMarkdownHaveNoCharts() {
        List<JsonNode> six = List.copyOf(ChartFixtures.sixConfigurations());
        Report reference = Report.builder().resultNodes(six).compat(Compat.REFERENCE)
                .predictions(ChartFixtures.predictions()).build();
        assertThat(Jsoup.parse(reference.html()).select("svg, figure")).isEmpty();
        assertThat(reference.html()).doesNotContain("Charts").doesNotContain("figcaption");
        Report corrected = Report.builder().resultNodes(six).predictions(ChartFixtures.predictions()).build();
        assertThat(corrected.markdown()).doesNotContain("Charts").doesNotContain("<svg")
                .doesNotContain("Predicted vs Measured");
    }

    @Test
    void typedResultsGetTheSameCharts() throws Exception {
        List<ObjectNode> six = ChartFixtures.sixConfigurations();
        var typed = io.chimeraforge.core.result.BenchResultFiles.parse(ChartFixtures.MAPPER.writeValueAsString(six));
        String fromTyped = Report.builder().results(typed).generatedAt(java.time.Instant.EPOCH).version("x").build()
                .html();
        Document doc = Jsoup.parse(fromTyped);
        assertThat(doc.select("svg").eachAttr("id"))
                .containsExactly("chart-ttft-cdf", "chart-latency", "chart-sweep-concurrency");
        assertThat(tableOf(doc, "chart-ttft-cdf")).isEqualTo(tableOf(html(six), "chart-ttft-cdf"));
    }

    @Test
    void fiftyConfigurationsStayUnder300KilobytesAndSelfContained() {
        List<JsonNode> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            // 10 models x 5 concurrencies: ten sweeps; 100 requests each
            results.add(ChartFixtures.result("model-with-a-long-name-" + (i / 5), "vllm", "FP16", "batch", 2048, 100,
                    i, 50 + i, true, true, 1 << (i % 5), null, 40.0 * (1 + i % 5)));
        }
        String html = Report.builder().resultNodes(results).predictions(r -> Optional.of(
                Prediction.of(50, 60, 3000, "RTX 4090 24GB · vllm FP16 · 1 replica"))).build().html();
        int bytes = html.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isLessThanOrEqualTo(300 * 1024);
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("svg")).hasSize(4);
        assertThat(doc.select("script, link, img, iframe, object, embed, image, use, foreignObject, [src], [href]"))
                .isEmpty();
        assertThat(tableOf(doc, "chart-sweep-concurrency")).hasSize(50);
    }

    @Test
    void everyCoordinateIsAPlainNumber() {
        String html = Report.builder().resultNodes(List.copyOf(ChartFixtures.sixConfigurations()))
                .predictions(ChartFixtures.predictions()).build().html();
        Document doc = Jsoup.parse(html);
        for (Element e : doc.select("svg *")) {
            for (String attr : List.of("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height")) {
                if (e.hasAttr(attr)) {
                    assertThat(e.attr(attr)).as(e.tagName() + "@" + attr).matches("-?\\d+(\\.\\d)?");
                }
            }
            if (e.tagName().equals("path")) {
                assertThat(e.attr("d")).matches("([MLHVZ]-?\\d+(\\.\\d)?( -?\\d+(\\.\\d)?)?|Z)+");
            }
        }
    }

    static String fixed(double v) {
        return io.chimeraforge.core.PyNumbers.fixed(v, 1);
    }
}
