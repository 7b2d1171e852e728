package io.chimeraforge.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Spec planner-corrections f1: the corpus's {@code _provenance} block, shipped as data, read and kept. */
class ProvenanceBlockTest {

    @Test
    void bundledCoverageFiguresAreReDerivedFromTheRows() throws Exception {
        FittedModels corpus = FittedModels.bundled();
        JsonNode block = Json.mapper().readTree(corpus.provenanceJson().orElseThrow());
        List<String> keys = new ArrayList<>();
        block.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("schema_version", "captured_at", "source", "method", "reference_hardware",
                "coverage", "limitations", "regeneration");
        JsonNode coverage = block.get("coverage");
        assertThat(coverage.get("throughput_rows").asInt()).isEqualTo(corpus.throughput().lookup().size());
        for (int segment = 0; segment < 3; segment++) {
            TreeSet<String> distinct = new TreeSet<>();
            for (String key : corpus.throughput().lookup().keySet()) {
                distinct.add(key.split("\\|")[segment]);
            }
            String field = List.of("throughput_models", "throughput_backends", "throughput_quants").get(segment);
            List<String> listed = new ArrayList<>();
            coverage.get(field).forEach(n -> listed.add(n.asText()));
            assertThat(listed).as(field).containsExactlyElementsOf(distinct);
        }
        assertThat(coverage.get("quality_cells").asInt()).isEqualTo(corpus.quality().lookup().size());
        assertThat(coverage.get("safety_cells").asInt()).isEqualTo(corpus.safety().lookup().size());
        assertThat(coverage.get("latency_service_times").asInt()).isEqualTo(corpus.latency().serviceTimesMs().size());
        assertThat(block.get("limitations")).hasSize(4);
    }

    @Test
    void aFileWithTheBlockIsReadAndTheBlockKeptVerbatim() {
        String json = "{\"_provenance\": {\"schema_version\": 1, \"coverage\": {\"throughput_rows\": 1}},"
                + " \"throughput\": {\"lookup\": {\"m|ollama|FP16\": 10.0}}}";
        FittedModels read = FittedModels.parse(json, "test");
        assertThat(read.throughput().lookup()).containsEntry("m|ollama|FP16", 10.0);
        assertThat(read.provenanceJson()).contains("{\"schema_version\":1,\"coverage\":{\"throughput_rows\":1}}");
        assertThat(FittedModels.parse("{\"throughput\": {}}", "test").provenanceJson()).isEmpty();
        assertThatThrownBy(() -> FittedModels.parse("{\"_provenance\": 3}", "test"))
                .isInstanceOf(CorpusFileException.class).hasMessageContaining("_provenance");
    }
}
