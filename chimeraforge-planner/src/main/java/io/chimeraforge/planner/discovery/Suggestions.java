package io.chimeraforge.planner.discovery;

import io.chimeraforge.planner.Candidate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Suggester#suggest} found: every model considered, and for each model that fits the
 * cheapest deployment that clears every gate, cheapest first.
 *
 * @param hardware   the GPU's catalog name
 * @param sources    the sources consulted
 * @param discovered the ids discovered, de-duplicated, in discovery order (Ollama, Hub, catalog)
 * @param considered how many of them resolved to model facts and entered the search
 * @param best       one candidate per fitting model, cheapest first (ties keep the planner's order)
 * @param unresolved the ids that did not resolve, with the reason
 * @param notes      diagnostics from planning (approximations, a partial GPU name)
 */
public record Suggestions(String hardware, Set<DiscoverySource> sources, List<String> discovered, int considered,
        List<Candidate> best, List<Unresolved> unresolved, List<String> notes) {

    /** Validates and copies. */
    public Suggestions {
        Objects.requireNonNull(hardware, "hardware");
        sources = Set.copyOf(sources);
        discovered = List.copyOf(discovered);
        best = List.copyOf(best);
        unresolved = List.copyOf(unresolved);
        notes = List.copyOf(notes);
        if (considered < 0 || considered > discovered.size()) {
            throw new IllegalArgumentException("considered must be 0.." + discovered.size() + ", got " + considered);
        }
    }

    /** How many models fit. */
    public int fitting() {
        return best.size();
    }

    /** The first {@code limit} fitting models, cheapest first. */
    public List<Candidate> top(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        return best.subList(0, Math.min(limit, best.size()));
    }

    /** Whether no model could be considered (nothing discovered, or nothing resolved). */
    public boolean nothingConsidered() {
        return considered == 0;
    }
}
