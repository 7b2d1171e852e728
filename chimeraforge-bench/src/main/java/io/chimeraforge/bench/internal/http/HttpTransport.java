package io.chimeraforge.bench.internal.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * The bench's HTTP/1.1 client. Requests go over the bench's own blocking sockets
 * ({@link SocketTransport}) unless a proxy applies to them, in which case they go through the JDK
 * {@code HttpClient} forced to HTTP/1.1 ({@link JdkTransport}), which speaks to proxies (absolute
 * URIs for http, {@code CONNECT} tunnels for https).
 *
 * <p>The own transport exists because a measuring instrument needs a short and predictable path
 * between the wire and the clock: the JDK {@code HttpClient} hands every request and every body
 * delivery across its selector thread and an executor, which adds to each time to first token (see
 * the bench README for the figures). On the own transport the request is written by the calling
 * thread in one {@code write}, and each response read is timestamped by the same thread the
 * moment {@code read} returns.
 *
 * <p>HTTP/1.1 only, never an {@code h2c} upgrade (which breaks uvicorn-based servers); {@code https}
 * with host name verification, through the JDK's default trust store or a given {@link SSLContext}.
 * Thread-safe.
 */
public final class HttpTransport implements AutoCloseable {

    private final LongSupplier clock;
    private final SocketTransport sockets;
    private final ProxyRoutes proxies;
    private final Duration connectTimeout;
    private final SSLContext sslContext;
    private final ExecutorService resolver;
    private volatile JdkTransport jdk;
    private volatile boolean closed;

    private HttpTransport(Builder b) {
        long millis = b.connectTimeout.toMillis();
        if (millis < 1 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout must be 1 ms..24 days, got " + b.connectTimeout);
        }
        this.connectTimeout = b.connectTimeout;
        this.sslContext = b.sslContext;
        this.clock = b.clock;
        this.proxies = b.proxies;
        AtomicInteger ids = new AtomicInteger();
        // Name lookups run here so a caller can stop waiting for one (InetAddress cannot be interrupted).
        this.resolver = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chimeraforge-dns-" + ids.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        SSLSocketFactory tls = b.tlsFactory != null ? b.tlsFactory
                : b.sslContext != null ? b.sslContext.getSocketFactory()
                : (SSLSocketFactory) SSLSocketFactory.getDefault();
        this.sockets = new SocketTransport((int) millis, clock, tls, resolver, b.names);
    }

    /** A transport whose connects (lookup, TCP, TLS) give up after {@code connectTimeout}. */
    public HttpTransport(Duration connectTimeout, LongSupplier clock) {
        this(builder().connectTimeout(connectTimeout).clock(clock));
    }

    /** As {@link #HttpTransport(Duration, LongSupplier)}, with the TLS settings of {@code tlsFactory}. */
    HttpTransport(Duration connectTimeout, LongSupplier clock, SSLSocketFactory tlsFactory) {
        this(builder().connectTimeout(connectTimeout).clock(clock).tlsFactory(tlsFactory));
    }

    /** A transport timing with {@link System#nanoTime()}. */
    public HttpTransport(Duration connectTimeout) {
        this(connectTimeout, System::nanoTime);
    }

    /**
     * The transport a bench run of {@code config} uses: its connect timeout, proxy (or the
     * environment's) and TLS settings, timestamps from {@code clock}.
     */
    public static HttpTransport forConfig(io.chimeraforge.bench.BenchConfig config, LongSupplier clock) {
        Builder b = builder().connectTimeout(config.connectTimeout()).clock(clock)
                .proxies(ProxyRoutes.of(config.proxy(), true));
        config.sslContext().ifPresent(b::sslContext);
        return b.build();
    }

    /** A builder: connect timeout 10 s, {@link System#nanoTime()}, default trust, no proxy. */
    public static Builder builder() {
        return new Builder();
    }

    /** The clock exchanges timestamp with. */
    LongSupplier clock() {
        return clock;
    }

    /** The own socket transport (tests look at its pool). */
    SocketTransport sockets() {
        return sockets;
    }

    /** A new exchange of {@code request}; run it with {@link Exchange#run}. */
    public Exchange exchange(WireRequest request) {
        if (proxies.proxyFor(request.endpoint()).isPresent()) {
            return new Exchange(jdk().call(request));
        }
        return new Exchange(sockets.call(request));
    }

    private JdkTransport jdk() {
        JdkTransport j = jdk;
        if (j == null) {
            synchronized (this) {
                j = jdk;
                if (j == null) {
                    j = jdk = new JdkTransport(connectTimeout, clock, sslContext, proxies);
                    if (closed) {
                        j.close();
                    }
                }
            }
        }
        return j;
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

    /** Exception text for messages: class and message. */
    static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /** Closes every connection, idle or in use (exchanges in flight fail). */
    @Override
    public void close() {
        closed = true;
        sockets.close();
        synchronized (this) {
            if (jdk != null) {
                jdk.close();
            }
        }
        resolver.shutdownNow();
    }

    /** Settings of a transport; setters validate eagerly. */
    public static final class Builder {
        private Duration connectTimeout = Duration.ofSeconds(10);
        private LongSupplier clock = System::nanoTime;
        private SSLContext sslContext;
        private SSLSocketFactory tlsFactory;
        private ProxyRoutes proxies = ProxyRoutes.none();
        private HostResolver names = HostResolver.SYSTEM;

        private Builder() {
        }

        /** How host names are looked up on the own transport (default the system resolver). */
        public Builder resolver(HostResolver value) {
            this.names = Objects.requireNonNull(value, "resolver");
            return this;
        }

        /** Bound on name lookup, TCP connect and TLS handshake together (1 ms..24 days). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = Objects.requireNonNull(value, "connectTimeout");
            return this;
        }

        /** The clock every timestamp is taken from (default {@link System#nanoTime()}). */
        public Builder clock(LongSupplier value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** TLS settings (trusted certificates) for https, instead of the JDK's defaults. */
        public Builder sslContext(SSLContext value) {
            this.sslContext = Objects.requireNonNull(value, "sslContext");
            return this;
        }

        Builder tlsFactory(SSLSocketFactory value) {
            this.tlsFactory = value;
            return this;
        }

        /** Which requests go through a proxy (default none). */
        public Builder proxies(ProxyRoutes value) {
            this.proxies = Objects.requireNonNull(value, "proxies");
            return this;
        }

        /** The transport. */
        public HttpTransport build() {
            return new HttpTransport(this);
        }
    }
}
