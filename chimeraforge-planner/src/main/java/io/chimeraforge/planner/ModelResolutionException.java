package io.chimeraforge.planner;

import java.util.Objects;

/**
 * A model size class or identifier that cannot be turned into model facts. {@link #reason()} and
 * {@link #input()} let a front end word the refusal its own way (the CLI names its flags; the
 * library's message names the builder settings instead).
 */
public final class ModelResolutionException extends PlannerException {
    private static final long serialVersionUID = 1L;

    /** Why resolution failed. */
    public enum Reason {
        /** A size class that is not a number of billions. */
        SIZE_CLASS_UNRECOGNISED,
        /** A size class of zero or less. */
        SIZE_CLASS_NOT_POSITIVE,
        /** A size class no registry model is within 50% of. */
        SIZE_CLASS_NO_MATCH,
        /**
         * An identifier that is not a registry name and whose family and size match no registry
         * model offline (a model of another size is never substituted).
         */
        IDENTIFIER_UNRESOLVED,
        /** A network source (Hugging Face, Ollama) failed or answered without the facts needed. */
        SOURCE_FAILED
    }

    private final Reason reason;
    private final String input;

    /** A refusal for {@code input} with a message for the end user. */
    public ModelResolutionException(Reason reason, String input, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.input = Objects.requireNonNull(input, "input");
    }

    /** Why resolution failed. */
    public Reason reason() {
        return reason;
    }

    /** The size class or identifier as given. */
    public String input() {
        return input;
    }
}
