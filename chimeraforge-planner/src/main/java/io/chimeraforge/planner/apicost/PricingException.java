package io.chimeraforge.planner.apicost;

import io.chimeraforge.planner.PlannerException;

/** A price snapshot could not be read or is not valid; the message names the file and the key. */
public class PricingException extends PlannerException {
    private static final long serialVersionUID = 1L;

    /** An error with a message for the user. */
    public PricingException(String message) {
        super(message);
    }

    /** An error with a message for the user and its cause. */
    public PricingException(String message, Throwable cause) {
        super(message, cause);
    }
}
