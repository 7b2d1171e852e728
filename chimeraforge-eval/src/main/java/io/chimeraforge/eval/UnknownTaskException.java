package io.chimeraforge.eval;

/** A built-in eval task name that does not exist; the message lists the available names. */
public class UnknownTaskException extends EvalException {

    private static final long serialVersionUID = 1L;

    /** An unknown-task error with the reference's message text. */
    public UnknownTaskException(String message) {
        super(message);
    }
}
