package io.chimeraforge.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.report.internal.Welch;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/** Welch intervals, the noise band, verdicts and the comparability warnings of the default mode. */
class ComparisonStatisticsTest {

    /** A result whose per-request throughputs are {@code tps}; aggregate mean = their mean. */
    private static String result(double[] tps, String extra) {
        String runs = Arrays.stream(tps).mapToObj(v -> "{\"tokens_generated\": 100, \"throughput_tps\": " + v
                + ", \"ttft_ms\": -1.0, \"total_duration_ms\": 1000.0}").collect(Collectors.joining(","));
        double mean = Arrays.stream(tps).average().orElse(0);
        return "{\"model\": \"m\", \"backend\": \"vllm\", \"individual_runs\": [" + runs + "], \"aggregate\": {\"count\": "
                + tps.length + ", \"tokens_generated\": " + 100L * tps.length + ", \"throughput_tps\": {\"mean\": " + mean
                + "}, \"ttft_ms\": {\"mean\": -1.0}, \"total_duration_ms\": {\"mean\": 1000.0}}" + extra + "}";
    }

    private static List<BenchResult> parse(String json) throws IOException {
        return BenchResultFiles.parse("[" + json + "]");
    }

    @Test
    void intervalExcludesZeroExactlyWhenWelchsTestRejectsAtTheSameLevel() {
        Random random = new Random(42);
        int rejected = 0;
        for (int trial = 0; trial < 200; trial++) {
            double[] a = random.doubles(5 + random.nextInt(20)).map(v -> 100 + 10 * v).toArray();
            double shift = random.nextDouble() * 6;
            double[] b = random.doubles(5 + random.nextInt(20)).map(v -> 100 + shift + 12 * v).toArray();
            double[] ci = Welch.differenceOfMeans(a, b, 0.95).orElseThrow();
            boolean excludes = ci[0] > 0 || ci[1] < 0;
            double p = new TTest().tTest(a, b);   // two-sided, unequal variances
            if (Math.abs(p - 0.05) > 1e-9) {
                assertThat(excludes).as("trial %d, p = %s", trial, p).isEqualTo(p < 0.05);
            }
            rejected += excludes ? 1 : 0;
        }
        assertThat(rejected).isBetween(1, 199); // both outcomes exercised
    }

    @Test
    void fewerThanTwoRequestsGiveNoInterval() {
        assertThat(Welch.differenceOfMeans(new double[] {1}, new double[] {1, 2}, 0.95)).isEmpty();
    }

    @Test
    void noisyChangeIsUnchangedAndAClearDropIsARegression() throws IOException {
        List<BenchResult> base = parse(result(new double[] {100, 60, 140, 90, 110}, ""));
        ComparisonRow noisy = Comparison.of(base, parse(result(new double[] {95, 55, 135, 85, 105}, ""))).rows().get(0);
        assertThat(noisy.deltaThroughputPct()).isNegative();
        assertThat(noisy.throughput().interval()).isPresent();
        assertThat(noisy.throughput().interval().get().excludesZero()).isFalse();
        assertThat(noisy.throughput().verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(noisy.ttft().verdict()).isEqualTo(Verdict.NOT_MEASURED);

        List<BenchResult> tight = parse(result(new double[] {100, 101, 99, 100, 100}, ""));
        Comparison drop = Comparison.of(tight, parse(result(new double[] {90, 91, 89, 90, 90}, "")));
        assertThat(drop.rows().get(0).throughput().verdict()).isEqualTo(Verdict.REGRESSED);
        assertThat(drop.regressedRows()).hasSize(1);
        assertThat(drop.regressions()).isEqualTo(1);
        // the reference calls the noisy one a regression: no noise band at all
        assertThat(Comparison.of(base, parse(result(new double[] {95, 55, 135, 85, 105}, "")),
                io.chimeraforge.core.Compat.REFERENCE).regressions()).isEqualTo(1);
    }

    @Test
    void changesWithinTheThresholdAreNotCalled() throws IOException {
        List<BenchResult> base = parse(result(new double[] {100, 100.5, 99.5, 100}, ""));
        List<BenchResult> cand = parse(result(new double[] {97, 97.5, 96.5, 97}, ""));
        assertThat(Comparison.of(base, cand).rows().get(0).throughput().verdict()).isEqualTo(Verdict.REGRESSED);
        Comparison banded = Comparison.of(base, cand, CompareOptions.defaults().withThresholdPct(5));
        assertThat(banded.rows().get(0).throughput().verdict()).isEqualTo(Verdict.UNCHANGED);
        assertThat(banded.regressedRows()).isEmpty();
    }

    @Test
    void differentOutputLengthLoadModelAndTokenSourceAreFlagged() throws IOException {
        String baseExtra = ", \"load\": {\"mode\": \"concurrent\", \"concurrency\": 4}, \"token_counts\": {\"server_usage\": 5,"
                + " \"client_fallback_requests\": 0}";
        String candExtra = ", \"load\": {\"mode\": \"concurrent\", \"concurrency\": 8}, \"token_counts\": {\"client_tokenizer\": 5,"
                + " \"client_fallback_requests\": 5}";
        List<BenchResult> base = parse(result(new double[] {100, 100}, baseExtra));
        List<BenchResult> cand = parse(result(new double[] {100, 100}, candExtra).replace("\"tokens_generated\": 200",
                "\"tokens_generated\": 300"));
        List<String> warnings = Comparison.of(base, cand).rows().get(0).warnings();
        assertThat(warnings).containsExactly(
                "output length differs: 100.0 tokens per request in the baseline, 150.0 in the candidate",
                "load model differs: concurrency 4 in the baseline, 8 in the candidate",
                "token counts come from different sources: [server_usage] in the baseline, [client_tokenizer] in the candidate");
        assertThat(Comparison.of(base, base).rows().get(0).warnings()).isEmpty();
    }
}
