package io.chimeraforge.report.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One matrix cell joined to its prediction and measurement.
 *
 * @param cell            the matrix cell
 * @param provenanceClass the prediction's class ({@link ProvenanceClass#UNKNOWN} when it failed)
 * @param predicted       metric name → predicted value (absent metrics are unknown)
 * @param measured        metric name → measured value
 * @param skipped         why the cell is not scored, when it is not
 */
public record AuditCell(MatrixCell cell, ProvenanceClass provenanceClass, Map<String, Double> predicted,
        Map<String, Double> measured, Optional<String> skipped) {

    /** Metric names, in report order. */
    public static final java.util.List<String> METRICS = java.util.List.of("throughput_tps", "ttft_ms", "p95_latency_ms");

    /** Copies the maps (order kept). */
    public AuditCell {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(provenanceClass, "provenanceClass");
        predicted = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(predicted));
        measured = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measured));
        Objects.requireNonNull(skipped, "skipped");
    }

    /** A cell that is not scored, with its reason. */
    public static AuditCell skipped(MatrixCell cell, ProvenanceClass provenanceClass, Map<String, Double> predicted,
            String reason) {
        return new AuditCell(cell, provenanceClass, predicted, Map.of(), Optional.of(reason));
    }

    /**
     * A scored cell, or one skipped with "no measurement for this cell" when {@code measured} is empty.
     */
    public static AuditCell joined(MatrixCell cell, ProvenanceClass provenanceClass, Map<String, Double> predicted,
            Map<String, Double> measured) {
        return new AuditCell(cell, provenanceClass, predicted, measured,
                measured.isEmpty() ? Optional.of("no measurement for this cell") : Optional.empty());
    }

    /** The cell key. */
    public String key() {
        return cell.key();
    }

    /** Metric → relative error (pred − meas)/meas for metrics with both values and a non-zero measurement. */
    public Map<String, Double> errors() {
        Map<String, Double> errors = new LinkedHashMap<>();
        if (skipped.isPresent()) {
            return errors;
        }
        for (String metric : METRICS) {
            relativeError(predicted.get(metric), measured.get(metric)).ifPresent(e -> errors.put(metric, e));
        }
        return errors;
    }

    /**
     * (predicted − measured)/measured; positive means the planner was optimistic.
     *
     * @param predicted the prediction, may be null
     * @param measured  the measurement, may be null
     * @return empty when either side is null or the measurement is 0
     */
    public static java.util.OptionalDouble relativeError(Double predicted, Double measured) {
        if (predicted == null || measured == null || measured == 0.0) {
            return java.util.OptionalDouble.empty();
        }
        return java.util.OptionalDouble.of((predicted - measured) / measured);
    }
}
