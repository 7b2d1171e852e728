package io.chimeraforge.bench.internal.client;

import io.chimeraforge.bench.ChunkArrival;
import io.chimeraforge.bench.ErrorKind;
import io.chimeraforge.bench.RequestError;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.ServerTimings;
import io.chimeraforge.bench.TokenSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * Collects one request's measurements. Decoders call it from the I/O thread; the watchdog may
 * fail it from another thread, so every method is synchronized (uncontended in the common case).
 * The first terminal call (success or failure) wins and completes {@link #result()}.
 */
public final class Recorder {

    private static final long NONE = Long.MIN_VALUE;

    private final long index;
    private final boolean warmup;
    private final int instance;
    private final long scheduled;
    private final long dispatched;
    private long sent = NONE;
    private long connectStart = NONE;
    private boolean reused;
    private long headers = NONE;
    private long firstChunk = NONE;
    private volatile long lastActivity;
    private int status = -1;
    private final List<long[]> contentEvents = new ArrayList<>(); // {arrival, serverTokensOrMinusOne}
    private boolean perEventServerCounts = true;
    private TokenSource eventSource = TokenSource.CLIENT_ESTIMATE;
    private int serverCompletion = -1;
    private int promptTokens = -1;
    private String finishReason;
    private ServerTimings timings;
    private boolean terminal;
    private long terminalAt = NONE;
    private final CompletableFuture<RequestTimeline> result = new CompletableFuture<>();
    private final StringBuilder text;

    /** A recorder for request {@code index} that does not keep the generated text. */
    public Recorder(long index, boolean warmup, int instance, long scheduled, long dispatched) {
        this(index, warmup, instance, scheduled, dispatched, false);
    }

    /** A recorder for request {@code index}; {@code keepText} also collects the generated text. */
    public Recorder(long index, boolean warmup, int instance, long scheduled, long dispatched, boolean keepText) {
        this.text = keepText ? new StringBuilder() : null;
        this.index = index;
        this.warmup = warmup;
        this.instance = instance;
        this.scheduled = scheduled;
        this.dispatched = dispatched;
        this.lastActivity = dispatched;
    }

    /** Completes once with the timeline. */
    public CompletableFuture<RequestTimeline> result() {
        return result;
    }

    /** Whether the request has finished (either way). */
    public boolean done() {
        return result.isDone();
    }

    /** Last time anything happened (send, headers, bytes), for the idle deadline. */
    public long lastActivity() {
        return lastActivity;
    }

    /** When the request was dispatched. */
    public long dispatched() {
        return dispatched;
    }

    /**
     * Records the connection: obtaining it began at {@code connectStartAt}, and the request's write
     * begins at {@code writeAt} (the origin of TTFT).
     */
    public synchronized void connected(long connectStartAt, long writeAt, boolean reusedConnection) {
        connectStart = connectStartAt;
        sent = writeAt;
        reused = reusedConnection;
        lastActivity = writeAt;
    }

    /** Records response headers. */
    public synchronized void headers(long at, int httpStatus) {
        headers = at;
        status = httpStatus;
        lastActivity = at;
    }

    /** Whether headers have arrived. */
    public synchronized boolean hasHeaders() {
        return headers != NONE;
    }

    /** Records that bytes arrived (idle watchdog). */
    public void bytes(long at) {
        lastActivity = at;
    }

    /** Any parsed event (content or not). */
    public synchronized void event(long at) {
        if (firstChunk == NONE) {
            firstChunk = at;
        }
    }

    /**
     * A content-bearing event.
     *
     * @param serverTokens tokens in this event per the protocol/server, or −1 when unknown
     * @param source       provenance when {@code serverTokens} is known
     */
    public synchronized void content(long at, int serverTokens, TokenSource source) {
        event(at);
        contentEvents.add(new long[] {at, serverTokens});
        if (serverTokens < 0) {
            perEventServerCounts = false;
        } else {
            eventSource = source;
        }
    }

    /** Generated text of a content event (kept only when the recorder was asked to). */
    public synchronized void text(String piece) {
        if (text != null) {
            text.append(piece);
        }
    }

    /** The generated text collected so far (empty when not kept). */
    public synchronized String text() {
        return text == null ? "" : text.toString();
    }

    /** The server's cumulative/final completion token count (latest wins). */
    public synchronized void serverCompletionTokens(int tokens) {
        serverCompletion = tokens;
    }

    /** The server's prompt token count. */
    public synchronized void promptTokens(int tokens) {
        promptTokens = tokens;
    }

    /** The finish reason. */
    public synchronized void finishReason(String reason) {
        finishReason = reason;
    }

    /** Server-reported timings (Ollama's final line, llama.cpp's final chunk). */
    public synchronized void serverTimings(ServerTimings t) {
        timings = t;
    }

    /** The protocol's final event arrived. */
    public synchronized void terminal(long at) {
        if (!terminal) {
            terminal = true;
            terminalAt = at;
        }
    }

    /** Whether the final event has been seen. */
    public synchronized boolean sawTerminal() {
        return terminal;
    }

    /** Whether a finish reason was seen (llama.cpp ends without [DONE] but with a finish reason). */
    public synchronized boolean sawFinish() {
        return finishReason != null;
    }

    /** Succeeds at {@code endAt} (the final event's arrival if seen, else end of body). */
    public void succeed(long endAt) {
        RequestTimeline t;
        synchronized (this) {
            if (result.isDone()) {
                return;
            }
            t = build(terminalAt != NONE ? terminalAt : endAt, null);
        }
        result.complete(t);
    }

    /** Fails with {@code kind}; no-op if already finished. Returns whether this call finished it. */
    public boolean fail(long at, ErrorKind kind, String message) {
        RequestTimeline t;
        synchronized (this) {
            if (result.isDone()) {
                return false;
            }
            t = build(at, new RequestError(kind, message));
        }
        return result.complete(t);
    }

    private RequestTimeline build(long end, RequestError error) {
        int events = contentEvents.size();
        int[] perChunk = new int[events];
        TokenSource chunkSource;
        int output;
        TokenSource outputSource;
        int eventSum = 0;
        if (perEventServerCounts && events > 0) {
            for (int i = 0; i < events; i++) {
                perChunk[i] = (int) contentEvents.get(i)[1];
                eventSum += perChunk[i];
            }
            chunkSource = eventSource;
        } else {
            chunkSource = TokenSource.CLIENT_ESTIMATE;
            java.util.Arrays.fill(perChunk, 1);
            eventSum = events;
        }
        if (serverCompletion >= 0) {
            output = serverCompletion;
            outputSource = TokenSource.SERVER_USAGE;
            if (output != eventSum && events > 0 && chunkSource == TokenSource.CLIENT_ESTIMATE) {
                // Spread the server's total over the chunks (largest remainder) so per-token ITL
                // is not inflated when servers merge tokens into one chunk.
                int base = output / events;
                int extra = output % events;
                for (int i = 0; i < events; i++) {
                    perChunk[i] = base + (i < extra ? 1 : 0);
                }
                chunkSource = TokenSource.DISTRIBUTED;
            }
        } else {
            output = eventSum;
            outputSource = chunkSource == TokenSource.CLIENT_ESTIMATE ? TokenSource.CLIENT_ESTIMATE : chunkSource;
        }
        // Events delivered by the same read share a timestamp: merge them into one chunk.
        List<ChunkArrival> chunks = new ArrayList<>();
        long lastAt = NONE;
        int pending = 0;
        for (int i = 0; i < events; i++) {
            long at = contentEvents.get(i)[0];
            if (at != lastAt && lastAt != NONE) {
                chunks.add(new ChunkArrival(lastAt, pending, chunkSource));
                pending = 0;
            }
            lastAt = at;
            pending += perChunk[i];
        }
        if (lastAt != NONE) {
            chunks.add(new ChunkArrival(lastAt, pending, chunkSource));
        }
        long sentAt = sent == NONE ? dispatched : sent;
        long connectAt = connectStart == NONE ? sentAt : connectStart;
        return new RequestTimeline(index, warmup, instance, scheduled, dispatched, sentAt, opt(headers),
                opt(firstChunk), events > 0 ? OptionalLong.of(contentEvents.get(0)[0]) : OptionalLong.empty(),
                events > 0 ? OptionalLong.of(contentEvents.get(events - 1)[0]) : OptionalLong.empty(),
                end, chunks, output, outputSource, events,
                promptTokens >= 0 ? OptionalInt.of(promptTokens) : OptionalInt.empty(),
                Optional.ofNullable(finishReason), status >= 0 ? OptionalInt.of(status) : OptionalInt.empty(),
                Optional.ofNullable(timings), Optional.ofNullable(error), connectAt, reused);
    }

    private static OptionalLong opt(long v) {
        return v == NONE ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
