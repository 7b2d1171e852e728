package io.chimeraforge.core.estimate;

import java.util.Locale;

/** How a reported figure was obtained, from strongest to weakest evidence. */
public enum Provenance {
    /** Looked up in the measured corpus, on the GPU it was measured on. */
    MEASURED("measured", "measured on the TR benchmark corpus"),
    /** A corpus measurement scaled to another GPU by memory bandwidth. */
    EXTRAPOLATED("extrapolated", "measured on the reference rig, then scaled to this GPU by memory bandwidth"
            + " -- a real measurement, but not of this card"),
    /** A model's prediction (first-principles or fitted curve), not a measurement. */
    ESTIMATED("estimated", "estimated (first-principles model, not measured)"),
    /** Nothing known; a neutral prior stands in. */
    UNKNOWN("unknown", "unknown -- not screened, treat as unvalidated"),
    /** Exact arithmetic over the inputs, not a prediction. */
    DERIVED("derived", "derived (exact arithmetic over the inputs, not a prediction)");

    private final String id;
    private final String phrase;

    Provenance(String id, String phrase) {
        this.id = id;
        this.phrase = phrase;
    }

    /** The label written to output ({@code "measured"}). */
    public String id() {
        return id;
    }

    /** A sentence-fragment explanation for reports. */
    public String phrase() {
        return phrase;
    }

    /** Parses a label; anything unrecognised is {@link #UNKNOWN}, the weakest claim. */
    public static Provenance fromId(String id) {
        if (id != null) {
            String wanted = id.toLowerCase(Locale.ROOT);
            for (Provenance p : values()) {
                if (p.id.equals(wanted)) {
                    return p;
                }
            }
        }
        return UNKNOWN;
    }
}
