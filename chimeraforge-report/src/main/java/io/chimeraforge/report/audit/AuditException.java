package io.chimeraforge.report.audit;

/** A matrix or measurements file that cannot be used; the message is written for users. */
public final class AuditException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, in one line */
    public AuditException(String message) {
        super(message, null, false, false);
    }
}
