package io.chimeraforge.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Everything measured about one request. All instants are {@link System#nanoTime()} values of
 * the run's clock, taken on the I/O thread when bytes arrived and before any decoding.
 *
 * <p>The order of a request's instants: scheduled ≤ dispatched ≤ connectStart ≤ sent ≤ headers ≤
 * first chunk ≤ first token ≤ last token ≤ end. Connection set-up (taking a pooled connection, or
 * name lookup, TCP connect and TLS handshake for a new one) lies between {@code connectStartNanos}
 * and {@code sentNanos}, so it is in {@link #connectMs()} and never in TTFT, TPOT or
 * {@link #e2eMs()}; it is in {@link #e2eFromScheduleMs()}. Through a proxy (the JDK client) set-up
 * cannot be seen: {@code connectStartNanos == sentNanos} and it lands in TTFT.
 *
 * @param index            0-based request index in the configuration (warm-ups count separately)
 * @param warmup           whether this was a warm-up request (excluded from statistics)
 * @param instance         index of the base URL it was sent to
 * @param scheduledNanos   intended send time (open loop: the arrival schedule; closed loop: when a worker became free)
 * @param dispatchedNanos  when it passed the concurrency gate (= scheduled when there is no gate)
 * @param sentNanos        just before the request's first byte was written to a ready connection:
 *                         the origin of TTFT and end-to-end latency (when the request failed
 *                         before that, the dispatch instant)
 * @param headersNanos     response headers arrived
 * @param firstChunkNanos  first stream event of any kind arrived (role-only and empty chunks included)
 * @param firstTokenNanos  first chunk carrying non-empty generated content arrived
 * @param lastTokenNanos   last content chunk arrived
 * @param endNanos         the stream's final event (or end of body) arrived, or the failure was detected
 * @param chunks           content chunks, in arrival order
 * @param outputTokens     output tokens (server count when given)
 * @param tokenSource      provenance of {@code outputTokens}
 * @param contentEvents    content-bearing events the client saw (its own count)
 * @param promptTokens     prompt tokens reported by the server
 * @param finishReason     finish reason reported by the server
 * @param httpStatus       HTTP status, once headers arrived
 * @param serverTimings    server-side timings the server reported (Ollama's final line, llama.cpp's
 *                         {@code timings} in its final chunk)
 * @param error            why the request failed; empty on success
 * @param connectStartNanos when the client began to obtain a connection for the request (right
 *                         after dispatch; = {@code sentNanos} when unknown)
 * @param connectionReused whether the request went over a pooled connection that had carried an
 *                         earlier request (false for a new connection, and when unknown)
 */
public record RequestTimeline(long index, boolean warmup, int instance, long scheduledNanos, long dispatchedNanos,
        long sentNanos, OptionalLong headersNanos, OptionalLong firstChunkNanos, OptionalLong firstTokenNanos,
        OptionalLong lastTokenNanos, long endNanos, List<ChunkArrival> chunks, int outputTokens,
        TokenSource tokenSource, int contentEvents, OptionalInt promptTokens, Optional<String> finishReason,
        OptionalInt httpStatus, Optional<ServerTimings> serverTimings, Optional<RequestError> error,
        long connectStartNanos, boolean connectionReused) {

    /** Copies the chunk list. */
    public RequestTimeline {
        chunks = List.copyOf(chunks);
    }

    /** A timeline without connection details (connect start = sent, not reused). */
    public RequestTimeline(long index, boolean warmup, int instance, long scheduledNanos, long dispatchedNanos,
            long sentNanos, OptionalLong headersNanos, OptionalLong firstChunkNanos, OptionalLong firstTokenNanos,
            OptionalLong lastTokenNanos, long endNanos, List<ChunkArrival> chunks, int outputTokens,
            TokenSource tokenSource, int contentEvents, OptionalInt promptTokens, Optional<String> finishReason,
            OptionalInt httpStatus, Optional<ServerTimings> serverTimings, Optional<RequestError> error) {
        this(index, warmup, instance, scheduledNanos, dispatchedNanos, sentNanos, headersNanos, firstChunkNanos,
                firstTokenNanos, lastTokenNanos, endNanos, chunks, outputTokens, tokenSource, contentEvents,
                promptTokens, finishReason, httpStatus, serverTimings, error, sentNanos, false);
    }

    /** Time spent obtaining the connection (pool check, or lookup, connect and TLS handshake), ms. */
    public double connectMs() {
        return ms(sentNanos - connectStartNanos);
    }

    /** Whether the request succeeded. */
    public boolean succeeded() {
        return error.isEmpty();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Time to first content token from the request's write ({@link #sentNanos}), ms. */
    public OptionalDouble ttftMs() {
        return firstTokenNanos.isPresent() ? OptionalDouble.of(ms(firstTokenNanos.getAsLong() - sentNanos))
                : OptionalDouble.empty();
    }

    /** Time to first stream event of any kind from send, ms. */
    public OptionalDouble firstChunkMs() {
        return firstChunkNanos.isPresent() ? OptionalDouble.of(ms(firstChunkNanos.getAsLong() - sentNanos))
                : OptionalDouble.empty();
    }

    /** Time to response headers from send, ms. */
    public OptionalDouble headersMs() {
        return headersNanos.isPresent() ? OptionalDouble.of(ms(headersNanos.getAsLong() - sentNanos))
                : OptionalDouble.empty();
    }

    /** End-to-end latency from send (≈ dispatch) to the final event, ms. */
    public double e2eMs() {
        return ms(endNanos - sentNanos);
    }

    /** End-to-end latency from the scheduled send time — includes client-side queueing (coordinated omission), ms. */
    public double e2eFromScheduleMs() {
        return ms(endNanos - scheduledNanos);
    }

    /** Time waiting for a concurrency slot in the client, ms. */
    public double queueMs() {
        return ms(dispatchedNanos - scheduledNanos);
    }

    /** Time per output token after the first: (last token − first token) / (tokens − 1), ms; needs ≥ 2 tokens. */
    public OptionalDouble tpotMs() {
        if (outputTokens < 2 || firstTokenNanos.isEmpty() || lastTokenNanos.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ms(lastTokenNanos.getAsLong() - firstTokenNanos.getAsLong()) / (outputTokens - 1));
    }

    /** Decode rate (tokens − 1) / (last token − first token), tokens per second; needs ≥ 2 tokens and a positive span. */
    public OptionalDouble decodeTps() {
        if (outputTokens < 2 || firstTokenNanos.isEmpty() || lastTokenNanos.isEmpty()) {
            return OptionalDouble.empty();
        }
        long span = lastTokenNanos.getAsLong() - firstTokenNanos.getAsLong();
        return span > 0 ? OptionalDouble.of((outputTokens - 1) / (span / 1e9)) : OptionalDouble.empty();
    }

    /** Gaps between consecutive content chunks, ms (one value per chunk after the first). */
    public double[] chunkItlMs() {
        double[] out = new double[Math.max(0, chunks.size() - 1)];
        for (int i = 1; i < chunks.size(); i++) {
            out[i - 1] = ms(chunks.get(i).arrivalNanos() - chunks.get(i - 1).arrivalNanos());
        }
        return out;
    }

    /**
     * Token-weighted inter-token latency, ms: each chunk after the first contributes its gap
     * divided by its token count, once per token (the first chunk's gap is TTFT, not ITL).
     */
    public double[] tokenItlMs() {
        int n = 0;
        for (int i = 1; i < chunks.size(); i++) {
            n += chunks.get(i).tokens();
        }
        double[] out = new double[n];
        int k = 0;
        for (int i = 1; i < chunks.size(); i++) {
            int tokens = chunks.get(i).tokens();
            double each = ms(chunks.get(i).arrivalNanos() - chunks.get(i - 1).arrivalNanos()) / Math.max(1, tokens);
            for (int t = 0; t < tokens; t++) {
                out[k++] = each;
            }
        }
        return out;
    }
}
