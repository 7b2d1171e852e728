package io.chimeraforge.planner.refit;

import java.util.Objects;

/**
 * One sanity check of a refitted corpus.
 *
 * @param name        the check's stable name ({@code throughput_positive}, …)
 * @param description what it guards against
 * @param passed      whether the corpus passes it
 * @param expected    the rule, as shown to a reader ({@code a > 0, 0 < b < 5})
 * @param actual      what the corpus holds ({@code a=100.0000, b=0.5000})
 */
public record ValidationCheck(String name, String description, boolean passed, String expected, String actual) {
    public ValidationCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(actual, "actual");
    }
}
