package io.chimeraforge.eval.safety;

import java.util.Objects;
/**
 * Outcome of a backend pre-flight check.
 *
 * @param ok      whether the check passed
 * @param message what failed (shown to the user), empty when ok
 */
public record HealthCheck(boolean ok, String message) {

    /** Requires a message when the check failed. */
    public HealthCheck {
        Objects.requireNonNull(message, "message");
        if (!ok && message.isBlank()) {
            throw new IllegalArgumentException("a failed check needs a message");
        }
    }

    /** A passed check. */
    public static HealthCheck passed() {
        return new HealthCheck(true, "");
    }

    /** A failed check with a user-facing reason. */
    public static HealthCheck failed(String message) {
        return new HealthCheck(false, message);
    }
}
