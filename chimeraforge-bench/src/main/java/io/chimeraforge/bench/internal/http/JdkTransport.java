package io.chimeraforge.bench.internal.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Exchanges over the JDK {@code HttpClient}, forced to HTTP/1.1: used for requests that go
 * through a proxy. Its timestamps are less precise than the own transport's: headers and body
 * bytes are timestamped when the client's threads hand them over, after its selector thread read
 * them, and connection set-up cannot be told apart from the request (so it counts in TTFT, and
 * {@link ResponseParser.Listener#sending} reports no separate connect time and no reuse).
 */
final class JdkTransport implements Transport {

    /** Request headers the JDK client writes itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "date", "from", "via", "warning");

    private final HttpClient client;
    private final LongSupplier clock;
    private final Set<JdkCall> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    JdkTransport(Duration connectTimeout, LongSupplier clock, SSLContext sslContext, ProxyRoutes routes) {
        this.clock = clock;
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .proxy(new RouteSelector(routes));
        if (sslContext != null) {
            b.sslContext(sslContext);
        }
        this.client = b.build();
    }

    @Override
    public Transport.Call call(WireRequest request) {
        return new JdkCall(request);
    }

    @Override
    public void close() {
        closed = true;
        for (JdkCall c : active) {
            c.abort();
        }
    }

    /** The {@link HttpRequest} equivalent of an encoded request: same target, method, headers and body. */
    static HttpRequest toJdk(WireRequest wire) {
        byte[] bytes = wire.encoded();
        int headEnd = -1;
        for (int i = 0; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                headEnd = i;
                break;
            }
        }
        String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
        byte[] body = Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        HttpRequest.Builder b = HttpRequest.newBuilder(wire.uri());
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon);
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                b.header(name, lines[i].substring(colon + 1).trim());
            }
        }
        return b.method(wire.method(), body.length == 0 && wire.method().equals("GET")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Routes each target as {@link ProxyRoutes} says. */
    private static final class RouteSelector extends ProxySelector {
        private final ProxyRoutes routes;

        RouteSelector(ProxyRoutes routes) {
            this.routes = routes;
        }

        @Override
        public List<Proxy> select(URI uri) {
            return List.of(routes.proxyFor(Endpoint.of(uri)).map(a -> new Proxy(Proxy.Type.HTTP, a))
                    .orElse(Proxy.NO_PROXY));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            // nothing to learn: the exchange reports the failure
        }
    }

    /** One exchange: sent asynchronously, waited for by the calling thread. */
    private final class JdkCall implements Transport.Call {
        private final WireRequest request;
        private final CompletableFuture<Void> done = new CompletableFuture<>();
        private volatile CompletableFuture<?> sending;
        private volatile Flow.Subscription subscription;
        private volatile long lastActivity;
        private volatile boolean headersSeen;
        private volatile boolean aborted;

        JdkCall(WireRequest request) {
            this.request = request;
        }

        @Override
        public void abort() {
            aborted = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
            CompletableFuture<?> f = sending;
            if (f != null) {
                f.cancel(true);
            }
            done.completeExceptionally(new ExchangeException(ExchangeException.Failure.ABORTED, "aborted", null));
        }

        @Override
        public void run(long deadlineNanos, long idleNanos, ResponseParser.Listener listener) throws ExchangeException {
            if (closed || aborted) {
                throw new ExchangeException(ExchangeException.Failure.ABORTED, closed ? "transport closed" : "aborted",
                        null);
            }
            active.add(this);
            try {
                HttpRequest jdkRequest = toJdk(request);
                long start = clock.getAsLong();
                lastActivity = start;
                listener.sending(start, start, false);
                sending = client.sendAsync(jdkRequest, info -> subscriber(info, listener)).whenComplete((r, e) -> {
                    if (e != null) {
                        done.completeExceptionally(e);
                    } else {
                        done.complete(null);
                    }
                });
                if (aborted) {
                    sending.cancel(true);
                }
                await(deadlineNanos, idleNanos);
            } finally {
                active.remove(this);
            }
        }

        private void await(long deadlineNanos, long idleNanos) throws ExchangeException {
            try {
                if (deadlineNanos == Exchange.NO_LIMIT && idleNanos == Exchange.NO_LIMIT) {
                    done.get();
                    return;
                }
                while (true) {
                    long now = clock.getAsLong();
                    long toIdle = idleNanos == Exchange.NO_LIMIT ? Long.MAX_VALUE : lastActivity + idleNanos - now;
                    long toDeadline = deadlineNanos == Exchange.NO_LIMIT ? Long.MAX_VALUE : deadlineNanos - now;
                    long wait = Math.min(toIdle, toDeadline);
                    if (wait <= 0) {
                        boolean total = toDeadline <= toIdle;
                        abortQuietly();
                        throw new ExchangeException(total ? ExchangeException.Failure.TIMEOUT_TOTAL
                                : ExchangeException.Failure.TIMEOUT_IDLE, total ? "deadline passed" : "idle limit passed",
                                null);
                    }
                    try {
                        done.get(wait, TimeUnit.NANOSECONDS);
                        return;
                    } catch (TimeoutException e) {
                        // look again: bytes may have arrived meanwhile
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                abortQuietly();
                throw new ExchangeException(ExchangeException.Failure.ABORTED, "interrupted", e);
            } catch (ExecutionException e) {
                throw classify(e.getCause());
            } catch (java.util.concurrent.CancellationException e) {
                throw new ExchangeException(ExchangeException.Failure.ABORTED, "aborted", e);
            }
        }

        private void abortQuietly() {
            boolean was = aborted;
            abort();
            aborted = was;
        }

        private ExchangeException classify(Throwable e) {
            Throwable cause = e;
            while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof ExchangeException x) {
                return x;
            }
            if (aborted || closed) {
                return new ExchangeException(ExchangeException.Failure.ABORTED, closed ? "transport closed" : "aborted",
                        cause);
            }
            Endpoint endpoint = request.endpoint();
            if (cause instanceof HttpConnectTimeoutException) {
                return new ExchangeException(ExchangeException.Failure.CONNECT, "connect to " + endpoint + " timed out",
                        cause);
            }
            if (cause instanceof HttpTimeoutException) {
                return new ExchangeException(ExchangeException.Failure.TIMEOUT_TOTAL, "deadline passed", cause);
            }
            if (cause instanceof SSLException ssl && !headersSeen) {
                return TlsFailures.classify(endpoint, ssl);
            }
            if (cause instanceof ConnectException || cause instanceof java.nio.channels.UnresolvedAddressException) {
                return new ExchangeException(ExchangeException.Failure.CONNECT, "cannot connect to " + endpoint + ": "
                        + HttpTransport.describe(cause), cause);
            }
            return new ExchangeException(headersSeen ? ExchangeException.Failure.TRUNCATED
                    : ExchangeException.Failure.TRANSPORT, HttpTransport.describe(cause), cause);
        }

        private HttpResponse.BodySubscriber<Void> subscriber(HttpResponse.ResponseInfo info,
                ResponseParser.Listener listener) {
            long at = clock.getAsLong();
            lastActivity = at;
            headersSeen = true;
            Map<String, String> fields = new LinkedHashMap<>();
            info.headers().map().forEach((name, values) -> fields.put(name.toLowerCase(Locale.ROOT),
                    String.join(", ", values)));
            listener.headers(new ResponseParser.ResponseHead(info.statusCode(),
                    info.version() == HttpClient.Version.HTTP_1_1, Map.copyOf(fields)), at);
            return new HttpResponse.BodySubscriber<>() {
                private final CompletableFuture<Void> body = new CompletableFuture<>();
                private byte[] scratch = new byte[16 * 1024];

                @Override
                public java.util.concurrent.CompletionStage<Void> getBody() {
                    return body;
                }

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    if (aborted) {
                        s.cancel();
                    } else {
                        s.request(Long.MAX_VALUE);
                    }
                }

                @Override
                public void onNext(List<ByteBuffer> items) {
                    long arrived = clock.getAsLong();
                    lastActivity = arrived;
                    try {
                        for (ByteBuffer b : items) {
                            int n = b.remaining();
                            if (n > scratch.length) {
                                scratch = new byte[n];
                            }
                            b.get(scratch, 0, n);
                            if (!aborted) {
                                listener.body(scratch, 0, n, arrived);
                            }
                        }
                    } catch (RuntimeException e) {
                        subscription.cancel();
                        body.completeExceptionally(e);
                    }
                }

                @Override
                public void onError(Throwable t) {
                    body.completeExceptionally(t);
                }

                @Override
                public void onComplete() {
                    body.complete(null);
                }
            };
        }
    }
}
