package io.chimeraforge.bench.internal.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The bench's own HTTP/1.1 transport: blocking sockets, one calling thread per exchange,
 * keep-alive connections pooled per endpoint (see {@link HttpTransport} for why it exists).
 *
 * <p><b>Connection reuse.</b> A connection goes back to the pool only when its response was
 * complete, framed by length or chunks, and neither side asked to close. It is taken out again
 * only if (1) it has been idle at least {@link #SETTLE_NANOS} — long enough for the close of a
 * server that hangs up right after each response to have arrived — and less than its idle cap,
 * and (2) a non-blocking check just before reuse finds neither end of stream nor unsolicited
 * bytes on it. Once an endpoint has been seen closing a connection soon after a response (found
 * dead when released, or after less than {@link #QUICK_CLOSE_NANOS} idle), its connections are no
 * longer pooled at all. A connection found dead is replaced before anything is written: that is
 * not a retry.
 *
 * <p><b>Connect.</b> Name lookup, TCP connect (each resolved address in turn) and TLS handshake
 * together are bounded by the connect timeout (or the exchange's deadline, if sooner), and an
 * abort cuts each of them: the lookup runs on a resolver thread the exchange waits for with a
 * timeout, the connect and handshake on a channel that abort closes.
 */
final class SocketTransport implements Transport {

    /** Idle cap when the server announces none: uvicorn (vLLM, SGLang) closes idle connections after 5 s. */
    static final long DEFAULT_IDLE_CAP_NANOS = Duration.ofSeconds(4).toNanos();
    /** How long a connection rests after its response before it may be reused. */
    static final long SETTLE_NANOS = Duration.ofMillis(20).toNanos();
    /** A pooled connection found closed sooner than this after its response marks its endpoint as closing. */
    static final long QUICK_CLOSE_NANOS = Duration.ofSeconds(1).toNanos();

    private final int connectTimeoutMillis;
    private final LongSupplier clock;
    private final SSLSocketFactory tlsFactory;
    private final ExecutorService resolver;
    private final HostResolver names;
    private final Map<Endpoint, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private final Set<Endpoint> closesAfterResponses = ConcurrentHashMap.newKeySet();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    /** Calls obtaining a connection (looking up, connecting): {@link #close()} cuts them too. */
    private final Set<SocketCall> connecting = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    SocketTransport(int connectTimeoutMillis, LongSupplier clock, SSLSocketFactory tlsFactory, ExecutorService resolver,
            HostResolver names) {
        this.names = names;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.clock = clock;
        this.tlsFactory = tlsFactory;
        this.resolver = resolver;
    }

    LongSupplier clock() {
        return clock;
    }

    @Override
    public Transport.Call call(WireRequest request) {
        return new SocketCall(this, request);
    }

    /** The idle cap for a server that announced {@code Keep-Alive: timeout=seconds} (−1: none). */
    static long idleCapNanos(int keepAliveSeconds) {
        if (keepAliveSeconds < 0) {
            return DEFAULT_IDLE_CAP_NANOS;
        }
        // Stop using it well before the server's own timer fires: a request written into a
        // connection the server is closing fails, and is not retried. The margin is 1 s, or half
        // the announced time when that is shorter.
        long announced = TimeUnit.SECONDS.toNanos(keepAliveSeconds);
        long margin = Math.min(TimeUnit.SECONDS.toNanos(1), announced / 2);
        return Math.min(DEFAULT_IDLE_CAP_NANOS, announced - margin);
    }

    /**
     * A connection to {@code endpoint}: a pooled one that passes the reuse rule, else a new one
     * (lookup and connect bounded by the smaller of the connect timeout and {@code budgetNanos}).
     */
    Connection acquire(Endpoint endpoint, long budgetNanos, SocketCall call) throws ExchangeException {
        Deque<Connection> pool = idle.get(endpoint);
        if (pool != null) {
            long now = clock.getAsLong();
            for (Iterator<Connection> it = pool.descendingIterator(); it.hasNext(); ) {
                Connection c = it.next();
                long idleFor = now - c.idleSince;
                if (idleFor >= c.idleCapNanos || c.socket.isClosed()) {
                    if (pool.removeFirstOccurrence(c)) {
                        discard(c);
                    }
                    continue;
                }
                if (idleFor < SETTLE_NANOS || !pool.removeFirstOccurrence(c)) {
                    continue; // still settling, or another thread took it
                }
                if (!c.deadWhileIdle()) {
                    return c;
                }
                discard(c);
                if (idleFor < QUICK_CLOSE_NANOS) {
                    closesAfterResponses.add(endpoint);
                }
            }
        }
        connecting.add(call);
        try {
            if (closed) {
                call.abort();
            }
            return connect(endpoint, budgetNanos, call);
        } finally {
            connecting.remove(call);
        }
    }

    /** Returns a connection whose exchange completed cleanly to the pool, unless its endpoint closes them. */
    void release(Connection c, int keepAliveSeconds) {
        c.uses++;
        c.idleSince = clock.getAsLong();
        c.idleCapNanos = idleCapNanos(keepAliveSeconds);
        if (closed || c.idleCapNanos <= SETTLE_NANOS || closesAfterResponses.contains(c.endpoint)) {
            discard(c);
            return;
        }
        if (c.deadWhileIdle()) {
            // Closed right after its response (its end already arrived): such a server will do it
            // again, and the next time the close may arrive after the next request was written.
            closesAfterResponses.add(c.endpoint);
            discard(c);
            return;
        }
        idle.computeIfAbsent(c.endpoint, e -> new ConcurrentLinkedDeque<>()).addLast(c);
        if (closed) {
            discard(c); // raced with close(): it may have swept the pool before this add
        }
    }

    /** Whether the transport stopped pooling connections to {@code endpoint} (it closes them after responses). */
    boolean closesAfterResponses(Endpoint endpoint) {
        return closesAfterResponses.contains(endpoint);
    }

    /** Closes and forgets a connection. */
    void discard(Connection c) {
        open.remove(c);
        c.close();
    }

    private Connection connect(Endpoint endpoint, long budgetNanos, SocketCall call) throws ExchangeException {
        if (closed) {
            throw new ExchangeException(ExchangeException.Failure.ABORTED, "transport closed", null);
        }
        long budget = Math.min(TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis), budgetNanos);
        boolean budgetBound = budget < TimeUnit.MILLISECONDS.toNanos(connectTimeoutMillis);
        long deadline = clock.getAsLong() + budget;
        InetAddress[] addresses = resolve(endpoint, deadline, budgetBound, call);
        IOException last = null;
        for (InetAddress address : addresses) {
            call.checkAborted();
            long left = deadline - clock.getAsLong();
            if (left <= 0) {
                break;
            }
            SocketChannel channel;
            try {
                channel = SocketChannel.open();
            } catch (IOException e) {
                throw new ExchangeException(ExchangeException.Failure.CONNECT, "cannot open a socket: " + describe(e), e);
            }
            if (!call.connecting(channel)) {
                call.checkAborted();
            }
            Socket socket = channel.socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(address, endpoint.port()), millis(left));
                if (endpoint.tls()) {
                    socket = startTls(socket, endpoint, millis(deadline - clock.getAsLong()));
                }
                call.connecting(null);
                Connection c = new Connection(endpoint, channel, socket);
                open.add(c);
                if (closed) {
                    discard(c);
                    throw new ExchangeException(ExchangeException.Failure.ABORTED, "transport closed", null);
                }
                return c;
            } catch (javax.net.ssl.SSLException e) {
                closeQuietly(channel);
                call.checkAborted();
                throw TlsFailures.classify(endpoint, e);
            } catch (IOException e) {
                closeQuietly(channel);
                call.checkAborted();
                last = e;
                if (e instanceof SocketTimeoutException) {
                    break; // the budget is spent
                }
            }
        }
        call.connecting(null);
        if (last == null || last instanceof SocketTimeoutException) {
            if (budgetBound) {
                throw new ExchangeException(ExchangeException.Failure.TIMEOUT_TOTAL,
                        "deadline passed while connecting to " + endpoint, last);
            }
            throw new ExchangeException(ExchangeException.Failure.CONNECT,
                    "connect to " + endpoint + " timed out after " + connectTimeoutMillis + " ms", last);
        }
        throw new ExchangeException(ExchangeException.Failure.CONNECT, "cannot connect to " + endpoint + ": "
                + describe(last), last);
    }

    /** The endpoint's addresses: a literal at once, a name on the resolver, waited for until {@code deadline}. */
    private InetAddress[] resolve(Endpoint endpoint, long deadline, boolean budgetBound, SocketCall call)
            throws ExchangeException {
        String host = endpoint.host();
        if (isLiteral(host)) {
            try {
                return new InetAddress[] {InetAddress.getByName(host)}; // parses, does not look up
            } catch (UnknownHostException e) {
                throw new ExchangeException(ExchangeException.Failure.UNKNOWN_HOST, "unknown host " + host + " (the name does not resolve)", e);
            }
        }
        Future<InetAddress[]> lookup;
        try {
            lookup = resolver.submit(() -> names.resolve(host));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new ExchangeException(ExchangeException.Failure.ABORTED, "transport closed", e);
        }
        if (!call.lookingUp(lookup)) {
            call.checkAborted();
        }
        try {
            return lookup.get(Math.max(0, deadline - clock.getAsLong()), TimeUnit.NANOSECONDS);
        } catch (CancellationException e) {
            call.checkAborted();
            throw new ExchangeException(ExchangeException.Failure.ABORTED, "aborted", e);
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new ExchangeException(ExchangeException.Failure.ABORTED, "interrupted", e);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            call.checkAborted();
            if (budgetBound) {
                throw new ExchangeException(ExchangeException.Failure.TIMEOUT_TOTAL,
                        "deadline passed while looking up " + host, e);
            }
            throw new ExchangeException(ExchangeException.Failure.CONNECT,
                    "looking up " + host + " timed out after " + connectTimeoutMillis + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnknownHostException) {
                throw new ExchangeException(ExchangeException.Failure.UNKNOWN_HOST, "unknown host " + host + " (the name does not resolve)", cause);
            }
            throw new ExchangeException(ExchangeException.Failure.CONNECT, "cannot look up " + host + ": "
                    + describe(cause), cause);
        }
    }

    /** Whether {@code host} is an IP address literal (IPv6 hosts come without brackets). */
    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000));
    }

    private Socket startTls(Socket plain, Endpoint endpoint, int timeoutMillis) throws IOException {
        SSLSocket tls = (SSLSocket) tlsFactory.createSocket(plain, endpoint.host(), endpoint.port(), true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(timeoutMillis);
        tls.startHandshake();
        tls.setSoTimeout(0);
        return tls;
    }

    static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already failing; the original error is what the caller reports
        }
    }

    static String describe(Throwable e) {
        return HttpTransport.describe(e);
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        for (SocketCall call : connecting) {
            call.abort();
        }
        for (Connection c : open) {
            discard(c);
        }
        idle.clear();
    }
}
