package io.chimeraforge.planner.workload;

import java.util.Objects;

/**
 * One measured or estimated quantity of a workload profile.
 *
 * @param value      the quantity
 * @param provenance how it was obtained: {@code measured}, {@code estimated}, or {@code unknown}
 *                   for a field read from a file that did not say
 * @param note       where the value came from, for people ("240 requests over 403s")
 */
public record ProfileField(double value, String provenance, String note) {

    /** Provenance of a value computed from the data itself. */
    public static final String MEASURED = "measured";
    /** Provenance of a value approximated from coarser data (e.g. histogram buckets). */
    public static final String ESTIMATED = "estimated";
    /** Provenance of a field whose file did not record one. */
    public static final String UNKNOWN = "unknown";

    /** Checks that provenance and note are present. */
    public ProfileField {
        Objects.requireNonNull(provenance, "provenance");
        Objects.requireNonNull(note, "note");
    }
}
