package io.chimeraforge.planner.discovery;

import io.chimeraforge.planner.PlannerException;
import java.util.List;

/** A discovery source list named something other than {@code ollama}, {@code hf} or {@code catalog}. */
public final class UnknownSourceException extends PlannerException {
    private static final long serialVersionUID = 1L;

    private final List<String> unknown;

    /** A refusal naming the entries that are not sources. */
    public UnknownSourceException(List<String> unknown) {
        super("unknown source(s): " + String.join(", ", unknown) + " (use any of: catalog, hf, ollama)");
        this.unknown = List.copyOf(unknown);
    }

    /** The entries that are not sources, as given (trimmed, lower-cased). */
    public List<String> unknown() {
        return unknown;
    }
}
