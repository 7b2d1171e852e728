package io.chimeraforge.bench.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;

/**
 * One request and its response, run on the calling thread. The response is pushed to a
 * {@link ResponseParser.Listener} as it arrives, each read timestamped before any parsing.
 * {@link #abort()} may be called from any thread (a watchdog, a cancelled run, or the listener
 * itself): it closes the connection, which unblocks the reading thread.
 */
public final class Exchange {

    /** For {@link #run}: no idle limit or no deadline; reads then block until bytes or end of stream. */
    public static final long NO_LIMIT = Long.MAX_VALUE;

    private final HttpTransport transport;
    private final WireRequest request;
    private volatile Connection current;
    private volatile boolean aborted;

    Exchange(HttpTransport transport, WireRequest request) {
        this.transport = transport;
        this.request = request;
    }

    /** Stops the exchange: {@link #run} fails with {@link ExchangeException.Failure#ABORTED}. */
    public void abort() {
        aborted = true;
        Connection c = current;
        if (c != null) {
            transport.discard(c);
        }
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
        var clock = transport.clock();
        for (int attempt = 0; ; attempt++) {
            checkAborted();
            Connection c = transport.acquire(request.endpoint(), deadlineNanos - clock.getAsLong());
            current = c;
            boolean reused = c.uses > 0;
            ResponseParser parser = new ResponseParser(listener);
            boolean deadlineBound = false;
            try {
                checkAborted();
                c.out.write(request.encoded());
                c.out.flush();
                boolean trailing = false;
                while (!parser.complete()) {
                    if (idleNanos == NO_LIMIT && deadlineNanos == NO_LIMIT) {
                        // Untimed: a plain blocking read, one system call per arrival. A timed read
                        // puts the socket in non-blocking mode and costs a poll and a second read.
                        c.readTimeout(0);
                    } else {
                        long toDeadline = deadlineNanos - clock.getAsLong();
                        deadlineBound = toDeadline <= idleNanos;
                        long wait = Math.min(idleNanos, toDeadline);
                        if (wait <= 0) {
                            throw new SocketTimeoutException("deadline");
                        }
                        // Rounded up: a read must not give up before the limit it stands for.
                        c.readTimeout((int) Math.min(Integer.MAX_VALUE, (wait + 999_999) / 1_000_000));
                    }
                    int n = c.in.read(c.buffer);
                    long at = clock.getAsLong(); // before any parsing: the arrival time of these bytes
                    if (n < 0) {
                        if (!parser.endOfInput()) {
                            throw new EOFException(!parser.sawBytes() ? "connection closed before any response byte"
                                    : parser.headersDone() ? "connection closed mid-body"
                                    : "connection closed mid-way through the response head");
                        }
                        break;
                    }
                    int used = parser.feed(c.buffer, 0, n, at);
                    trailing = used < n;
                    checkAborted();
                }
                current = null;
                if (parser.reusable() && !trailing && !aborted) {
                    transport.release(c);
                } else {
                    transport.discard(c);
                }
                return;
            } catch (SocketTimeoutException e) {
                transport.discard(c);
                checkAborted();
                boolean total = deadlineBound || clock.getAsLong() >= deadlineNanos;
                throw new ExchangeException(total ? ExchangeException.Failure.TIMEOUT_TOTAL
                        : ExchangeException.Failure.TIMEOUT_IDLE, total ? "deadline passed" : "idle limit passed", e);
            } catch (HttpProtocolException e) {
                transport.discard(c);
                checkAborted();
                throw new ExchangeException(ExchangeException.Failure.PROTOCOL, e.getMessage(), e);
            } catch (ExchangeException e) {
                transport.discard(c);
                throw e;
            } catch (IOException e) {
                transport.discard(c);
                checkAborted();
                if (reused && !parser.sawBytes() && attempt == 0) {
                    continue; // the server closed the idle keep-alive connection: retry once on a new one
                }
                throw new ExchangeException(parser.headersDone() ? ExchangeException.Failure.TRUNCATED
                        : ExchangeException.Failure.TRANSPORT, HttpTransport.describe(e), e);
            } catch (RuntimeException | Error e) {
                transport.discard(c);
                throw e;
            }
        }
    }

    private void checkAborted() throws ExchangeException {
        if (aborted || transport.isClosed()) {
            Connection c = current;
            if (c != null) {
                transport.discard(c);
            }
            throw new ExchangeException(ExchangeException.Failure.ABORTED,
                    aborted ? "aborted" : "transport closed", null);
        }
    }
}
