package io.chimeraforge.core.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One successful request in the reference schema ({@code individual_runs[i]}), plus added keys.
 *
 * @param tokensGenerated       output tokens
 * @param throughputTps         tokens per second in the backend's reference definition (Ollama:
 *                              server decode rate; vLLM/TGI: tokens over client wall time)
 * @param ttftMs                client time to first content token, or −1.0 when not measurable
 * @param totalDurationMs       Ollama: server {@code total_duration}; others: client wall time
 * @param promptEvalDurationMs  Ollama: server prefill time; others 0.0
 * @param evalDurationMs        Ollama: server decode time; others client wall time
 * @param extra                 added snake_case keys, in write order (values are JSON-compatible:
 *                              String, Number, Boolean, List, Map, {@link StatSummary})
 */
public record IndividualRun(int tokensGenerated, double throughputTps, double ttftMs, double totalDurationMs,
        double promptEvalDurationMs, double evalDurationMs, Map<String, Object> extra) {

    /** Copies {@code extra} (insertion order kept) and rejects nulls. */
    public IndividualRun {
        if (extra == null) {
            throw new IllegalArgumentException("extra must not be null (use an empty map)");
        }
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }
}
