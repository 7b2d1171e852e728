package io.chimeraforge.bench;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Server-side timings a server reported about one request (nanoseconds; 0 when absent): Ollama in
 * its final line ({@code total_duration}, {@code load_duration}, {@code prompt_eval_duration},
 * {@code eval_duration}, {@code prompt_eval_count}, {@code eval_count}), llama.cpp's
 * {@code llama-server} in the {@code timings} object of its final OpenAI-compatible chunk
 * ({@code prompt_ms}, {@code predicted_ms}, {@code prompt_n}, {@code predicted_n}; it reports no
 * load time, and its total is prompt plus predicted).
 *
 * @param totalNanos       whole request on the server
 * @param loadNanos        model load
 * @param promptEvalNanos  prompt processing (prefill)
 * @param evalNanos        generation (decode)
 * @param promptEvalTokens prompt tokens processed, if reported
 * @param evalTokens       tokens generated, if reported
 */
public record ServerTimings(long totalNanos, long loadNanos, long promptEvalNanos, long evalNanos,
        OptionalInt promptEvalTokens, OptionalInt evalTokens) {

    /** Rejects null counts. */
    public ServerTimings {
        Objects.requireNonNull(promptEvalTokens, "promptEvalTokens");
        Objects.requireNonNull(evalTokens, "evalTokens");
    }

    /** Timings without token counts. */
    public ServerTimings(long totalNanos, long loadNanos, long promptEvalNanos, long evalNanos) {
        this(totalNanos, loadNanos, promptEvalNanos, evalNanos, OptionalInt.empty(), OptionalInt.empty());
    }

    /** Server-side TTFT estimate: load plus prefill, in milliseconds. */
    public double serverTtftMs() {
        return (loadNanos + promptEvalNanos) / 1e6;
    }
}
