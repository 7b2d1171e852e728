package io.chimeraforge.bench;

/** The bench module's one unchecked exception; messages are meant for the user. */
public class BenchException extends RuntimeException {

    /** What went wrong, for exit-code mapping. */
    public enum Kind {
        /** Invalid settings (CLI exit 2 or 1). */
        USAGE,
        /** Health or model check failed before any load. */
        PREFLIGHT,
        /** Every measured request of a configuration failed. */
        ALL_FAILED,
        /** Writing results failed. */
        IO
    }

    private final Kind kind;

    /** An exception of {@code kind}. */
    public BenchException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** An exception of {@code kind} with a cause. */
    public BenchException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** The category. */
    public Kind kind() {
        return kind;
    }
}
