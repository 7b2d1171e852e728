package io.chimeraforge.bench.internal.http;

/**
 * One request and its response, run on the calling thread. The response is pushed to a
 * {@link ResponseParser.Listener} as it arrives, each read timestamped before any parsing.
 * {@link #abort()} may be called from any thread (a watchdog, a cancelled run, or the listener
 * itself): it closes the connection — or the connection being opened, or gives up the name
 * lookup — which unblocks the running thread.
 *
 * <p>A request is sent at most once: it is never retried once any byte of it may have been
 * written. A pooled connection found closed <em>before</em> the write is replaced, which is not a
 * retry (the server cannot have seen the request).
 */
public final class Exchange {

    /** For {@link #run}: no idle limit or no deadline; reads then block until bytes or end of stream. */
    public static final long NO_LIMIT = Long.MAX_VALUE;

    private final Transport.Call call;

    Exchange(Transport.Call call) {
        this.call = call;
    }

    /** Stops the exchange: {@link #run} fails with {@link ExchangeException.Failure#ABORTED}. */
    public void abort() {
        call.abort();
    }

    /**
     * Sends the request and delivers the response until it is complete.
     *
     * @param deadlineNanos absolute clock time by which the whole exchange must finish
     * @param idleNanos     longest wait for the next bytes from the server; with both limits
     *                      {@link #NO_LIMIT}, reads are untimed and the caller enforces its limits
     *                      by calling {@link #abort()}
     * @throws ExchangeException when the exchange fails (the connection is then closed)
     */
    public void run(long deadlineNanos, long idleNanos, ResponseParser.Listener listener) throws ExchangeException {
        call.run(deadlineNanos, idleNanos, listener);
    }
}
