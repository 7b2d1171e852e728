package io.chimeraforge.core.result;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchResultInteropTest {

    private static List<JsonNode> goldenRecords() throws Exception {
        try (InputStream in = BenchResultInteropTest.class.getResourceAsStream("/interop/compare.jsonl")) {
            List<JsonNode> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(Json.mapper().readTree(line));
                }
            }
            return out;
        }
    }

    @Test
    void referenceShapedFilesFromTheGoldenInputsLoad() throws Exception {
        int files = 0;
        for (JsonNode record : goldenRecords()) {
            List<JsonNode> arrays = new ArrayList<>();
            arrays.add(record.path("input").path("baseline"));
            record.path("input").path("candidates").forEach(arrays::add);
            for (JsonNode array : arrays) {
                List<BenchResult> results = BenchResultFiles.parse(array.toString());
                assertThat(results).hasSize(array.size());
                for (int i = 0; i < array.size(); i++) {
                    JsonNode src = array.get(i);
                    BenchResult r = results.get(i);
                    assertThat(r.model()).isEqualTo(src.path("model").asText());
                    assertThat(r.quant()).isEqualTo(src.path("quant").isNull() || src.path("quant").isMissingNode()
                            ? Optional.empty() : Optional.of(src.path("quant").asText()));
                    assertThat(r.workload()).isEqualTo(src.path("workload").asText("single"));
                    assertThat(r.contextLength()).isEqualTo(src.path("context_length").asInt(2048));
                    assertThat(r.aggregate().throughputTps().mean())
                            .isEqualTo(src.path("aggregate").path("throughput_tps").path("mean").asDouble(0));
                    assertThat(r.aggregate().ttftMs().mean())
                            .isEqualTo(src.path("aggregate").path("ttft_ms").path("mean").asDouble(0));
                    // the reference writes none of the added figures
                    assertThat(r.aggregate().clientTtftMs()).isEmpty();
                    assertThat(r.aggregate().outputThroughputTps()).isEmpty();
                    assertThat(r.aggregate().goodputRps()).isEmpty();
                }
                files++;
            }
        }
        assertThat(files).isGreaterThanOrEqualTo(14);
    }

    @Test
    void singleObjectFilesAreAccepted() throws Exception {
        List<BenchResult> r = BenchResultFiles.parse("{\"model\":\"m\",\"backend\":\"vllm\",\"runs\":3}");
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.runs()).isEqualTo(3);
            assertThat(x.contextLength()).isEqualTo(2048);
        });
    }

    private static BenchResult sample() {
        Environment env = new Environment("Linux", "Linux-6-amd64", Optional.of("17.0.15"), "java-0.1.0",
                Optional.empty(), Optional.empty(), Optional.empty(), "ollama", Optional.of("0.6.2"), Optional.of("java"));
        StatSummary s = Stats.summarize(new double[] {25.0});
        IndividualRun run = new IndividualRun(50, 25.0, 100.0, 2500.0, 100.0, 2000.0, Map.of("request_index", 0));
        Aggregate agg = new Aggregate(1, s, Stats.summarize(new double[] {100.0}), Stats.summarize(new double[] {2500.0}),
                50, Map.of("itl_token_ms", Stats.summarize(new double[] {10.0, 12.0})));
        return new BenchResult("test-model", "ollama", Optional.of("Q4_K_M"), "single", 1, 2048, List.of(run), agg, env,
                BenchResultFiles.isoTimestamp(Instant.parse("2026-01-01T12:00:00.123456Z")), List.of(),
                Map.of("schema_extension", "chimeraforge-java/1"));
    }

    private static List<String> keys(JsonNode node) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    @Test
    void writtenFilesKeepTheReferenceKeyOrderAndTypesThenAddedKeys() throws Exception {
        String text = BenchResultFiles.toJson(List.of(sample()));
        assertThat(text).startsWith("[\n  {\n    \"model\": \"test-model\",");
        assertThat(text).contains("\"warnings\": []");
        JsonNode obj = Json.mapper().readTree(text).get(0);
        assertThat(keys(obj)).containsExactly("model", "backend", "quant", "workload", "runs", "context_length",
                "individual_runs", "aggregate", "environment", "timestamp", "warnings", "schema_extension");
        assertThat(keys(obj.get("individual_runs").get(0))).startsWith("tokens_generated", "throughput_tps", "ttft_ms",
                "total_duration_ms", "prompt_eval_duration_ms", "eval_duration_ms");
        assertThat(keys(obj.get("aggregate"))).startsWith("count", "throughput_tps", "ttft_ms", "total_duration_ms",
                "tokens_generated");
        assertThat(keys(obj.get("aggregate").get("ttft_ms"))).startsWith("mean", "p50", "p95", "p99", "min", "max", "stddev");
        assertThat(keys(obj.get("environment"))).startsWith("os", "platform", "python_version", "chimeraforge_version",
                "gpu_name", "gpu_driver", "cuda_version", "backend_name", "backend_version");
        assertThat(obj.get("runs").isInt()).isTrue();
        assertThat(obj.get("aggregate").get("tokens_generated").isIntegralNumber()).isTrue();
        assertThat(obj.get("individual_runs").get(0).get("throughput_tps").isDouble()).isTrue();
        assertThat(text).contains("\"throughput_tps\": 25.0");
        assertThat(obj.get("environment").get("gpu_name").isNull()).isTrue();
        assertThat(obj.get("timestamp").asText()).isEqualTo("2026-01-01T12:00:00.123456+00:00");
        BenchResult back = BenchResultFiles.parse(text).get(0);
        assertThat(back.aggregate().summary("itl_token_ms").orElseThrow().p50()).isEqualTo(11.0);
        assertThat(BenchResultFiles.toJson(List.of(back))).isEqualTo(text);
    }

    @Test
    void referenceStatisticsAndNaming() {
        StatSummary b01 = Stats.summarize(new double[] {10, 20, 30, 40, 50});
        assertThat(b01.p95()).isEqualTo(48.0);
        assertThat(b01.p99()).isEqualTo(49.6);
        assertThat(b01.stddev()).isEqualTo(15.811388300841896);
        double[] hundred = new double[100];
        for (int i = 0; i < 100; i++) {
            hundred[i] = i + 1;
        }
        StatSummary b03 = Stats.summarize(hundred);
        assertThat(b03.p50()).isEqualTo(50.5);
        assertThat(b03.p95()).isEqualTo(95.05);
        assertThat(b03.p99()).isEqualTo(99.01);
        assertThat(Stats.summarize(new double[] {42}).stddev()).isZero();
        assertThat(Stats.summarize(new double[0])).isEqualTo(StatSummary.empty());
        assertThat(BenchResultFiles.fileName("2026-01-01T00:00:00+00:00")).isEqualTo("bench_2026-01-01T00-00-00_00-00.json");
        assertThat(BenchResultFiles.isoTimestamp(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo("2026-01-01T00:00:00+00:00");
        assertThat(Environment.cudaVersionText(12040)).isEqualTo("12.4");
        assertThat(Environment.cudaVersionText(11080)).isEqualTo("11.8");
    }
}
