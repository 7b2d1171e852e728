package io.chimeraforge.planner;

/** Root of the unchecked exceptions the planner throws; messages are meant for the end user. */
public class PlannerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PlannerException(String message) {
        super(message);
    }

    public PlannerException(String message, Throwable cause) {
        super(message, cause);
    }
}
