package io.chimeraforge.eval.safety;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Measured refusal rates and RTSI risk labels per (registry model, quant), to compare a screen's
 * measured rate with.
 *
 * <p>{@link #bundled()} holds the TR134/TR142 figures (40 refusal-rate cells, 34 RTSI cells) that
 * chimeraforge v0.30.0 ships. {@link #fromFittedModels(JsonNode)} reads the {@code safety} section of
 * a fitted-models file in the reference's format ({@code lookup["model|quant"]},
 * {@code rtsi["model|quant"] = {score, risk}}), so a user's own measurements can replace them.
 * Immutable.
 */
public final class SafetyGate {

    /**
     * A Refusal-Threshold Sensitivity Index cell.
     *
     * @param score the index
     * @param risk  the stored label ({@code HIGH}, {@code MODERATE}, {@code LOW}); it is data, not
     *              derived from the score
     */
    public record Rtsi(double score, String risk) {
        /** Requires a label. */
        public Rtsi {
            if (risk == null || risk.isBlank()) {
                throw new IllegalArgumentException("risk must not be blank");
            }
        }
    }

    private static final String BUNDLED_RESOURCE = "safety-gate.json";

    private final Map<String, Double> refusal;
    private final Map<String, Rtsi> rtsi;

    private SafetyGate(Map<String, Double> refusal, Map<String, Rtsi> rtsi) {
        this.refusal = Collections.unmodifiableMap(new TreeMap<>(refusal));
        this.rtsi = Collections.unmodifiableMap(new TreeMap<>(rtsi));
    }

    /** No data: every lookup is empty. */
    public static SafetyGate empty() {
        return new SafetyGate(Map.of(), Map.of());
    }

    /** The bundled TR134/TR142 figures. */
    public static SafetyGate bundled() {
        try (InputStream in = SafetyGate.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("bundled resource " + BUNDLED_RESOURCE + " is missing");
            }
            JsonNode root = Json.mapper().readTree(in);
            Map<String, Double> refusal = new TreeMap<>();
            Map<String, Rtsi> rtsi = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> models = root.get("models").fields();
            while (models.hasNext()) {
                Map.Entry<String, JsonNode> model = models.next();
                Iterator<Map.Entry<String, JsonNode>> quants = model.getValue().fields();
                while (quants.hasNext()) {
                    Map.Entry<String, JsonNode> q = quants.next();
                    String key = key(model.getKey(), q.getKey());
                    JsonNode cell = q.getValue();
                    if (cell.has("refusal_rate")) {
                        refusal.put(key, cell.get("refusal_rate").doubleValue());
                    }
                    if (cell.has("rtsi_risk")) {
                        rtsi.put(key, new Rtsi(cell.get("rtsi_score").doubleValue(), cell.get("rtsi_risk").asText()));
                    }
                }
            }
            return new SafetyGate(refusal, rtsi);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + BUNDLED_RESOURCE, e);
        }
    }

    /**
     * Reads the reference's format: either a whole fitted-models document (its {@code safety}
     * section is used) or the section itself. Missing parts give empty lookups.
     */
    public static SafetyGate fromFittedModels(JsonNode document) {
        JsonNode section = document.has("safety") ? document.get("safety") : document;
        Map<String, Double> refusal = new TreeMap<>();
        Map<String, Rtsi> rtsi = new TreeMap<>();
        JsonNode lookup = section.path("lookup");
        lookup.fields().forEachRemaining(e -> {
            if (e.getValue().isNumber()) {
                refusal.put(e.getKey(), e.getValue().doubleValue());
            }
        });
        section.path("rtsi").fields().forEachRemaining(e -> {
            JsonNode risk = e.getValue().path("risk");
            if (risk.isTextual() && !risk.asText().isBlank()) {
                rtsi.put(e.getKey(), new Rtsi(e.getValue().path("score").asDouble(Double.NaN), risk.asText()));
            }
        });
        return new SafetyGate(refusal, rtsi);
    }

    /** The measured refusal rate of {@code registryModel} at {@code quant}, if bundled. */
    public OptionalDouble expectedRefusal(String registryModel, String quant) {
        Double v = refusal.get(key(registryModel, quant));
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The RTSI cell of {@code registryModel} at {@code quant}, if bundled. */
    public Optional<Rtsi> rtsi(String registryModel, String quant) {
        return Optional.ofNullable(rtsi.get(key(registryModel, quant)));
    }

    /** Number of refusal-rate cells. */
    public int refusalCellCount() {
        return refusal.size();
    }

    /** Number of RTSI cells. */
    public int rtsiCellCount() {
        return rtsi.size();
    }

    private static String key(String model, String quant) {
        return model + "|" + quant;
    }
}
