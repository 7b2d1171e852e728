package io.chimeraforge.eval.safety;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.corpus.FittedModels;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
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
            Objects.requireNonNull(risk, "risk");
            if (risk.isBlank()) {
                throw new IllegalArgumentException("risk must not be blank");
            }
        }
    }

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

    /** The bundled TR134/TR142 figures: the safety section of core's bundled corpus. */
    public static SafetyGate bundled() {
        return of(FittedModels.bundled().safety());
    }

    /** The figures of a corpus's safety section (refusal rates and RTSI risk per {@code model|quant}). */
    public static SafetyGate of(FittedModels.Safety safety) {
        Map<String, Rtsi> rtsi = new TreeMap<>();
        safety.rtsi().forEach((key, cell) -> rtsi.put(key, new Rtsi(cell.score(), cell.risk())));
        return new SafetyGate(safety.lookup(), rtsi);
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
