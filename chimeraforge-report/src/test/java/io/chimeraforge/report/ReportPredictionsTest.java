package io.chimeraforge.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The "Predicted vs Measured" section: the table, the reasons, the scatter and the accuracy figures. */
class ReportPredictionsTest {

    /** A result without per-request runs whose aggregate holds exactly these measurements. */
    static ObjectNode measured(String model, double tps, double ttft, double p95) {
        ObjectNode r = ChartFixtures.MAPPER.createObjectNode();
        r.put("model", model).put("backend", "vllm").put("quant", "FP16").put("workload", "single").put("runs", 5)
                .put("context_length", 2048);
        ObjectNode agg = r.putObject("aggregate");
        agg.put("count", 5);
        agg.putObject("throughput_tps").put("mean", tps).put("p50", tps).put("p95", tps).put("p99", tps);
        agg.putObject("ttft_ms").put("mean", ttft).put("p50", ttft).put("p95", ttft).put("p99", ttft);
        agg.putObject("total_duration_ms").put("mean", p95 / 2).put("p50", p95 / 2).put("p90", p95 * 0.9)
                .put("p95", p95).put("p99", p95);
        agg.put("tokens_generated", 640);
        return r;
    }

    static List<List<String>> rows(Element table) {
        List<List<String>> out = new ArrayList<>();
        for (Element tr : table.select("tbody tr")) {
            out.add(tr.select("td").eachText());
        }
        return out;
    }

    /**
     * Hand-computed: throughput measured [50, 100] predicted [60, 90]: RMSE = sqrt((100 + 100) / 2)
     * = 10, MAE = 10, MAPE = (10/50 + 10/100) / 2 = 15 %, R² = 1 − 200 / 1250 = 0.84. TTFT measured
     * [100, 200] predicted [100, 260]: RMSE = sqrt(3600 / 2) = 42.43, MAE = 30, MAPE = (0 + 0.3) / 2
     * = 15 %, R² = 1 − 3600 / 5000 = 0.28. P95: one pair (1000 vs 1500): 500, 500, 50 %, R² 0 (a
     * single measurement has no spread). The third result's TTFT was not measured (−1) and it has
     * no prediction; the fourth gets none from the function.
     */
    @Test
    void accuracyFiguresForAHandComputedCase() {
        List<JsonNode> results = List.of(measured("a", 50, 100, 1000), measured("b", 100, 200, 2000),
                measured("c", 70, -1, 1500), measured("d", 80, 120, 1800));
        Map<String, Optional<Prediction>> byModel = Map.of(
                "a", Optional.of(Prediction.of(60, 100, 1500, "GPU X · vllm FP16")),
                "b", Optional.of(new Prediction(OptionalDouble.of(90), OptionalDouble.of(260), OptionalDouble.empty(),
                        "GPU X · vllm FP16 (p95 saturated)")),
                "c", Optional.of(Prediction.unavailable("no GPU recorded (use --hardware)")),
                "d", Optional.empty());
        Document doc = Jsoup.parse(Report.builder().resultNodes(results)
                .predictions(r -> byModel.get(r.model())).build().html());
        assertThat(doc.select("h2").eachText()).containsSubsequence("Charts", "Predicted vs Measured",
                "Detailed Results");
        Element svg = doc.getElementById("chart-predicted");
        assertThat(svg).isNotNull();
        assertThat(svg.selectFirst("title").text()).isEqualTo("Predicted vs measured");
        // points: throughput 2, TTFT 2, p95 1
        assertThat(svg.select("circle.mark")).hasSize(5);
        assertThat(svg.select("line.diag")).hasSize(3);
        List<List<String>> table = rows(svg.closest("figure").selectFirst("details table"));
        assertThat(table).containsExactly(
                List.of("#1", "a · vllm · FP16 · single · ctx=2048", "GPU X · vllm FP16", "60.0", "50.0", "100.0",
                        "100.0", "1500.0", "1000.0"),
                List.of("#2", "b · vllm · FP16 · single · ctx=2048", "GPU X · vllm FP16 (p95 saturated)", "90.0",
                        "100.0", "260.0", "200.0", "-", "2000.0"),
                List.of("#3", "c · vllm · FP16 · single · ctx=2048", "no GPU recorded (use --hardware)", "-", "70.0",
                        "-", "-", "-", "1500.0"),
                List.of("#4", "d · vllm · FP16 · single · ctx=2048", "no prediction", "-", "80.0", "-", "120.0",
                        "-", "1800.0"));
        Element accuracy = null;
        for (Element t : doc.select("table")) {
            if (t.select("thead th").eachText().equals(List.of("Metric", "Pairs", "RMSE", "MAE", "MAPE (%)", "R²"))) {
                accuracy = t;
            }
        }
        assertThat(accuracy).isNotNull();
        assertThat(rows(accuracy)).containsExactly(
                List.of("Throughput (tok/s)", "2", "10.0", "10.0", "15.0", "0.840"),
                List.of("TTFT (ms)", "2", "42.4", "30.0", "15.0", "0.280"),
                List.of("P95 latency (ms)", "1", "500.0", "500.0", "50.0", "0.000"));
    }

    @Test
    void noPredictionAtAllGivesTheTableWithTheReasonsAndNoChart() {
        Document doc = Jsoup.parse(Report.builder().resultNodes(List.of(measured("a", 50, 100, 1000)))
                .predictions(r -> Optional.of(Prediction.unavailable("no GPU known for this result"))).build().html());
        assertThat(doc.getElementById("chart-predicted")).isNull();
        assertThat(doc.body().text()).contains("No configuration has a prediction")
                .contains("no GPU known for this result");
    }

    @Test
    void predictionsAreValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Prediction.of(-1, 1, 1, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("throughputTps");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Prediction.of(1, 1, Double.POSITIVE_INFINITY, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p95Ms");
        assertThat(Prediction.unavailable("why").isAvailable()).isFalse();
        assertThat(Prediction.of(1, 2, 3, "b").isAvailable()).isTrue();
    }

    @Test
    void theFunctionSeesTheTypedResultIncludingTheHardwareKey() {
        ObjectNode r = measured("a", 50, 100, 1000);
        r.put("hardware", "RTX 4090 24GB");
        List<String> seen = new ArrayList<>();
        Report.builder().resultNodes(List.of(r)).predictions(typed -> {
            seen.add(typed.model() + "@" + typed.extra().get("hardware"));
            return Optional.empty();
        }).build().html();
        assertThat(seen).containsExactly("a@RTX 4090 24GB");
    }
}
