package io.chimeraforge.core.estimate;

import java.util.Locale;
import java.util.Optional;

/** KV-cache element precision. */
public enum KvPrecision {
    FP16("fp16", 2.0),
    Q8("q8", 1.0),
    Q4("q4", 0.5);

    private final String id;
    private final double bytesPerElement;

    KvPrecision(String id, double bytesPerElement) {
        this.id = id;
        this.bytesPerElement = bytesPerElement;
    }

    /** {@code "fp16"}, {@code "q8"} or {@code "q4"}. */
    public String id() {
        return id;
    }

    /** Bytes per cached element. */
    public double bytesPerElement() {
        return bytesPerElement;
    }

    /** Whether the cache is quantized below FP16. */
    public boolean quantized() {
        return this != FP16;
    }

    /** Parses {@code fp16}, {@code q8} or {@code q4}, ignoring case. */
    public static Optional<KvPrecision> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.toLowerCase(Locale.ROOT);
        for (KvPrecision p : values()) {
            if (p.id.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
