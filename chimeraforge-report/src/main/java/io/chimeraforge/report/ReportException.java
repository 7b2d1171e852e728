package io.chimeraforge.report;

/** A report cannot be built: its inputs are missing, unreadable or hold no bench result. */
public final class ReportException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message one-line reason, naming the offending path where there is one */
    public ReportException(String message) {
        super(message);
    }
}
