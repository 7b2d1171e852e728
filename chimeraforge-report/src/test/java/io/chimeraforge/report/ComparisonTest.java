package io.chimeraforge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default mode's departures from the reference, and the shared matching rules. */
class ComparisonTest {

    private static String result(String model, String quant, double tps, double ttft, double duration) {
        return "{\"model\": \"" + model + "\", \"backend\": \"vllm\", \"quant\": " + quant
                + ", \"aggregate\": {\"count\": 3, \"throughput_tps\": {\"mean\": " + tps + "}, \"ttft_ms\": {\"mean\": "
                + ttft + "}, \"total_duration_ms\": {\"mean\": " + duration + "}}}";
    }

    private static List<BenchResult> parse(String... results) throws IOException {
        return BenchResultFiles.parse("[" + String.join(",", results) + "]");
    }

    @Test
    void fieldsAreKeptFromTheResultsSoABarInAModelNameWorks() throws IOException {
        List<BenchResult> base = parse(result("org|model", "null", 100, 50, 1000));
        List<BenchResult> cand = parse(result("org|model", "null", 110, 45, 900));
        ComparisonRow row = Comparison.of(base, cand).rows().get(0);
        assertThat(row.model()).isEqualTo("org|model");
        assertThat(row.backend()).isEqualTo("vllm");
        assertThat(row.quant()).isEqualTo("default");
        assertThat(row.contextLength()).isEqualTo(2048);
        assertThatThrownBy(() -> Comparison.of(base, cand, Compat.REFERENCE))
                .isInstanceOf(ComparisonException.class)
                .hasMessage("invalid literal for int() with base 10: 'single'");
    }

    @Test
    void unmatchedConfigurationsAreCountedOncePerConfiguration() throws IOException {
        List<BenchResult> base = parse(result("a", "\"Q4\"", 1, 1, 1), result("b", "\"Q4\"", 1, 1, 1),
                result("b", "\"Q4\"", 9, 9, 9), result("c", "\"Q4\"", 1, 1, 1));
        List<BenchResult> cand = parse(result("a", "\"Q4\"", 2, 1, 1), result("d", "\"Q4\"", 1, 1, 1),
                result("a", "\"Q4\"", 7, 1, 1));
        Comparison c = Comparison.of(base, cand);
        assertThat(c.rows()).extracting(ComparisonRow::model).containsExactly("a");
        assertThat(c.rows().get(0).candidateThroughput()).isEqualTo(2.0); // first result wins
        assertThat(c.unmatchedBaseline()).isEqualTo(2);                   // b (twice) and c
        assertThat(c.unmatchedCandidate()).isEqualTo(1);                  // d
    }

    @Test
    void unmeasuredTtftHasNoDeltaButTheReferenceComputesOne() throws IOException {
        List<BenchResult> base = parse(result("a", "null", 100, -1, 1000));
        List<BenchResult> cand = parse(result("a", "null", 100, 80, 1000));
        assertThat(Comparison.of(base, cand).rows().get(0).deltaTtftPct()).isEmpty();
        assertThat(Comparison.of(base, cand, Compat.REFERENCE).rows().get(0).deltaTtftPct().getAsDouble())
                .isEqualTo((80.0 - -1.0) / -1.0 * 100);
        assertThat(Comparison.of(base, cand).toJson()).contains("\"delta_ttft_pct\": null");
    }

    @Test
    void summaryCountsImprovementsAndRegressionsByThroughput() throws IOException {
        List<BenchResult> base = parse(result("a", "null", 100, 1, 1000), result("b", "null", 100, 1, 1000),
                result("c", "null", 100, 1, 1000));
        List<BenchResult> cand = parse(result("a", "null", 120, 1, 900), result("b", "null", 90, 1, 1000),
                result("c", "null", 100, 1, 1300));
        Comparison c = Comparison.of(base, cand);
        assertThat(c.improvements()).isEqualTo(1);
        assertThat(c.regressions()).isEqualTo(1);
        assertThat(c.averageThroughputDeltaPct()).isCloseTo((20.0 - 10.0 + 0.0) / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.averageDurationDeltaPct()).isCloseTo((-10.0 + 0 + 30.0) / 3, org.assertj.core.data.Offset.offset(1e-12));
    }
}
