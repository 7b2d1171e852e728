package io.chimeraforge.core.corpus;

import io.chimeraforge.core.CoreException;
import io.chimeraforge.core.internal.CsvResource;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the project's own corpus resource ({@code tr-corpus.csv}: one figure per row) once, on
 * first use. Plain text keeps a cold {@code plan} free of JSON binding.
 */
final class BundledCorpus {

    private static final String PROVENANCE_RESOURCE = "tr-corpus-provenance.json";
    static final FittedModels INSTANCE = load();

    private BundledCorpus() {
    }

    private static FittedModels load() {
        List<String[]> rows = CsvResource.rows(BundledCorpus.class, "tr-corpus.csv", 5);
        Map<String, Map<String, Double>> tables = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        for (String[] row : rows) {
            String section = row[0];
            if (section.equals("rtsi_risk") || section.equals("safety_metric") || section.equals("safety_source")) {
                texts.put(section + "|" + key(row), row[4]);
                continue;
            }
            tables.computeIfAbsent(section, s -> new LinkedHashMap<>()).put(key(row), Double.parseDouble(row[4]));
        }
        Map<String, Double> amdahl = new LinkedHashMap<>();
        Map<String, Double> amdahlDefaults = new LinkedHashMap<>();
        table(tables, "amdahl_serial_fraction").forEach((k, v) -> {
            if (k.indexOf('|') < 0) {
                amdahlDefaults.put(k, v); // a backend without a model: that backend's default
            } else {
                amdahl.put(k, v);
            }
        });
        Map<String, FittedModels.Rtsi> rtsi = new LinkedHashMap<>();
        table(tables, "rtsi_score").forEach((k, score) -> {
            String risk = texts.get("rtsi_risk|" + k);
            if (risk == null) {
                throw new CoreException("bundled corpus: rtsi_score " + k + " has no rtsi_risk row");
            }
            rtsi.put(k, new FittedModels.Rtsi(score, risk));
        });
        return new FittedModels(
                new FittedModels.Vram(scalar(tables, "vram", "overhead_factor"),
                        scalar(tables, "vram", "activation_gb_per_layer_per_1k_tokens"), true),
                new FittedModels.Throughput(table(tables, "decode_tps"), table(tables, "quant_speedup"),
                        scalar(tables, "size_power_law", "a"), scalar(tables, "size_power_law", "b"), true),
                new FittedModels.Scaling(amdahl, amdahlDefaults, true),
                new FittedModels.Quality(table(tables, "quality"), table(tables, "quality_fp16_baseline"),
                        table(tables, "quality_quant_delta"), true),
                scalar(tables, "default_cost_per_hour_usd", ""),
                new FittedModels.Latency(scalar(tables, "latency_saturation_utilisation", ""),
                        table(tables, "latency_service_time_ms"), true),
                new FittedModels.Safety(table(tables, "refusal_rate"), table(tables, "refusal_rate_fp16_baseline"), rtsi,
                        Optional.ofNullable(texts.get("safety_metric|")), Optional.ofNullable(texts.get("safety_source|")),
                        true),
                Optional.of(provenance()));
    }

    /** The corpus's provenance block, shipped as data beside the rows it describes. */
    private static String provenance() {
        try (java.io.InputStream in = BundledCorpus.class.getResourceAsStream(PROVENANCE_RESOURCE)) {
            if (in == null) {
                throw new CoreException("bundled corpus: missing resource " + PROVENANCE_RESOURCE);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            throw new CoreException("bundled corpus: cannot read " + PROVENANCE_RESOURCE + ": " + e.getMessage());
        }
    }

    /** {@code model|backend|key} with the empty parts left out, as the interchange format keys rows. */
    private static String key(String[] row) {
        StringBuilder key = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            if (!row[i].isEmpty()) {
                if (key.length() > 0) {
                    key.append('|');
                }
                key.append(row[i]);
            }
        }
        return key.toString();
    }

    private static Map<String, Double> table(Map<String, Map<String, Double>> tables, String section) {
        return tables.getOrDefault(section, Map.of());
    }

    private static double scalar(Map<String, Map<String, Double>> tables, String section, String key) {
        Double value = table(tables, section).get(key);
        if (value == null) {
            throw new CoreException("bundled corpus lacks " + section + (key.isEmpty() ? "" : "." + key));
        }
        return value;
    }
}
