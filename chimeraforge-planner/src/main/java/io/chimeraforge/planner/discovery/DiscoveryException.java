package io.chimeraforge.planner.discovery;

import io.chimeraforge.planner.PlannerException;

/**
 * A live listing failed: Ollama's {@code /api/tags} or the Hugging Face model list was unreachable,
 * answered with an error status (a rate limit, a server error) or sent something that is not the
 * expected JSON. The message names the source and what went wrong.
 */
public final class DiscoveryException extends PlannerException {
    private static final long serialVersionUID = 1L;

    /** A failure with a user-facing message. */
    public DiscoveryException(String message) {
        super(message);
    }
}
