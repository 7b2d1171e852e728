package io.chimeraforge.core.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.CoreException;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the project's own corpus resource ({@code tr-corpus.json}: row tables, not the
 * interchange layout) once, on first use.
 */
final class BundledCorpus {

    static final FittedModels INSTANCE = load();

    private BundledCorpus() {
    }

    private static FittedModels load() {
        JsonNode root;
        try (InputStream in = BundledCorpus.class.getResourceAsStream("tr-corpus.json")) {
            if (in == null) {
                throw new CoreException("bundled corpus resource tr-corpus.json is missing");
            }
            root = Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new CoreException("cannot read bundled corpus: " + e.getMessage(), e);
        }
        JsonNode vram = root.get("vram");
        JsonNode power = root.get("size_power_law");
        JsonNode amdahl = root.get("amdahl_serial_fraction");
        JsonNode quality = root.get("quality");
        JsonNode latency = root.get("latency");
        JsonNode safety = root.get("safety");

        Map<String, Double> amdahlDefaults = new LinkedHashMap<>();
        amdahl.get("backend_defaults").fields().forEachRemaining(e -> amdahlDefaults.put(e.getKey(),
                e.getValue().doubleValue()));
        Map<String, FittedModels.Rtsi> rtsi = new LinkedHashMap<>();
        for (JsonNode row : safety.get("rtsi")) {
            rtsi.put(row.get(0).textValue() + "|" + row.get(1).textValue(),
                    new FittedModels.Rtsi(row.get(2).doubleValue(), row.get(3).textValue()));
        }
        return new FittedModels(
                new FittedModels.Vram(vram.get("weight_overhead_factor").doubleValue(),
                        vram.get("activation_gb_per_layer_per_1k_tokens").doubleValue(), true),
                new FittedModels.Throughput(keyed(root.get("decode_throughput").get("rows")),
                        keyed(root.get("quant_speedup").get("rows")),
                        power.get("a").doubleValue(), power.get("b").doubleValue(), true),
                new FittedModels.Scaling(keyed(amdahl.get("rows")), amdahlDefaults, true),
                new FittedModels.Quality(keyed(quality.get("rows")), keyed(quality.get("fp16_baseline")),
                        keyed(quality.get("quant_delta")), true),
                root.get("default_cost_per_hour_usd").doubleValue(),
                new FittedModels.Latency(latency.get("saturation_utilisation").doubleValue(),
                        keyed(latency.get("service_time_ms")), true),
                new FittedModels.Safety(keyed(safety.get("rows")), keyed(safety.get("fp16_refusal_rate")), rtsi,
                        Optional.of(safety.get("metric").textValue()), Optional.of(safety.get("source").textValue()),
                        true));
    }

    /** Rows {@code [k1, k2, …, value]} to a map keyed {@code k1|k2|…}, in row order. */
    private static Map<String, Double> keyed(JsonNode rows) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < row.size() - 1; i++) {
                if (i > 0) {
                    key.append('|');
                }
                key.append(row.get(i).textValue());
            }
            out.put(key.toString(), row.get(row.size() - 1).doubleValue());
        }
        return out;
    }
}
