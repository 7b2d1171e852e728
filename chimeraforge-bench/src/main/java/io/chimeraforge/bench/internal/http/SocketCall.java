package io.chimeraforge.bench.internal.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;

/**
 * One exchange on the bench's own sockets, run on the calling thread: obtain a connection, write
 * the request in one {@code write}, read and timestamp the response. Never retried: once the
 * write has begun, any failure is the request's failure (the server may have started work on it).
 */
final class SocketCall implements Transport.Call {

    private final SocketTransport transport;
    private final WireRequest request;
    /** The connection in use, once there is one. */
    private volatile Connection current;
    /** The connect or name lookup in progress, cancelled by {@link #abort()}. */
    private volatile Future<?> pendingLookup;
    private volatile java.nio.channels.SocketChannel pendingConnect;
    private volatile boolean aborted;

    SocketCall(SocketTransport transport, WireRequest request) {
        this.transport = transport;
        this.request = request;
    }

    @Override
    public void abort() {
        aborted = true;
        Future<?> lookup = pendingLookup;
        if (lookup != null) {
            lookup.cancel(true);
        }
        java.nio.channels.SocketChannel connecting = pendingConnect;
        if (connecting != null) {
            SocketTransport.closeQuietly(connecting);
        }
        Connection c = current;
        if (c != null) {
            transport.discard(c);
        }
    }

    boolean aborted() {
        return aborted;
    }

    /** Registers a name lookup in progress; returns false (and cancels it) if the call was aborted. */
    boolean lookingUp(Future<?> lookup) {
        pendingLookup = lookup;
        if (aborted) {
            lookup.cancel(true);
            return false;
        }
        return true;
    }

    /** Registers a connect in progress (null when done); returns false (and closes it) if aborted. */
    boolean connecting(java.nio.channels.SocketChannel channel) {
        pendingConnect = channel;
        if (aborted && channel != null) {
            SocketTransport.closeQuietly(channel);
            return false;
        }
        return true;
    }

    @Override
    public void run(long deadlineNanos, long idleNanos, ResponseParser.Listener listener) throws ExchangeException {
        LongSupplier clock = transport.clock();
        checkAborted();
        long connectStart = clock.getAsLong();
        Connection c = transport.acquire(request.endpoint(), deadlineNanos == Exchange.NO_LIMIT ? Exchange.NO_LIMIT
                : deadlineNanos - connectStart, this);
        current = c;
        ResponseParser parser = new ResponseParser(listener);
        boolean deadlineBound = false;
        try {
            checkAborted();
            listener.sending(connectStart, clock.getAsLong(), c.uses > 0);
            c.out.write(request.encoded());
            c.out.flush();
            boolean trailing = false;
            while (!parser.complete()) {
                if (idleNanos == Exchange.NO_LIMIT && deadlineNanos == Exchange.NO_LIMIT) {
                    // Untimed: a plain blocking read, one system call per arrival. A timed read
                    // costs a poll and a second read.
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
                transport.release(c, parser.keepAliveTimeoutSeconds());
            } else {
                transport.discard(c);
            }
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
            // No retry, even on a reused connection that failed before the first response byte:
            // the request was written, and the server may have read it and started generating.
            throw new ExchangeException(parser.headersDone() ? ExchangeException.Failure.TRUNCATED
                    : ExchangeException.Failure.TRANSPORT, HttpTransport.describe(e), e);
        } catch (RuntimeException | Error e) {
            transport.discard(c);
            throw e;
        }
    }

    void checkAborted() throws ExchangeException {
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
