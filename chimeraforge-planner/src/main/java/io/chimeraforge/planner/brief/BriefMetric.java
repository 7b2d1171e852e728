package io.chimeraforge.planner.brief;

import io.chimeraforge.core.estimate.Provenance;
import java.util.Objects;

/**
 * One row of the brief's metric table.
 *
 * @param label      what it is, e.g. {@code p95 latency}
 * @param value      the value as printed, e.g. {@code 3173 ms}
 * @param provenance how it was obtained
 * @param note       what it covers, e.g. {@code service + queueing}
 */
public record BriefMetric(String label, String value, Provenance provenance, String note) {

    /** Checks the parts. */
    public BriefMetric {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(note, "note");
    }

    /** The value with its provenance mark in front: {@code ~} estimated or extrapolated, {@code ?} unknown. */
    public String marked() {
        return mark(provenance) + value;
    }

    static String mark(Provenance p) {
        return switch (p) {
            case EXTRAPOLATED, ESTIMATED -> "~";
            case UNKNOWN -> "?";
            default -> "";
        };
    }
}
