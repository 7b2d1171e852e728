package io.chimeraforge.planner;

import java.util.Locale;
import java.util.Optional;

/** Service-time variability presets, as squared coefficients of variation for the queueing model. */
public enum WorkloadPreset {
    /** Uniform requests: deterministic service (M/D/1). */
    STEADY("steady", 0.0),
    /** Chat traffic: exponential-like service times. */
    CHATBOT("chatbot", 1.0),
    /** Bursty traffic. */
    BURSTY("bursty", 4.0),
    /** Agent loops with very uneven request sizes. */
    AGENT("agent", 8.0);

    /** At or above this variance the analytical p95 is flagged as an under-estimate. */
    public static final double HIGH_VARIANCE_CV2 = 4.0;

    private final String id;
    private final double serviceCv2;

    WorkloadPreset(String id, double serviceCv2) {
        this.id = id;
        this.serviceCv2 = serviceCv2;
    }

    /** {@code steady}, {@code chatbot}, {@code bursty} or {@code agent}. */
    public String id() {
        return id;
    }

    /** Squared coefficient of variation of service time. */
    public double serviceCv2() {
        return serviceCv2;
    }

    /** Parses a preset name, ignoring case. */
    public static Optional<WorkloadPreset> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        for (WorkloadPreset p : values()) {
            if (p.id.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
