package io.chimeraforge.planner.refit;

/** A refit that cannot run or cannot be saved: unreadable inputs, an unknown GPU label, a failed write. */
public class RefitException extends io.chimeraforge.planner.PlannerException {
    private static final long serialVersionUID = 1L;

    /** With a message that names what failed. */
    public RefitException(String message) {
        super(message);
    }

    /** With a message and its cause. */
    public RefitException(String message, Throwable cause) {
        super(message, cause);
    }
}
