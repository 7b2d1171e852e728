package io.chimeraforge.planner.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body collected into memory up to a limit: past it the subscription is cancelled and
 * the body fails, so a misbehaving endpoint streaming without end cannot exhaust the heap.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body outgrew the limit. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(int limit) {
            super("the response is larger than " + limit + " bytes");
        }
    }

    private final int limit;
    private final boolean truncate;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(int limit, boolean truncate) {
        this.limit = limit;
        this.truncate = truncate;
    }

    /**
     * A subscriber for a response of {@code status}: a 200 body over {@code limit} fails; any other
     * body (only its status is reported) is cut at 4 KiB.
     */
    public static HttpResponse.BodySubscriber<byte[]> subscriber(int status, int limit) {
        return status == 200 ? new CappedBody(limit, false) : new CappedBody(Math.min(limit, 4096), true);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            if (body.size() + b.remaining() > limit) {
                subscription.cancel();
                if (truncate) {
                    result.complete(body.toByteArray());
                } else {
                    result.completeExceptionally(new TooLarge(limit));
                }
                return;
            }
            byte[] chunk = new byte[b.remaining()];
            b.get(chunk);
            body.write(chunk, 0, chunk.length);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(body.toByteArray());
    }
}
