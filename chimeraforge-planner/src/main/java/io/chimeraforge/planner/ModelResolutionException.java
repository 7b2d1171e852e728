package io.chimeraforge.planner;

/** A model size class or identifier that cannot be turned into model facts. */
public final class ModelResolutionException extends PlannerException {
    private static final long serialVersionUID = 1L;

    public ModelResolutionException(String message) {
        super(message);
    }
}
