package io.chimeraforge.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One request and its response, handled on the connection's own thread: a fixed-length response
 * ({@link #respond}) or a chunked stream ({@link #startStream}, {@link #frame}, {@link #write}).
 *
 * <p>Every write is one {@code write} call on the socket (TCP_NODELAY), so a chunk leaves as one
 * segment the moment it is written, and {@link System#nanoTime()} taken right before the call is
 * the instant the bytes were handed to the kernel. Nothing is buffered in between.
 */
public final class Exchange {

    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final long NONE = Long.MIN_VALUE;
    /** How long before a deadline a spinning wait stops parking (see {@link #parkUntil}). */
    static final long SPIN_NANOS = 200_000;
    /** The shortest wait that may end in a spin: the spin is then at most a fifth of it. */
    static final long SPIN_MIN_WAIT_NANOS = 1_000_000;

    private enum State { NEW, STREAMING, DONE, BROKEN }

    private final Connection connection;
    private final HttpRequest request;
    private final boolean chunked;
    private State state = State.NEW;
    private long headersWrittenNanos = NONE;
    private long firstContentNanos = NONE;
    private long lastWriteNanos = NONE;
    private Runnable onEnd;
    private boolean closeWhenDone;

    Exchange(Connection connection, HttpRequest request) {
        this.connection = connection;
        this.request = request;
        this.chunked = !request.http10(); // HTTP/1.0 has no chunked coding: the close ends the body
    }

    /** The request being answered. */
    public HttpRequest request() {
        return request;
    }

    /**
     * Runs {@code action} once, just before the write that ends the response (or before the
     * connection is cut): whoever waits for the response's end can then already see what was
     * recorded about it. The write timestamp is taken before the action runs.
     */
    public void onEnd(Runnable action) {
        this.onEnd = action;
    }

    /**
     * Sends a complete response with {@code Content-Length} in one write (no body for HEAD).
     *
     * @param extraHeaders further header fields as name, value pairs
     */
    public void respond(int status, String contentType, byte[] body, String... extraHeaders) throws IOException {
        respond(status, contentType, body, false, extraHeaders);
    }

    /** Sends a complete {@code 200} response whose body carries generated content (see {@link #firstContentWrittenNanos()}). */
    public void respondWithContent(String contentType, byte[] body) throws IOException {
        respond(200, contentType, body, true);
    }

    private void respond(int status, String contentType, byte[] body, boolean content, String... extraHeaders)
            throws IOException {
        requireState(State.NEW);
        StringBuilder head = statusLine(status);
        field(head, "Content-Type", contentType);
        field(head, "Content-Length", Integer.toString(body.length));
        for (int i = 0; i + 1 < extraHeaders.length; i += 2) {
            field(head, extraHeaders[i], extraHeaders[i + 1]);
        }
        byte[] headBytes = endHead(head);
        boolean withBody = !request.method().equals("HEAD") && body.length > 0;
        byte[] all = headBytes;
        if (withBody) {
            all = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
        }
        state = State.DONE;
        send(all, true, content);
    }

    /**
     * Sends {@code 200} headers of a streamed response: chunked, or for an HTTP/1.0 client
     * delimited by closing the connection.
     */
    public void startStream(String contentType) throws IOException {
        requireState(State.NEW);
        StringBuilder head = statusLine(200);
        field(head, "Content-Type", contentType);
        field(head, "Cache-Control", "no-cache");
        if (chunked) {
            field(head, "Transfer-Encoding", "chunked");
        }
        byte[] bytes = endHead(head);
        state = State.STREAMING;
        send(bytes, false, false);
    }

    /** Whether any part of the response has been written (its head at least). */
    public boolean started() {
        return headersWrittenNanos != NONE;
    }

    /**
     * The bytes that carry {@code payload} as one chunk of the stream (size line, data, CRLF), with
     * the terminating zero-size chunk appended when {@code end}. Framing is done ahead of the
     * write so that the write itself is all that happens at a deadline.
     */
    public byte[] frame(byte[] payload, boolean end) {
        if (!chunked) {
            return payload;
        }
        if (payload.length == 0) {
            return end ? LAST_CHUNK.clone() : payload; // a zero-size chunk would end the body
        }
        byte[] size = (Integer.toHexString(payload.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[size.length + payload.length + CRLF.length + (end ? LAST_CHUNK.length : 0)];
        System.arraycopy(size, 0, out, 0, size.length);
        System.arraycopy(payload, 0, out, size.length, payload.length);
        System.arraycopy(CRLF, 0, out, size.length + payload.length, CRLF.length);
        if (end) {
            System.arraycopy(LAST_CHUNK, 0, out, size.length + payload.length + CRLF.length, LAST_CHUNK.length);
        }
        return out;
    }

    /**
     * Writes bytes from {@link #frame} in one {@code write} call.
     *
     * @param content whether they carry generated content (the first such write is the first token)
     * @param ending  whether they end the response (framed with {@code end})
     * @return {@link System#nanoTime()} taken immediately before the write
     */
    public long write(byte[] framed, boolean content, boolean ending) throws IOException {
        requireState(State.STREAMING);
        if (ending) {
            state = State.DONE;
        }
        return framed.length == 0 && !ending ? System.nanoTime() : send(framed, ending, content);
    }

    /** Cuts the connection now, without finishing the response (a truncated body for the client). */
    public void abort() {
        state = State.BROKEN;
        ending();
        connection.kill();
    }

    /**
     * Waits on the calling (connection) thread until {@code deadlineNanos} on the
     * {@link System#nanoTime()} clock. Deadlines are absolute, so a late wake-up is never carried
     * into the next one.
     *
     * <p>A parked thread wakes some 50–150 µs late (the kernel's timer slack plus the scheduler's
     * wake-up). With {@code spinTail}, and only when the wait is at least {@link #SPIN_MIN_WAIT_NANOS},
     * the thread parks until {@link #SPIN_NANOS} before the deadline and spins the rest, which
     * brings the lateness to a few µs for at most a fifth of the wait's CPU time; the caller
     * allows it only when a single stream is running, so spinning never competes with other
     * streams (or with the client) for the cores.
     *
     * @throws InterruptedIOException if the server is closing
     */
    public void parkUntil(long deadlineNanos, boolean spinTail) throws InterruptedIOException {
        boolean spin = spinTail && deadlineNanos - System.nanoTime() >= SPIN_MIN_WAIT_NANOS;
        while (true) {
            long remaining = deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            if (spin && remaining <= SPIN_NANOS) {
                while (deadlineNanos - System.nanoTime() > 0) {
                    Thread.onSpinWait();
                }
                return;
            }
            LockSupport.parkNanos(this, spin ? remaining - SPIN_NANOS : remaining);
            if (Thread.interrupted() || connection.killed()) {
                throw new InterruptedIOException("server closing");
            }
        }
    }

    /**
     * Blocks until the client closes its end of the connection or {@code limitNanos} pass; any
     * bytes it sends meanwhile are discarded (the connection is not reused afterwards).
     *
     * @return true if the client went away, false if the limit passed
     */
    public boolean awaitClientGone(long limitNanos) throws IOException {
        long deadline = System.nanoTime() + limitNanos;
        InputStream in = connection.socket().getInputStream();
        byte[] discard = new byte[1024];
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            long ms = Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
            connection.socket().setSoTimeout((int) ms);
            try {
                if (in.read(discard) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                // limit reached, or nearly: the loop decides
            }
        }
    }

    /** When the response's first bytes (its head) were handed to the socket, if they were. */
    public OptionalLong headersWrittenNanos() {
        return headersWrittenNanos == NONE ? OptionalLong.empty() : OptionalLong.of(headersWrittenNanos);
    }

    /** When the first bytes carrying generated content were handed to the socket, if any were. */
    public OptionalLong firstContentWrittenNanos() {
        return firstContentNanos == NONE ? OptionalLong.empty() : OptionalLong.of(firstContentNanos);
    }

    /** When the response's last bytes so far were handed to the socket (or tried to be), if any were. */
    public OptionalLong lastWriteNanos() {
        return lastWriteNanos == NONE ? OptionalLong.empty() : OptionalLong.of(lastWriteNanos);
    }

    /**
     * Closes the connection once this response is done, without announcing it in the response
     * head (what {@code Quirk.CLOSE_AFTER_STREAM} imitates).
     */
    public void closeWhenDone() {
        closeWhenDone = true;
    }

    /**
     * Whether the connection can carry the next request after this exchange: the response is
     * complete, neither side asked to close (an HTTP/1.0 stream is delimited by the close), and
     * the server does not mean to close it anyway.
     */
    boolean reusable() {
        return state == State.DONE && request.keepAlive() && !closeWhenDone;
    }

    /** One write; every timestamp is taken right before it, and the end is announced before the last one. */
    private long send(byte[] bytes, boolean ending, boolean content) throws IOException {
        long at = System.nanoTime();
        if (headersWrittenNanos == NONE) {
            headersWrittenNanos = at;
        }
        if (content && firstContentNanos == NONE) {
            firstContentNanos = at;
        }
        lastWriteNanos = at;
        if (ending) {
            ending();
        }
        try {
            connection.out().write(bytes);
        } catch (IOException | RuntimeException e) {
            state = State.BROKEN;
            throw e;
        }
        return at;
    }

    private void ending() {
        Runnable action = onEnd;
        onEnd = null;
        if (action != null) {
            action.run();
        }
    }

    /** Announces the end if no write or abort did (the response failed); idempotent. */
    void finish() {
        ending();
    }

    private void requireState(State expected) {
        if (state != expected) {
            throw new IllegalStateException("response is " + state + ", expected " + expected);
        }
    }

    private StringBuilder statusLine(int status) {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                .append(reason(status)).append("\r\n");
        field(head, "Date", IMF_FIXDATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        return head;
    }

    private byte[] endHead(StringBuilder head) {
        if (!request.keepAlive()) {
            field(head, "Connection", "close");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void field(StringBuilder head, String name, String value) {
        head.append(name).append(": ").append(value).append("\r\n");
    }

    /** Reason phrase of the status codes this server sends. */
    static String reason(int status) {
        return switch (status) {
            case 100 -> "Continue";
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 417 -> "Expectation Failed";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
