package io.chimeraforge.bench.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.bench.internal.client.BackendProtocol;
import io.chimeraforge.bench.internal.client.Preflight;
import io.chimeraforge.testkit.MockLlmServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Name lookup and connect are bounded by the connect timeout and cut by abort and close; a failed
 * connect names its real cause (issue 10, items 11 and 13). Loopback only: a hanging DNS server is
 * a resolver that blocks, an unreachable host a listener whose accept queue is full.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectBoundsTest {

    private static final Duration SHORT = Duration.ofMillis(300);
    private static final Duration LONG = Duration.ofSeconds(60);

    /** A resolver that never answers until released, counting callers in. */
    private static final class HangingDns implements HostResolver {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        }
    }

    /** A loopback listener that never accepts, with its accept queue filled: further SYNs go unanswered. */
    private static final class Blackhole implements AutoCloseable {
        final ServerSocket listener;
        final List<Socket> fillers = new ArrayList<>();

        Blackhole() throws IOException {
            listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            for (int i = 0; i < 16; i++) {
                Socket s = new Socket();
                fillers.add(s);
                try {
                    s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 200);
                } catch (SocketTimeoutException full) {
                    return; // the queue is full: connects now hang
                }
            }
            throw new IllegalStateException("could not fill the accept queue");
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/health");
        }

        @Override
        public void close() throws IOException {
            for (Socket s : fillers) {
                s.close();
            }
            listener.close();
        }
    }

    private static CompletableFuture<Void> runAsync(Exchange exchange) {
        return CompletableFuture.runAsync(() -> {
            try {
                exchange.run(Exchange.NO_LIMIT, Exchange.NO_LIMIT, new ResponseParserTest.Capture());
            } catch (ExchangeException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
    }

    private static void assertFailure(CompletableFuture<Void> running, ExchangeException.Failure failure) {
        assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ExchangeException.class)
                .cause().satisfies(e -> assertThat(((ExchangeException) e).failure()).isEqualTo(failure));
    }

    @Test
    void aHangingLookupIsBoundedByTheConnectTimeout() {
        HangingDns dns = new HangingDns();
        try (HttpTransport transport = HttpTransport.builder().connectTimeout(SHORT).resolver(dns).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.call(WireRequest.get(URI.create("http://slow.test/"), null), LONG, 64))
                    .isInstanceOfSatisfying(ExchangeException.class,
                            e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.CONNECT))
                    .hasMessageContaining("looking up slow.test timed out");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
        } finally {
            dns.release.countDown();
        }
    }

    @Test
    void abortAndCloseCutAHangingLookup() throws Exception {
        HangingDns dns = new HangingDns();
        try (HttpTransport transport = HttpTransport.builder().connectTimeout(LONG).resolver(dns).build()) {
            Exchange exchange = transport.exchange(WireRequest.get(URI.create("http://slow.test/"), null));
            CompletableFuture<Void> running = runAsync(exchange);
            assertThat(dns.entered.await(10, TimeUnit.SECONDS)).isTrue();
            exchange.abort();
            assertFailure(running, ExchangeException.Failure.ABORTED);
        } finally {
            dns.release.countDown();
        }
    }

    @Test
    void anUnknownHostSaysSo() {
        HostResolver nothing = host -> {
            throw new UnknownHostException(host);
        };
        try (HttpTransport transport = HttpTransport.builder().resolver(nothing).build()) {
            assertThatThrownBy(() -> transport.call(WireRequest.get(URI.create("http://nowhere.test/"), null), LONG, 64))
                    .isInstanceOfSatisfying(ExchangeException.class,
                            e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.UNKNOWN_HOST))
                    .hasMessage("unknown host nowhere.test (the name does not resolve)");
            Preflight health = BackendProtocol.forName("ollama").health(transport, URI.create("http://nowhere.test:11434"));
            assertThat(health.ok()).isFalse();
            assertThat(health.message()).isEqualTo("Cannot reach Ollama at http://nowhere.test:11434: unknown host "
                    + "nowhere.test (the name does not resolve)");
        }
    }

    @Test
    void anUnansweredConnectIsBoundedByTheConnectTimeout() throws Exception {
        try (Blackhole hole = new Blackhole(); HttpTransport transport = new HttpTransport(SHORT)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.call(WireRequest.get(hole.uri(), null), LONG, 64))
                    .isInstanceOfSatisfying(ExchangeException.class,
                            e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.CONNECT))
                    .hasMessageContaining("timed out after 300 ms");
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(SHORT.toNanos());
        }
    }

    @Test
    void abortAndCloseCutAnUnansweredConnect() throws Exception {
        try (Blackhole hole = new Blackhole(); HttpTransport transport = new HttpTransport(LONG)) {
            Exchange exchange = transport.exchange(WireRequest.get(hole.uri(), null));
            CompletableFuture<Void> running = runAsync(exchange);
            Thread.sleep(100); // let it block in connect (if it has not yet, abort stops it before)
            exchange.abort();
            assertFailure(running, ExchangeException.Failure.ABORTED);

            CompletableFuture<Void> second = runAsync(transport.exchange(WireRequest.get(hole.uri(), null)));
            Thread.sleep(100);
            transport.close();
            assertFailure(second, ExchangeException.Failure.ABORTED);
        }
    }

    @Test
    void aRefusedConnectIsStillNotRunning() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (HttpTransport transport = new HttpTransport(SHORT)) {
            URI base = URI.create("http://127.0.0.1:" + port);
            assertThat(BackendProtocol.forName("ollama").health(transport, base).message())
                    .isEqualTo("Ollama not running at " + base);
        }
    }

    @Test
    void httpsToAnHttpPortSaysTheServerDoesNotSpeakTls() {
        try (MockLlmServer server = MockLlmServer.start(); HttpTransport transport = new HttpTransport(LONG)) {
            URI base = URI.create("https://127.0.0.1:" + server.port());
            Preflight health = BackendProtocol.forName("vllm").health(transport, base);
            assertThat(health.ok()).isFalse();
            assertThat(health.message()).isEqualTo("Cannot reach vLLM at " + base + ": server at " + base
                    + " does not speak TLS (use http:// for this port)");
        }
    }

    @Test
    void aSelfSignedCertificateSaysItIsNotTrusted(@TempDir Path dir) throws Exception {
        KeyStore served = HttpTransportTest.selfSigned(dir, "ip:127.0.0.1");
        RawServer[] self = new RawServer[1];
        RawServer.Script ok = (socket, index) -> {
            while (self[0].readRequest(socket.getInputStream()) != null) {
                RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
            }
        };
        try (RawServer server = self[0] = new RawServer(HttpTransportTest.context(served, null).getServerSocketFactory(), ok);
             HttpTransport transport = new HttpTransport(LONG)) {
            URI base = server.uri("https", "");
            Preflight health = BackendProtocol.forName("ollama").health(transport, base);
            assertThat(health.message()).isEqualTo("Cannot reach Ollama at " + base + ": TLS handshake with " + base
                    + " failed: the server's certificate is not trusted (trust the CA certificate that signed it)");
        }
    }
}
