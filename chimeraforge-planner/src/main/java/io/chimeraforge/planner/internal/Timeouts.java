package io.chimeraforge.planner.internal;

import java.time.Duration;
import java.util.Objects;

/** The one range the planner's network exchanges accept for a timeout. Not API. */
public final class Timeouts {

    private Timeouts() {
    }

    /**
     * The timeout when it is 1 ms..10 min.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static Duration require(Duration value) {
        Objects.requireNonNull(value, "timeout");
        if (value.toMillis() < 1 || value.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("timeout must be 1 ms..10 min, got " + value);
        }
        return value;
    }
}
