package io.chimeraforge.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Spec §1.10: readers tolerate missing keys (the reference's defaults) and keep unknown ones. */
class BenchResultReaderToleranceTest {

    @Test
    void anEmptyObjectReadsWithTheDefaults() throws Exception {
        BenchResult r = BenchResultFiles.parse("[{}]").get(0);
        assertThat(r.model()).isEmpty();
        assertThat(r.quant()).isEmpty();
        assertThat(r.workload()).isEqualTo("single");
        assertThat(r.contextLength()).isEqualTo(2048);
        assertThat(r.aggregate().count()).isZero();
        assertThat(r.aggregate().throughputTps().mean()).isZero();
        assertThat(r.individualRuns()).isEmpty();
    }

    @Test
    void nullValuesReadAsMissing() throws Exception {
        BenchResult r = BenchResultFiles.parse(
                "[{\"model\": \"m\", \"quant\": null, \"workload\": null, \"context_length\": null}]").get(0);
        assertThat(r.quant()).isEmpty();
        assertThat(r.workload()).isEqualTo("single");
        assertThat(r.contextLength()).isEqualTo(2048);
    }

    @Test
    void unknownKeysAreKeptAtEveryLevel() throws Exception {
        BenchResult r = BenchResultFiles.parse("""
                {"model": "m", "future_key": {"a": 1}, "aggregate": {"count": 1, "future_rate": 2.5},
                 "individual_runs": [{"tokens_generated": 3, "future_flag": true}]}""").get(0);
        assertThat(r.extra()).containsEntry("future_key", Map.of("a", 1));
        assertThat(r.aggregate().number("future_rate")).isEqualTo(Optional.of(2.5));
        assertThat(r.individualRuns()).hasSize(1);
        assertThat(r.individualRuns().get(0).extra()).containsEntry("future_flag", true);
        assertThat(BenchResultFiles.toJson(List.of(r))).contains("\"future_key\"", "\"future_rate\"", "\"future_flag\"");
    }
}
