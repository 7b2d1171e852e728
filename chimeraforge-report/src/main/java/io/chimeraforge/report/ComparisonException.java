package io.chimeraforge.report;

/**
 * A comparison that cannot be made from its inputs. Raised only in
 * {@link io.chimeraforge.core.Compat#REFERENCE} mode, which reproduces the reference's failure
 * on a model name holding {@code |} (its matching key cannot be split back into fields).
 */
public final class ComparisonException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message written for users. */
    public ComparisonException(String message) {
        super(message);
    }
}
