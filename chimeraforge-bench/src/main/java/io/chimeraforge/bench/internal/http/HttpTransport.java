package io.chimeraforge.bench.internal.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The bench's HTTP/1.1 client: blocking sockets, one calling thread per exchange, keep-alive
 * connections pooled per endpoint. It exists because a measuring instrument needs a short and
 * predictable path between the wire and the clock: the JDK {@code HttpClient} hands every request
 * and every body delivery across its selector thread and an executor, which on a small machine
 * added about 0.8 ms median and 4 ms p99 to each time to first token (see the bench README). Here
 * the request is written by the calling thread in one {@code write}, and each response read is
 * timestamped by the same thread the moment {@code read} returns.
 *
 * <p>HTTP/1.1 only, never an {@code h2c} upgrade (which breaks uvicorn-based servers), {@code https}
 * through the JDK's default TLS settings with host name verification. Thread-safe.
 */
public final class HttpTransport implements AutoCloseable {

    /**
     * Pooled connections idle longer than this are closed rather than reused: uvicorn (vLLM,
     * SGLang) closes idle keep-alive connections after 5 s, and a request written into a
     * connection the server is closing fails and must be retried.
     */
    static final long MAX_IDLE_NANOS = Duration.ofSeconds(4).toNanos();

    private final int connectTimeoutMillis;
    private final LongSupplier clock;
    private final SSLSocketFactory tlsFactory;
    private final Map<Endpoint, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A transport whose TCP (and TLS) connects give up after {@code connectTimeout}. */
    public HttpTransport(Duration connectTimeout, LongSupplier clock) {
        this(connectTimeout, clock, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** As {@link #HttpTransport(Duration, LongSupplier)}, with the TLS settings of {@code tlsFactory}. */
    HttpTransport(Duration connectTimeout, LongSupplier clock, SSLSocketFactory tlsFactory) {
        this.tlsFactory = tlsFactory;
        long millis = connectTimeout.toMillis();
        if (millis < 1 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout must be 1 ms..24 days, got " + connectTimeout);
        }
        this.connectTimeoutMillis = (int) millis;
        this.clock = clock;
    }

    /** A transport timing with {@link System#nanoTime()}. */
    public HttpTransport(Duration connectTimeout) {
        this(connectTimeout, System::nanoTime);
    }

    /** The clock exchanges timestamp with. */
    LongSupplier clock() {
        return clock;
    }

    /** A new exchange of {@code request}; run it with {@link Exchange#run}. */
    public Exchange exchange(WireRequest request) {
        return new Exchange(this, request);
    }

    /**
     * A complete response.
     *
     * @param status the status code
     * @param body   the body decoded as UTF-8 (at most {@code maxBodyBytes} of it)
     */
    public record Response(int status, String body) {
    }

    /**
     * Sends {@code request} and reads the whole response (for health and model checks).
     *
     * @throws ExchangeException on any failure, classified
     */
    public Response call(WireRequest request, Duration timeout, int maxBodyBytes) throws ExchangeException {
        int[] status = {-1};
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        long now = clock.getAsLong();
        exchange(request).run(now + timeout.toNanos(), timeout.toNanos(), new ResponseParser.Listener() {
            @Override
            public void headers(ResponseParser.ResponseHead head, long at) {
                status[0] = head.status();
            }

            @Override
            public void body(byte[] bytes, int off, int len, long at) {
                body.write(bytes, off, Math.min(len, Math.max(0, maxBodyBytes - body.size())));
            }
        });
        return new Response(status[0], body.toString(StandardCharsets.UTF_8));
    }

    /**
     * A connection to {@code endpoint}: the most recently used idle one, else a new one (connect
     * bounded by the smaller of the connect timeout and {@code budgetNanos}).
     */
    Connection acquire(Endpoint endpoint, long budgetNanos) throws ExchangeException {
        Deque<Connection> pool = idle.get(endpoint);
        if (pool != null) {
            long now = clock.getAsLong();
            Connection c;
            while ((c = pool.pollLast()) != null) {
                if (now - c.idleSince < MAX_IDLE_NANOS && !c.socket.isClosed()) {
                    return c;
                }
                discard(c);
            }
        }
        return connect(endpoint, budgetNanos);
    }

    /** Returns a connection whose last exchange completed cleanly to the pool. */
    void release(Connection c) {
        c.uses++;
        c.idleSince = clock.getAsLong();
        if (closed) {
            discard(c);
            return;
        }
        idle.computeIfAbsent(c.endpoint, e -> new ConcurrentLinkedDeque<>()).addLast(c);
        if (closed) {
            discard(c); // raced with close(): it may have swept the pool before this add
        }
    }

    /** Closes and forgets a connection. */
    void discard(Connection c) {
        open.remove(c);
        c.close();
    }

    private Connection connect(Endpoint endpoint, long budgetNanos) throws ExchangeException {
        if (closed) {
            throw new ExchangeException(ExchangeException.Failure.ABORTED, "transport closed", null);
        }
        int timeout = (int) Math.max(1, Math.min(connectTimeoutMillis, budgetNanos / 1_000_000));
        boolean budgetBound = timeout < connectTimeoutMillis;
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeout);
            if (endpoint.tls()) {
                socket = startTls(socket, endpoint, timeout);
            }
            Connection c = new Connection(endpoint, socket);
            open.add(c);
            if (closed) {
                discard(c);
                throw new ExchangeException(ExchangeException.Failure.ABORTED, "transport closed", null);
            }
            return c;
        } catch (SocketTimeoutException e) {
            close(socket);
            if (budgetBound) {
                throw new ExchangeException(ExchangeException.Failure.TIMEOUT_TOTAL,
                        "deadline passed while connecting to " + endpoint, e);
            }
            throw new ExchangeException(ExchangeException.Failure.CONNECT,
                    "connect to " + endpoint + " timed out after " + timeout + " ms", e);
        } catch (UnknownHostException e) {
            close(socket);
            throw new ExchangeException(ExchangeException.Failure.CONNECT, "unknown host " + endpoint.host(), e);
        } catch (IOException e) {
            close(socket);
            throw new ExchangeException(ExchangeException.Failure.CONNECT, "cannot connect to " + endpoint + ": "
                    + describe(e), e);
        }
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

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already failing; the original error is what the caller reports
        }
    }

    /** Exception text for messages: class and message. */
    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Whether {@link #close()} was called. */
    boolean isClosed() {
        return closed;
    }

    /** Closes every connection, idle or in use (exchanges in flight fail). */
    @Override
    public void close() {
        closed = true;
        for (Connection c : open) {
            discard(c);
        }
        idle.clear();
    }
}
