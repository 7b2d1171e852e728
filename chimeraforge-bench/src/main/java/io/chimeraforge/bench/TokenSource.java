package io.chimeraforge.bench;

/** Where a token count came from — the provenance recorded for every request and chunk. */
public enum TokenSource {
    /** The server's final usage ({@code usage.completion_tokens}, Ollama {@code eval_count}, TGI {@code details.generated_tokens}). */
    SERVER_USAGE,
    /** Per-chunk deltas of the server's cumulative usage (vLLM {@code continuous_usage_stats}). */
    SERVER_USAGE_DELTA,
    /** Counted from events the protocol defines as one token each (TGI, special tokens excluded). */
    SERVER_EVENTS,
    /** The server's total spread evenly over content chunks (no per-chunk counts were given). */
    DISTRIBUTED,
    /** Estimated by the client: one token per content chunk. */
    CLIENT_ESTIMATE
}
