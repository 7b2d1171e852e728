package io.chimeraforge.bench;

/**
 * Content that arrived at one instant: all content-bearing events delivered in the same read are
 * one chunk (they are indistinguishable in time).
 *
 * @param arrivalNanos {@link System#nanoTime()} when the bytes arrived, before decoding
 * @param tokens       tokens in the chunk (≥ 0)
 * @param source       provenance of {@code tokens}
 */
public record ChunkArrival(long arrivalNanos, int tokens, TokenSource source) {

    /** Validates the token count. */
    public ChunkArrival {
        if (tokens < 0) {
            throw new IllegalArgumentException("tokens must be >= 0, got " + tokens);
        }
        if (source == null) {
            throw new IllegalArgumentException("source must not be null");
        }
    }
}
