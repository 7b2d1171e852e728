package io.chimeraforge.eval;

/**
 * An input file or argument could not be used: missing or unreadable file, invalid UTF-8, a JSONL
 * line that is not a {@code {"prediction", "reference"}} object, or a missing required input.
 */
public class EvalInputException extends EvalException {

    private static final long serialVersionUID = 1L;

    /** An input error with a one-line message. */
    public EvalInputException(String message) {
        super(message);
    }

    /** An input error with a one-line message and its cause. */
    public EvalInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
