package io.chimeraforge.planner.discovery;

import java.util.Objects;

/**
 * A discovered id that could not be turned into model facts.
 *
 * @param id    the identifier as discovered
 * @param error why resolution failed, for the user
 */
public record Unresolved(String id, String error) {
    /** Validates the fields. */
    public Unresolved {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(error, "error");
    }
}
