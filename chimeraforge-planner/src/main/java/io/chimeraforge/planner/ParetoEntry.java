package io.chimeraforge.planner;

import java.util.List;
import java.util.Objects;

/**
 * A candidate on the cost / p95 / quality Pareto frontier, with what it is best at.
 *
 * @param candidate the configuration
 * @param tags      any of {@code cheapest}, {@code fastest}, {@code best-quality}
 */
public record ParetoEntry(Candidate candidate, List<String> tags) {
    public ParetoEntry {
        Objects.requireNonNull(candidate, "candidate");
        tags = List.copyOf(tags);
    }
}
