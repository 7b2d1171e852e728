package io.chimeraforge.core.result;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link BenchResultFiles#toTree} is the object the file text holds, without the text. */
class BenchResultTreeTest {

    private static final String FILE = "[{\"model\": \"m|x\", \"backend\": \"vllm\", \"quant\": null, \"workload\": \"batch\","
            + " \"runs\": 3, \"context_length\": 4096, \"individual_runs\": [{\"tokens_generated\": 12,"
            + " \"throughput_tps\": 41.25, \"ttft_ms\": -1.0, \"total_duration_ms\": 331776000.0, \"extra_key\": [1, 2.5]},"
            + " {\"tokens_generated\": 0, \"throughput_tps\": 0.1, \"ttft_ms\": 1e-7}], \"aggregate\": {\"count\": 2,"
            + " \"throughput_tps\": {\"mean\": 20.675, \"p50\": 20.675, \"n\": 2}, \"output_throughput_tps\": 99.5,"
            + " \"load\": {\"mode\": \"closed\"}}, \"environment\": {\"os\": \"Linux\", \"gpu_name\": \"NVIDIA L4\"},"
            + " \"timestamp\": \"2026-12-02T00:00:00+00:00\", \"warnings\": [\"w\\u2028\"], \"load\": {\"rate\": 2.0},"
            + " \"hardware\": \"L4 24GB\"}]";

    @Test
    void treeEqualsTheWrittenText() throws Exception {
        for (BenchResult r : BenchResultFiles.parse(FILE)) {
            JsonNode viaText = Json.mapper().readTree(BenchResultFiles.toJson(List.of(r))).get(0);
            JsonNode tree = BenchResultFiles.toTree(r);
            // same structure and text; numbers may be held in another node class (an int as a long)
            assertEquals(viaText.toString(), tree.toString());
            assertEquals(0, viaText.equals((a, b) -> a.isNumber() && b.isNumber()
                    ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1, tree) ? 0 : 1);
        }
    }
}
