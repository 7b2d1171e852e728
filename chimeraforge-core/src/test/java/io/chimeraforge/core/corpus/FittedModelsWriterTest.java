package io.chimeraforge.core.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FittedModelsWriterTest {

    @Test
    void bundledCorpusRoundTripsThroughItsJson() throws Exception {
        FittedModels bundled = FittedModels.bundled();
        FittedModels back = FittedModels.parse(bundled.toJson(), "round trip");
        assertEquals(bundled.vram(), back.vram());
        assertEquals(bundled.throughput(), back.throughput());
        assertEquals(bundled.scaling(), back.scaling());
        assertEquals(bundled.quality(), back.quality());
        assertEquals(bundled.latency(), back.latency());
        assertEquals(bundled.safety(), back.safety());
        assertEquals(bundled.costPerHourUsd(), back.costPerHourUsd());
        assertEquals(Json.mapper().readTree(bundled.provenanceJson().orElseThrow()),
                Json.mapper().readTree(back.provenanceJson().orElseThrow()));
    }

    @Test
    void sectionsAndKeysFollowTheReferenceLayout() throws Exception {
        JsonNode root = Json.mapper().readTree(FittedModels.bundled().toJson());
        List<String> sections = new java.util.ArrayList<>();
        root.fieldNames().forEachRemaining(sections::add);
        assertEquals(List.of("vram", "throughput", "scaling", "quality", "cost", "latency", "safety", "_provenance"),
                sections);
        List<String> throughputKeys = new java.util.ArrayList<>();
        root.get("throughput").fieldNames().forEachRemaining(throughputKeys::add);
        assertEquals(List.of("lookup", "quant_multipliers", "size_power_a", "size_power_b", "fitted"), throughputKeys);
        assertFalse(root.get("throughput").has("hardware_lookup"), "no rows off the reference GPU: key absent");
        // numbers as Python prints them: the fitted power law keeps all its digits
        assertTrue(FittedModels.bundled().toJson().contains("\"size_power_a\": 72.11010249423731"));
    }

    @Test
    void hardwareRowsAreWrittenAndReadBack() {
        FittedModels.Throughput base = FittedModels.bundled().throughput();
        Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
        rows.put("RTX 4090 24GB", Map.of("llama3.2-3b|vllm|FP16", 123.5));
        FittedModels.Throughput t = new FittedModels.Throughput(base.lookup(), base.quantMultipliers(),
                base.sizePowerA(), base.sizePowerB(), true, rows);
        FittedModels b = FittedModels.bundled();
        FittedModels corpus = new FittedModels(b.vram(), t, b.scaling(), b.quality(), b.costPerHourUsd(), b.latency(),
                b.safety(), b.provenanceJson());
        FittedModels back = FittedModels.parse(corpus.toJson(), "rows");
        assertEquals(123.5, back.throughput().measuredOn("RTX 4090 24GB", "llama3.2-3b", "vllm", "FP16").getAsDouble());
        assertTrue(back.throughput().measuredOn("RTX 4080 12GB", "llama3.2-3b", "vllm", "FP16").isEmpty());
    }

    @Test
    void aNonPositiveHardwareRowIsRefusedWithItsPath() {
        String json = "{\"throughput\": {\"hardware_lookup\": {\"RTX 4090 24GB\": {\"m|vllm|FP16\": -1}}}}";
        CorpusFileException e = org.junit.jupiter.api.Assertions.assertThrows(CorpusFileException.class,
                () -> FittedModels.parse(json, "x.json"));
        assertTrue(e.getMessage().contains("throughput.hardware_lookup.RTX 4090 24GB['m|vllm|FP16']"), e.getMessage());
    }
}
