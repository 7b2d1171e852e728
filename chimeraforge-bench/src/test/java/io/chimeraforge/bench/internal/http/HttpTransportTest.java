package io.chimeraforge.bench.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The bench's HTTP/1.1 client against scripted loopback servers. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpTransportTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";

    /** Answers every request on a connection with {@code response}, until the client closes it. */
    static RawServer.Script answering(RawServer[] self, String response) {
        return (socket, index) -> {
            InputStream in = socket.getInputStream();
            while (self[0].readRequest(in) != null) {
                RawServer.write(socket.getOutputStream(), response);
            }
        };
    }

    @Test
    void sequentialRequestsShareOneKeepAliveConnection() throws Exception {
        RawServer[] self = new RawServer[1];
        try (RawServer server = self[0] = new RawServer(answering(self, OK));
             HttpTransport transport = new HttpTransport(SECOND)) {
            for (int i = 0; i < 3; i++) {
                settle();
                HttpTransport.Response r = transport.call(WireRequest.post(server.uri("/v1/completions?x=1"),
                        "application/json", "text/event-stream", "{\"n\":\"é\"}".getBytes(StandardCharsets.UTF_8)),
                        SECOND, 1024);
                assertThat(r).isEqualTo(new HttpTransport.Response(200, "ok"));
            }
            assertThat(server.accepted()).isEqualTo(1);
            String first = server.requests.get(0);
            int port = server.uri("/").getPort();
            assertThat(first).startsWith("POST /v1/completions?x=1 HTTP/1.1\r\n")
                    .contains("\r\nHost: 127.0.0.1:" + port + "\r\n", "\r\nContent-Type: application/json\r\n",
                            "\r\nAccept: text/event-stream\r\n", "\r\nContent-Length: 10\r\n")
                    .endsWith("\r\n\r\n{\"n\":\"é\"}")
                    .doesNotContainIgnoringCase("upgrade");
        }
    }

    /** Waits until a released connection may be reused (the pool lets it settle first). */
    static void settle() throws InterruptedException {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(SocketTransport.SETTLE_NANOS) + 5);
    }

    @Test
    void aConnectionTheServerClosedWhileIdleIsReplacedWithoutFailingTheRequest() throws Exception {
        RawServer[] self = new RawServer[1];
        RawServer.Script oneAnswerThenClose = (socket, index) -> {
            if (self[0].readRequest(socket.getInputStream()) != null) {
                RawServer.write(socket.getOutputStream(), OK);
            }
        };
        try (RawServer server = self[0] = new RawServer(oneAnswerThenClose);
             HttpTransport transport = new HttpTransport(SECOND)) {
            assertThat(transport.call(WireRequest.get(server.uri("/health"), null), SECOND, 64).status()).isEqualTo(200);
            Thread.sleep(50); // let the server's close reach the client's socket
            assertThat(transport.call(WireRequest.get(server.uri("/health"), null), SECOND, 64).status()).isEqualTo(200);
            assertThat(server.accepted()).isEqualTo(2);
            assertThat(server.requests).hasSize(2);
        }
    }

    @Test
    void connectionCloseFromTheServerIsHonoured() throws Exception {
        RawServer[] self = new RawServer[1];
        try (RawServer server = self[0] = new RawServer(answering(self,
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"));
             HttpTransport transport = new HttpTransport(SECOND)) {
            transport.call(WireRequest.get(server.uri("/"), null), SECOND, 64);
            transport.call(WireRequest.get(server.uri("/"), null), SECOND, 64);
            assertThat(server.accepted()).isEqualTo(2);
        }
    }

    @Test
    void aRefusedConnectionIsAConnectFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (HttpTransport transport = new HttpTransport(SECOND)) {
            assertThatThrownBy(() -> transport.call(WireRequest.get(URI.create("http://127.0.0.1:" + port + "/"), null),
                    SECOND, 64)).isInstanceOfSatisfying(ExchangeException.class,
                            e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.CONNECT));
        }
    }

    /** Sends a chunked head and {@code partial}, then holds the connection silent until released. */
    private static RawServer.Script headThenSilence(RawServer[] self, String partial, CountDownLatch release,
            boolean closeAfter) {
        return (socket, index) -> {
            self[0].readRequest(socket.getInputStream());
            RawServer.write(socket.getOutputStream(), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + partial);
            if (!closeAfter) {
                release.await(20, TimeUnit.SECONDS);
            }
        };
    }

    @Test
    void silenceIsAnIdleTimeoutAndTheDeadlineATotalTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RawServer[] self = new RawServer[1];
        try (RawServer server = self[0] = new RawServer(headThenSilence(self, "", release, false));
             HttpTransport transport = new HttpTransport(SECOND)) {
            WireRequest request = WireRequest.get(server.uri("/stall"), null);
            ResponseParserTest.Capture capture = new ResponseParserTest.Capture();
            long start = System.nanoTime();
            assertThatThrownBy(() -> transport.exchange(request).run(start + SECOND.toNanos() * 5,
                    Duration.ofMillis(150).toNanos(), capture)).isInstanceOfSatisfying(ExchangeException.class,
                            e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.TIMEOUT_IDLE));
            assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
            assertThat(capture.head.status()).isEqualTo(200);
            long again = System.nanoTime();
            assertThatThrownBy(() -> transport.exchange(request).run(again + Duration.ofMillis(100).toNanos(),
                    SECOND.toNanos(), new ResponseParserTest.Capture())).isInstanceOfSatisfying(ExchangeException.class,
                            e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.TIMEOUT_TOTAL));
        } finally {
            release.countDown();
        }
    }

    @Test
    void abortUnblocksAnUntimedReadFromAnotherThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RawServer[] self = new RawServer[1];
        try (RawServer server = self[0] = new RawServer(headThenSilence(self, "5\r\nhello\r\n", release, false));
             HttpTransport transport = new HttpTransport(SECOND)) {
            Exchange exchange = transport.exchange(WireRequest.get(server.uri("/stream"), null));
            CountDownLatch gotBody = new CountDownLatch(1);
            ResponseParserTest.Capture capture = new ResponseParserTest.Capture() {
                @Override
                public void body(byte[] bytes, int off, int len, long at) {
                    super.body(bytes, off, len, at);
                    gotBody.countDown();
                }
            };
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    exchange.run(Exchange.NO_LIMIT, Exchange.NO_LIMIT, capture);
                } catch (ExchangeException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertThat(gotBody.await(10, TimeUnit.SECONDS)).isTrue();
            exchange.abort();
            assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ExchangeException.class)
                    .cause().satisfies(e -> assertThat(((ExchangeException) e).failure())
                            .isEqualTo(ExchangeException.Failure.ABORTED));
            assertThat(capture.text()).isEqualTo("hello");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aStreamCutMidBodyIsTruncatedAndKeepsWhatArrived() throws Exception {
        RawServer[] self = new RawServer[1];
        try (RawServer server = self[0] = new RawServer(headThenSilence(self, "5\r\nhello\r\n9\r\nwor", null, true));
             HttpTransport transport = new HttpTransport(SECOND)) {
            ResponseParserTest.Capture capture = new ResponseParserTest.Capture();
            assertThatThrownBy(() -> transport.exchange(WireRequest.get(server.uri("/"), null))
                    .run(System.nanoTime() + SECOND.toNanos() * 5, SECOND.toNanos() * 5, capture))
                    .isInstanceOfSatisfying(ExchangeException.class,
                            e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.TRUNCATED));
            assertThat(capture.text()).isEqualTo("hellowor");
        }
    }

    @Test
    void bytesThatAreNotHttpAreAProtocolFailure() throws Exception {
        RawServer[] self = new RawServer[1];
        try (RawServer server = self[0] = new RawServer(answering(self, "SSH-2.0-OpenSSH_9.6\r\n\r\n"));
             HttpTransport transport = new HttpTransport(SECOND)) {
            assertThatThrownBy(() -> transport.call(WireRequest.get(server.uri("/"), null), SECOND, 64))
                    .isInstanceOfSatisfying(ExchangeException.class,
                            e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.PROTOCOL))
                    .hasMessageContaining("not an HTTP/1.x status line");
        }
    }

    @Test
    void closingTheTransportCutsExchangesInFlight() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        RawServer[] self = new RawServer[1];
        try (RawServer server = self[0] = new RawServer(headThenSilence(self, "", release, false))) {
            HttpTransport transport = new HttpTransport(SECOND);
            CountDownLatch gotHead = new CountDownLatch(1);
            ResponseParserTest.Capture capture = new ResponseParserTest.Capture() {
                @Override
                public void headers(ResponseParser.ResponseHead h, long at) {
                    super.headers(h, at);
                    gotHead.countDown();
                }
            };
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
                try {
                    transport.exchange(WireRequest.get(server.uri("/"), null)).run(Exchange.NO_LIMIT, Exchange.NO_LIMIT,
                            capture);
                } catch (ExchangeException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            assertThat(gotHead.await(10, TimeUnit.SECONDS)).isTrue();
            transport.close();
            assertThatThrownBy(() -> running.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ExchangeException.class);
            assertThatThrownBy(() -> transport.call(WireRequest.get(server.uri("/"), null), SECOND, 64))
                    .isInstanceOfSatisfying(ExchangeException.class,
                            e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.ABORTED));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aStreamWithoutLineBreaksFailsAsMalformedOnceItOutgrowsTheLimit() throws Exception {
        RawServer[] self = new RawServer[1];
        RawServer.Script endless = (socket, index) -> {
            self[0].readRequest(socket.getInputStream());
            java.io.OutputStream out = socket.getOutputStream();
            RawServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\ndata: ");
            byte[] mib = new byte[1 << 20];
            java.util.Arrays.fill(mib, (byte) 'z');
            for (int i = 0; i < 64; i++) { // 64 MiB unless the client hangs up first
                out.write(mib);
            }
        };
        try (RawServer server = self[0] = new RawServer(endless);
             io.chimeraforge.bench.BackendClient client = io.chimeraforge.bench.BackendClient
                     .builder(io.chimeraforge.bench.Backend.VLLM).baseUrl(server.uri("").toString()).build()) {
            io.chimeraforge.bench.BackendClient.Completion c = client.generate("m", "p",
                    io.chimeraforge.bench.Sampling.serverDefaults());
            assertThat(c.error()).hasValueSatisfying(e -> {
                assertThat(e.kind()).isEqualTo(io.chimeraforge.bench.ErrorKind.MALFORMED_STREAM);
                assertThat(e.message()).isEqualTo("a stream line exceeds 16 MiB without ending");
            });
        }
    }

    @Test
    void hostHeadersAndTargetsFollowTheUri() {
        assertThat(Endpoint.of(URI.create("https://example.org/v1")).hostHeader()).isEqualTo("example.org");
        assertThat(Endpoint.of(URI.create("http://[::1]:8000/")).host()).isEqualTo("::1");
        assertThat(Endpoint.of(URI.create("http://[::1]:8000/")).hostHeader()).isEqualTo("[::1]:8000");
        assertThat(new String(WireRequest.get(URI.create("http://h"), "*/*").encoded(), StandardCharsets.ISO_8859_1))
                .startsWith("GET / HTTP/1.1\r\nHost: h\r\n");
        assertThatThrownBy(() -> WireRequest.get(URI.create("ftp://h/"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an http(s) URL");
    }

    // ------------------------------------------------------------------ TLS

    /** A PKCS#12 key store holding a fresh self-signed EC key for {@code san}, made with the JDK's keytool. */
    static KeyStore selfSigned(Path dir, String san) throws IOException, InterruptedException,
            java.security.GeneralSecurityException {
        Path store = dir.resolve(san.replace(':', '_') + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=chimeraforge test", "-ext", "san=" + san, "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("keytool finished: %s", output).isTrue();
        assertThat(p.exitValue()).as("keytool: %s", output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    static SSLContext context(KeyStore keys, KeyStore trusted) throws java.security.GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        KeyManagerFactory kmf = null;
        if (keys != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "changeit".toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    @Test
    void httpsVerifiesTheCertificateChainAndTheHostName(@TempDir Path dir) throws Exception {
        KeyStore forLoopback = selfSigned(dir, "ip:127.0.0.1");
        KeyStore forOtherHost = selfSigned(dir, "dns:other.invalid");
        for (KeyStore served : new KeyStore[] {forLoopback, forOtherHost}) {
            RawServer[] self = new RawServer[1];
            try (RawServer server = self[0] = new RawServer(context(served, null).getServerSocketFactory(),
                    answering(self, OK))) {
                URI uri = server.uri("https", "/health");
                SSLSocketFactory trusting = context(null, served).getSocketFactory();
                try (HttpTransport trusts = new HttpTransport(SECOND, System::nanoTime, trusting);
                     HttpTransport defaults = new HttpTransport(SECOND)) {
                    assertThatThrownBy(() -> defaults.call(WireRequest.get(uri, null), SECOND, 64))
                            .as("a self-signed certificate is not trusted by default")
                            .isInstanceOfSatisfying(ExchangeException.class,
                                    e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.TLS))
                            .hasMessageContaining("certificate is not trusted");
                    if (served == forLoopback) {
                        assertThat(trusts.call(WireRequest.get(uri, null), SECOND, 64))
                                .isEqualTo(new HttpTransport.Response(200, "ok"));
                    } else {
                        assertThatThrownBy(() -> trusts.call(WireRequest.get(uri, null), SECOND, 64))
                                .as("a trusted certificate for another host name is refused")
                                .isInstanceOfSatisfying(ExchangeException.class,
                                        e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.TLS))
                                .hasMessageContaining("not issued for 127.0.0.1");
                    }
                }
            }
        }
    }
}
