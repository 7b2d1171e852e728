package io.chimeraforge.planner.brief;

import io.chimeraforge.planner.PlannerException;
import java.util.Objects;

/** The brief refuses to render because it could not be honest: nothing fit, or the API prices are stale. */
public class BriefException extends PlannerException {
    private static final long serialVersionUID = 1L;

    /** Why the brief was refused. */
    public enum Reason {
        /** The plan has no candidate: there is nothing to recommend. */
        NOTHING_TO_RECOMMEND,
        /** The API comparison rests on a price snapshot past its 90-day limit. */
        STALE_PRICES
    }

    private final Reason reason;

    /** A refusal with its reason and a message for the user. */
    public BriefException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the brief was refused. */
    public Reason reason() {
        return reason;
    }
}
