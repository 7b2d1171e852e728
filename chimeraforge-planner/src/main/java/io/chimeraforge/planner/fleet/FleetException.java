package io.chimeraforge.planner.fleet;

import io.chimeraforge.planner.PlannerException;
import java.util.Objects;

/**
 * A fleet could not be planned: an unknown or ambiguous GPU name, too many GPU types, a demand
 * that is not positive, no GPU able to serve the workload, or no allocation within the per-type cap.
 */
public class FleetException extends PlannerException {
    private static final long serialVersionUID = 1L;

    /** Why the fleet was refused, for callers that word it their own way. */
    public enum Reason {
        /** The GPU list names no GPU. */
        EMPTY,
        /** A name matches no catalog GPU (or several GPU models). */
        UNKNOWN_GPU,
        /** More than {@link FleetPlanner#MAX_FLEET_TYPES} GPU types. */
        TOO_MANY_TYPES,
        /** The demand rate is not positive. */
        NO_DEMAND,
        /** No GPU of the fleet serves the workload at any rate. */
        NOTHING_SERVES,
        /** No allocation within the per-type cap covers the demand. */
        NO_ALLOCATION
    }

    private final Reason reason;
    private final String subject;

    /**
     * @param reason  why
     * @param subject what it concerns (the GPU name, the count of types, …), as text
     * @param message the message for the user
     */
    public FleetException(Reason reason, String subject, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.subject = Objects.requireNonNull(subject, "subject");
    }

    /** Why the fleet was refused. */
    public Reason reason() {
        return reason;
    }

    /** What the refusal concerns: the GPU name, the number of types, the demand. */
    public String subject() {
        return subject;
    }
}
