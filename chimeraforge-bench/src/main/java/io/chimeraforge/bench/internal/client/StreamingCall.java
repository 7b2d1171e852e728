package io.chimeraforge.bench.internal.client;

import io.chimeraforge.bench.ErrorKind;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.internal.stream.StreamParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.function.LongSupplier;

/**
 * One streamed HTTP exchange. The body is consumed by a {@link Flow.Subscriber} that requests
 * everything up front (the client never throttles reads), timestamps each delivery before
 * touching the bytes, and feeds the framer on the delivering thread — no thread per stream.
 * Deadlines are enforced from outside through {@link #abort}.
 */
public final class StreamingCall implements HttpResponse.BodyHandler<Void> {

    private static final int ERROR_BODY_LIMIT = 2048;

    private final BackendProtocol protocol;
    private final Recorder recorder;
    private final LongSupplier clock;
    private final EventDecoder decoder;
    private final StreamParser parser;
    private volatile Flow.Subscription subscription;
    private volatile CompletableFuture<HttpResponse<Void>> exchange;
    private volatile boolean failedInDecoder;

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

    /** Sends {@code request}; the timeline completes on {@link Recorder#result()}. */
    public CompletableFuture<RequestTimeline> start(HttpClient client, HttpRequest request) {
        recorder.sent(clock.getAsLong());
        CompletableFuture<HttpResponse<Void>> cf = client.sendAsync(request, this);
        exchange = cf;
        cf.whenComplete((response, error) -> {
            if (error != null) {
                onFailure(unwrap(error));
            }
        });
        return recorder.result();
    }

    /** Fails the request and releases the connection (cancels the body or the pending exchange). */
    public void abort(long at, ErrorKind kind, String message) {
        if (recorder.fail(at, kind, message)) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            CompletableFuture<HttpResponse<Void>> cf = exchange;
            if (cf != null) {
                cf.cancel(true);
            }
        }
    }

    /**
     * Aborts the call if, at {@code now}, it has run longer than {@code total} since dispatch or
     * has received nothing for longer than {@code idle} (the JDK's request timeout covers headers
     * only, so streaming deadlines are enforced here by a periodic sweep).
     */
    public void enforceDeadlines(long now, java.time.Duration total, java.time.Duration idle) {
        if (now - recorder.dispatched() > total.toNanos()) {
            abort(now, ErrorKind.TIMEOUT_TOTAL, "request exceeded the " + total.toMillis() + " ms deadline");
        } else if (now - recorder.lastActivity() > idle.toNanos()) {
            abort(now, ErrorKind.TIMEOUT_IDLE, "no data for " + idle.toMillis() + " ms");
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cur = t;
        while ((cur instanceof CompletionException || cur instanceof java.util.concurrent.ExecutionException)
                && cur.getCause() != null) {
            cur = cur.getCause();
        }
        return cur;
    }

    private void onFailure(Throwable t) {
        long now = clock.getAsLong();
        if (recorder.done()) {
            return;
        }
        ErrorKind kind;
        if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException
                || t.getCause() instanceof ConnectException) {
            kind = ErrorKind.CONNECT;
        } else if (t instanceof HttpTimeoutException) {
            kind = ErrorKind.TIMEOUT_TOTAL;
        } else if (recorder.hasHeaders()) {
            kind = ErrorKind.STREAM_TRUNCATED;
        } else {
            kind = ErrorKind.TRANSPORT;
        }
        String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
        recorder.fail(now, kind, kind == ErrorKind.STREAM_TRUNCATED ? "connection lost mid-stream (" + text + ")" : text);
    }

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        long now = clock.getAsLong();
        recorder.headers(now, info.statusCode());
        if (info.statusCode() / 100 != 2) {
            return HttpResponse.BodySubscribers.fromSubscriber(new ErrorBody(info.statusCode()), s -> null);
        }
        return HttpResponse.BodySubscribers.fromSubscriber(new Body(), s -> null);
    }

    /** Consumes a successful streamed body. */
    private final class Body implements Flow.Subscriber<List<ByteBuffer>> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (recorder.done()) {
                s.cancel();
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            long now = clock.getAsLong(); // before any decoding
            recorder.bytes(now);
            if (recorder.done()) {
                return;
            }
            for (ByteBuffer b : items) {
                parser.feed(b, now);
            }
        }

        @Override
        public void onError(Throwable t) {
            onFailure(unwrap(t));
        }

        @Override
        public void onComplete() {
            long now = clock.getAsLong();
            if (recorder.done()) {
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
    }

    /** Collects (a bounded prefix of) an error body, then fails the request with the status. */
    private final class ErrorBody implements Flow.Subscriber<List<ByteBuffer>> {
        private final int status;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        ErrorBody(int status) {
            this.status = status;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                int n = Math.min(b.remaining(), ERROR_BODY_LIMIT - body.size());
                if (n > 0) {
                    byte[] chunk = new byte[n];
                    b.get(chunk);
                    body.write(chunk, 0, n);
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            finish();
        }

        @Override
        public void onComplete() {
            finish();
        }

        private void finish() {
            String text = body.toString(StandardCharsets.UTF_8).strip();
            ErrorKind kind = status == 429 ? ErrorKind.RATE_LIMITED : ErrorKind.HTTP_STATUS;
            recorder.fail(clock.getAsLong(), kind, "HTTP " + status + (text.isEmpty() ? "" : ": " + text));
        }
    }

    /** Whether {@code e} is an I/O error (for callers classifying failures). */
    static boolean isIo(Throwable e) {
        return e instanceof IOException;
    }
}
