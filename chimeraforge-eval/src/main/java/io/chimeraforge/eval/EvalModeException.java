package io.chimeraforge.eval;

import java.util.Objects;

/**
 * The inputs of an {@link EvalRun} do not form one of its modes (task, pairs, or predictions with
 * references). {@link #conflict()} lets a front end word it with its own option names.
 */
public final class EvalModeException extends EvalInputException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the combination. */
    public enum Conflict {
        /** A pairs file together with a task. */
        PAIRS_WITH_TASK("a pairs file cannot be combined with a task."),
        /** A pairs file together with a predictions or references file. */
        PAIRS_WITH_FILES("a pairs file cannot be combined with predictions or references files."),
        /** No task, no pairs file, and not both predictions and references. */
        NO_INPUT("give a task, a pairs file, or both a predictions and a references file.");

        private final String message;

        Conflict(String message) {
            this.message = message;
        }
    }

    private final Conflict conflict;

    /** The refusal for {@code conflict}. */
    public EvalModeException(Conflict conflict) {
        super(Objects.requireNonNull(conflict, "conflict").message);
        this.conflict = conflict;
    }

    /** What is wrong with the combination. */
    public Conflict conflict() {
        return conflict;
    }
}
