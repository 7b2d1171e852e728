package io.chimeraforge.eval.safety;

import io.chimeraforge.eval.EvalException;

/** A safety screen could not run or produce a rate; the message is one actionable line. */
public class SafetyException extends EvalException {

    private static final long serialVersionUID = 1L;

    /** An error with a user-facing message. */
    public SafetyException(String message) {
        super(message);
    }

    /** An error with a user-facing message and its cause. */
    public SafetyException(String message, Throwable cause) {
        super(message, cause);
    }
}
