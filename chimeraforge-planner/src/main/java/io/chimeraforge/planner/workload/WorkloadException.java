package io.chimeraforge.planner.workload;

import io.chimeraforge.planner.PlannerException;

/**
 * A workload profile could not be derived or read: a missing or malformed log, a scrape from an
 * unknown engine, a profile file of another schema. The message says what was wrong and what to
 * do instead.
 */
public class WorkloadException extends PlannerException {
    private static final long serialVersionUID = 1L;

    /** An error with a message for the user. */
    public WorkloadException(String message) {
        super(message);
    }

    /** An error with a message for the user and its cause. */
    public WorkloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
