package io.chimeraforge.testkit;

import java.time.Duration;

/**
 * The timing and length every generation response of {@link MockLlmServer} follows.
 *
 * <p>Timeline of one response, measured from its start: the moment the request (headers and
 * body) has been fully read, or, if it had to wait for a generation slot, the moment the slot
 * freed. Chunk {@code c} is sent at the absolute instant {@code start + ttft + offset(c)}, where tokens are produced one every
 * {@code interTokenGap} and a chunk leaves when its last token is ready, shifted so that the first
 * chunk leaves exactly at {@code ttft}. With {@code tokensPerChunk = k} and full chunks,
 * {@code offset(c) = c · k · interTokenGap}; a shorter last chunk of {@code j} tokens leaves
 * {@code j · interTokenGap} after the previous one, so the per-token gap is always
 * {@code interTokenGap}.
 *
 * <p>{@code outputTokens} is the natural length (the point where the model "emits EOS"): a
 * request asking for fewer tokens gets its requested count with finish reason {@code length};
 * a request with {@code ignore_eos} gets exactly the requested count.
 *
 * @param ttft           time from the response's start to its first content chunk, ≥ 0
 * @param interTokenGap  time between consecutive tokens, ≥ 0
 * @param tokensPerChunk tokens carried by each streamed chunk, 1..1024
 * @param outputTokens   natural output length in tokens, 1..1,000,000
 * @param loadDuration   model load time reported by Ollama's {@code load_duration} (not waited), ≥ 0
 * @param trickleFactor  multiplier on {@code interTokenGap} under {@link Fault#SLOW_TRICKLE}, 1..10,000
 */
public record Script(Duration ttft, Duration interTokenGap, int tokensPerChunk, int outputTokens,
        Duration loadDuration, int trickleFactor) {

    /** Default TTFT: 20 ms. */
    public static final Duration DEFAULT_TTFT = Duration.ofMillis(20);
    /** Default inter-token gap: 5 ms. */
    public static final Duration DEFAULT_INTER_TOKEN_GAP = Duration.ofMillis(5);
    /** Default tokens per chunk: 1. */
    public static final int DEFAULT_TOKENS_PER_CHUNK = 1;
    /** Default natural output length: 32 tokens. */
    public static final int DEFAULT_OUTPUT_TOKENS = 32;
    /** Default trickle factor: 25. */
    public static final int DEFAULT_TRICKLE_FACTOR = 25;

    /** Validates every setting; messages name the parameter, value and allowed range. */
    public Script {
        requireNonNegative("ttft", ttft);
        requireNonNegative("interTokenGap", interTokenGap);
        requireNonNegative("loadDuration", loadDuration);
        if (tokensPerChunk < 1 || tokensPerChunk > 1024) {
            throw new IllegalArgumentException("tokensPerChunk must be in [1, 1024], got " + tokensPerChunk);
        }
        if (outputTokens < 1 || outputTokens > 1_000_000) {
            throw new IllegalArgumentException("outputTokens must be in [1, 1000000], got " + outputTokens);
        }
        if (trickleFactor < 1 || trickleFactor > 10_000) {
            throw new IllegalArgumentException("trickleFactor must be in [1, 10000], got " + trickleFactor);
        }
    }

    private static void requireNonNegative(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a non-negative duration, got " + value);
        }
    }

    /** The defaults: TTFT 20 ms, 5 ms per token, 1 token per chunk, 32 tokens. */
    public static Script defaults() {
        return builder().build();
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this script. */
    public Builder toBuilder() {
        return new Builder().ttft(ttft).interTokenGap(interTokenGap).tokensPerChunk(tokensPerChunk)
                .outputTokens(outputTokens).loadDuration(loadDuration).trickleFactor(trickleFactor);
    }

    /**
     * Offset of chunk {@code chunk} from the first chunk, for a response of {@code tokens} tokens.
     *
     * @param chunk  0-based chunk index
     * @param tokens total tokens in the response
     * @param gapNanos inter-token gap in nanoseconds (the trickle fault scales it)
     * @return nanoseconds after the first chunk
     */
    public long chunkOffsetNanos(int chunk, int tokens, long gapNanos) {
        // A chunk leaves when its last token is ready; subtracting the first chunk's last token
        // pins chunk 0 at TTFT.
        long lastOfChunk = Math.min((long) (chunk + 1) * tokensPerChunk, tokens) - 1;
        long lastOfFirst = Math.min(tokensPerChunk, tokens) - 1;
        return (lastOfChunk - lastOfFirst) * gapNanos;
    }

    /** Number of chunks a response of {@code tokens} tokens is streamed in. */
    public int chunkCount(int tokens) {
        return (tokens + tokensPerChunk - 1) / tokensPerChunk;
    }

    /** Builder for {@link Script}; every setter's range is the record's. */
    public static final class Builder {
        private Duration ttft = DEFAULT_TTFT;
        private Duration interTokenGap = DEFAULT_INTER_TOKEN_GAP;
        private int tokensPerChunk = DEFAULT_TOKENS_PER_CHUNK;
        private int outputTokens = DEFAULT_OUTPUT_TOKENS;
        private Duration loadDuration = Duration.ZERO;
        private int trickleFactor = DEFAULT_TRICKLE_FACTOR;

        private Builder() {
        }

        /** Time from the response's start (request read, or slot freed) to the first content chunk (default 20 ms). */
        public Builder ttft(Duration value) {
            this.ttft = value;
            return this;
        }

        /** Gap between tokens (default 5 ms). */
        public Builder interTokenGap(Duration value) {
            this.interTokenGap = value;
            return this;
        }

        /** Tokens per streamed chunk, 1..1024 (default 1). */
        public Builder tokensPerChunk(int value) {
            this.tokensPerChunk = value;
            return this;
        }

        /** Natural output length, 1..1,000,000 (default 32). */
        public Builder outputTokens(int value) {
            this.outputTokens = value;
            return this;
        }

        /** Reported Ollama {@code load_duration} (default 0). */
        public Builder loadDuration(Duration value) {
            this.loadDuration = value;
            return this;
        }

        /** Gap multiplier for {@link Fault#SLOW_TRICKLE}, 1..10,000 (default 25). */
        public Builder trickleFactor(int value) {
            this.trickleFactor = value;
            return this;
        }

        /** Builds and validates. */
        public Script build() {
            return new Script(ttft, interTokenGap, tokensPerChunk, outputTokens, loadDuration, trickleFactor);
        }
    }
}
