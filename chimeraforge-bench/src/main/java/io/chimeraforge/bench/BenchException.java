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
        /** The result location is unusable, or writing results failed. */
        IO,
        /** A warm-up request failed, so the configuration was aborted before any measured request. */
        WARMUP
    }

    private final Kind kind;
    private final transient BenchReport report;

    /** An exception of {@code kind}. */
    public BenchException(Kind kind, String message) {
        super(message);
        this.kind = kind;
        this.report = null;
    }

    /** An exception of {@code kind} with a cause. */
    public BenchException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, null);
    }

    /**
     * An exception of {@code kind} raised after measuring: {@code report} holds everything measured
     * (e.g. the result file could not be written, but the measurements are still there to print).
     */
    public BenchException(Kind kind, String message, Throwable cause, BenchReport report) {
        super(message, cause);
        this.kind = kind;
        this.report = report;
    }

    /** What was measured before the failure, when the run got that far; empty otherwise. */
    public java.util.Optional<BenchReport> report() {
        return java.util.Optional.ofNullable(report);
    }

    /** The category. */
    public Kind kind() {
        return kind;
    }
}
