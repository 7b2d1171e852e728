package io.chimeraforge.eval;

/**
 * Root of the eval module's unchecked exceptions. Every message is one line a user can act on; a
 * command-line front end prints it as {@code Error: <message>} and exits with status 1.
 */
public class EvalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An error with a user-facing message. */
    public EvalException(String message) {
        super(message);
    }

    /** An error with a user-facing message and the underlying cause (kept for {@code --verbose}). */
    public EvalException(String message, Throwable cause) {
        super(message, cause);
    }
}
