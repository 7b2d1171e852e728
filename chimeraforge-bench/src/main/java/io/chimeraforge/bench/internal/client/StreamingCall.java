package io.chimeraforge.bench.internal.client;

import io.chimeraforge.bench.ErrorKind;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.internal.http.Exchange;
import io.chimeraforge.bench.internal.http.ExchangeException;
import io.chimeraforge.bench.internal.http.HttpTransport;
import io.chimeraforge.bench.internal.http.ResponseParser;
import io.chimeraforge.bench.internal.http.WireRequest;
import io.chimeraforge.bench.internal.stream.StreamParser;
import io.chimeraforge.bench.internal.stream.StreamTooLargeException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One streamed generation, run on the calling thread: the request is written, and every read of
 * the response is timestamped by this thread as {@code read} returns, then framed and decoded
 * into the {@link Recorder}. Request failures never throw; they end the timeline with an
 * {@link ErrorKind}. {@link #abort} may be called from any thread.
 */
public final class StreamingCall {

    private static final int ERROR_BODY_LIMIT = 2048;

    private final BackendProtocol protocol;
    private final Recorder recorder;
    private final LongSupplier clock;
    private final EventDecoder decoder;
    private final StreamParser parser;
    private volatile Exchange exchange;
    private boolean failedInDecoder; // only touched by the running thread

    /** A call recording into {@code recorder}, timestamps from {@code clock} (nanoseconds). */
    public StreamingCall(BackendProtocol protocol, Recorder recorder, LongSupplier clock) {
        this.protocol = protocol;
        this.recorder = recorder;
        this.clock = clock;
        this.decoder = protocol.decoder();
        this.parser = protocol.parser(event -> {
            if (failedInDecoder) {
                return;
            }
            try {
                decoder.onEvent(event, recorder);
            } catch (MalformedStreamException e) {
                failedInDecoder = true;
                abort(event.arrivalNanos(), ErrorKind.MALFORMED_STREAM, e.getMessage());
            } catch (ServerErrorException e) {
                failedInDecoder = true;
                abort(event.arrivalNanos(), ErrorKind.SERVER_ERROR, "server error in stream: " + e.getMessage());
            }
        });
    }

    /** The recorder. */
    public Recorder recorder() {
        return recorder;
    }

    /**
     * Sends {@code request} and reads the stream to its end on this thread. Reads are untimed
     * (one system call per arrival): the caller enforces the whole-request and idle deadlines by
     * calling {@link #enforceDeadlines} periodically, from another thread.
     *
     * @param total whole-request deadline, counted from dispatch (for messages)
     * @param idle  longest silence allowed between reads (for messages)
     * @return the finished timeline
     */
    public RequestTimeline run(HttpTransport transport, WireRequest request, Duration total, Duration idle) {
        Exchange ex = transport.exchange(request);
        exchange = ex;
        if (recorder.done()) {
            return recorder.result().join(); // aborted before it started
        }
        Body body = new Body();
        try {
            ex.run(Exchange.NO_LIMIT, Exchange.NO_LIMIT, body);
            body.finished();
        } catch (ExchangeException e) {
            body.failed(e, total, idle);
        } catch (RuntimeException e) {
            recorder.fail(clock.getAsLong(), ErrorKind.TRANSPORT, e.toString());
            ex.abort();
        }
        return recorder.result().join();
    }

    /** Fails the request (first failure wins) and closes its connection. */
    public void abort(long at, ErrorKind kind, String message) {
        if (recorder.fail(at, kind, message)) {
            Exchange ex = exchange;
            if (ex != null) {
                ex.abort();
            }
        }
    }

    /**
     * Enforces the deadlines: aborts the call if, at {@code now}, it has run longer than
     * {@code total} since dispatch or has received nothing for longer than {@code idle}. Callers
     * sweep their calls with it at a tenth of the shorter limit (a blocked read, connect or write
     * is then cut by closing the connection).
     */
    public void enforceDeadlines(long now, Duration total, Duration idle) {
        if (now - recorder.dispatched() > total.toNanos()) {
            abort(now, ErrorKind.TIMEOUT_TOTAL, totalMessage(total));
        } else if (now - recorder.lastActivity() > idle.toNanos()) {
            abort(now, ErrorKind.TIMEOUT_IDLE, idleMessage(idle));
        }
    }

    /**
     * How often callers should run {@link #enforceDeadlines}: a tenth of the shorter limit, between
     * 2 and 100 ms, so a deadline is enforced within 10% (or 100 ms) of when it passes.
     */
    public static long sweepMillis(Duration total, Duration idle) {
        return Math.max(2, Math.min(100, Math.min(total.toMillis(), idle.toMillis()) / 10));
    }

    private static String totalMessage(Duration total) {
        return "request exceeded the " + total.toMillis() + " ms deadline";
    }

    private static String idleMessage(Duration idle) {
        return "no data for " + idle.toMillis() + " ms";
    }

    /** Routes the response: a 2xx body into the stream parser, any other body into an error message. */
    private final class Body implements ResponseParser.Listener {
        private int status = -1;
        private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();

        @Override
        public void sending(long connectStartNanos, long writeStartNanos, boolean reused) {
            recorder.connected(connectStartNanos, writeStartNanos, reused);
        }

        @Override
        public void headers(ResponseParser.ResponseHead head, long at) {
            status = head.status();
            recorder.headers(at, status);
        }

        @Override
        public void body(byte[] bytes, int off, int len, long at) {
            recorder.bytes(at);
            if (!ok()) {
                errorBody.write(bytes, off, Math.min(len, Math.max(0, ERROR_BODY_LIMIT - errorBody.size())));
            } else if (!recorder.done()) {
                try {
                    parser.feed(bytes, off, len, at);
                } catch (StreamTooLargeException e) {
                    abort(at, ErrorKind.MALFORMED_STREAM, e.getMessage());
                }
            }
        }

        private boolean ok() {
            return status / 100 == 2;
        }

        void finished() {
            long now = clock.getAsLong();
            if (recorder.done()) {
                return;
            }
            if (!ok()) {
                failWithStatus(now);
                return;
            }
            parser.finish();
            if (recorder.done()) {
                return;
            }
            if (decoder.complete(recorder)) {
                recorder.succeed(now);
            } else {
                recorder.fail(now, ErrorKind.INCOMPLETE_STREAM,
                        "stream ended without the final " + protocol.name() + " event");
            }
        }

        void failed(ExchangeException e, Duration total, Duration idle) {
            long now = clock.getAsLong();
            if (recorder.done()) {
                return;
            }
            if (status >= 0 && !ok()) {
                failWithStatus(now); // an error answer whose body was cut: the status is the news
                return;
            }
            switch (e.failure()) {
                case CONNECT, UNKNOWN_HOST, TLS -> recorder.fail(now, ErrorKind.CONNECT, e.getMessage());
                case TIMEOUT_TOTAL -> recorder.fail(now, ErrorKind.TIMEOUT_TOTAL, totalMessage(total));
                case TIMEOUT_IDLE -> recorder.fail(now, ErrorKind.TIMEOUT_IDLE, idleMessage(idle));
                case TRUNCATED -> recorder.fail(now, ErrorKind.STREAM_TRUNCATED,
                        "connection lost mid-stream (" + e.getMessage() + ")");
                case PROTOCOL -> recorder.fail(now, ErrorKind.TRANSPORT, "invalid HTTP response: " + e.getMessage());
                case ABORTED -> recorder.fail(now, ErrorKind.CANCELLED, "request aborted");
                default -> recorder.fail(now, ErrorKind.TRANSPORT, e.getMessage());
            }
        }

        private void failWithStatus(long now) {
            String text = errorBody.toString(StandardCharsets.UTF_8).strip();
            ErrorKind kind = status == 429 ? ErrorKind.RATE_LIMITED : ErrorKind.HTTP_STATUS;
            recorder.fail(now, kind, "HTTP " + status + (text.isEmpty() ? "" : ": " + text));
        }
    }
}
