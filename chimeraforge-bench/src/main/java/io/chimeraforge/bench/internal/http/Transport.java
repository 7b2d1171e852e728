package io.chimeraforge.bench.internal.http;

/**
 * One way of carrying HTTP/1.1 exchanges: the bench's own sockets ({@link SocketTransport}) or the
 * JDK {@code HttpClient} ({@link JdkTransport}, for proxies). {@link HttpTransport} routes each
 * request to one of them.
 */
interface Transport extends AutoCloseable {

    /** A new, not yet started exchange of {@code request}. */
    Call call(WireRequest request);

    /** Closes every connection; exchanges in flight fail. */
    @Override
    void close();

    /** One exchange; {@link #abort()} may be called from any thread, at any time. */
    interface Call {
        /** See {@link Exchange#run}. */
        void run(long deadlineNanos, long idleNanos, ResponseParser.Listener listener) throws ExchangeException;

        /** See {@link Exchange#abort}. */
        void abort();
    }
}
