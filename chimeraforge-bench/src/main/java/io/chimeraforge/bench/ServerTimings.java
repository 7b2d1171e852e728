package io.chimeraforge.bench;

/**
 * Server-side timings an Ollama stream reports in its final line (nanoseconds; 0 when absent).
 *
 * @param totalNanos      {@code total_duration}
 * @param loadNanos       {@code load_duration}
 * @param promptEvalNanos {@code prompt_eval_duration}
 * @param evalNanos       {@code eval_duration}
 */
public record ServerTimings(long totalNanos, long loadNanos, long promptEvalNanos, long evalNanos) {

    /** Server-side TTFT estimate: load plus prefill, in milliseconds. */
    public double serverTtftMs() {
        return (loadNanos + promptEvalNanos) / 1e6;
    }
}
