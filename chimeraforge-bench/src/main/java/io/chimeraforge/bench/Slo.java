package io.chimeraforge.bench;

import java.util.OptionalDouble;

/**
 * Service-level objectives for goodput: a request is good when it succeeded and meets every
 * objective that is set (measured ≤ objective, as vLLM's {@code --goodput}). Failed requests count
 * against attainment.
 *
 * @param ttftMs TTFT objective, ms
 * @param tpotMs TPOT objective, ms (a one-token request has TPOT 0)
 * @param e2eMs  end-to-end latency objective (from the scheduled time), ms
 */
public record Slo(OptionalDouble ttftMs, OptionalDouble tpotMs, OptionalDouble e2eMs) {

    /** Validates that objectives are positive and at least one is set. */
    public Slo {
        for (OptionalDouble v : new OptionalDouble[] {ttftMs, tpotMs, e2eMs}) {
            if (v == null || (v.isPresent() && !(v.getAsDouble() > 0))) {
                throw new IllegalArgumentException("SLO values must be positive milliseconds, got " + v);
            }
        }
        if (ttftMs.isEmpty() && tpotMs.isEmpty() && e2eMs.isEmpty()) {
            throw new IllegalArgumentException("an SLO needs at least one of ttftMs, tpotMs, e2eMs");
        }
    }
}
