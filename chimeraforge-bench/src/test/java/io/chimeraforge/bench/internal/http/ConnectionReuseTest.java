package io.chimeraforge.bench.internal.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** When the own transport reuses a pooled connection, and that a written request is never sent twice. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionReuseTest {

    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";

    private static RawServer.Script answering(RawServer[] self, String response) {
        return HttpTransportTest.answering(self, response);
    }

    private static HttpTransport.Response get(HttpTransport transport, RawServer server) throws ExchangeException {
        return transport.call(WireRequest.get(server.uri("/health"), null), Duration.ofSeconds(10), 64);
    }

    @Test
    void aServerThatClosesAfterEveryResponseLosesNoRequestAtConcurrencyFour() throws Exception {
        // llama-server's behaviour: HTTP/1.1, no "Connection: close", then the socket is closed.
        RawServer[] self = new RawServer[1];
        RawServer.Script answerThenClose = (socket, index) -> {
            if (self[0].readRequest(socket.getInputStream()) != null) {
                RawServer.write(socket.getOutputStream(), OK);
            }
        };
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try (RawServer server = self[0] = new RawServer(answerThenClose);
             HttpTransport transport = new HttpTransport(SECOND)) {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                done.add(workers.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 25; i++) {
                        if (get(transport, server).status() == 200) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(25);
            }
            assertThat(server.requests).hasSize(100);
            assertThat(server.accepted()).isEqualTo(100);
        } finally {
            workers.shutdownNow();
        }
    }

    /** A clock the test moves by hand, so pool ages do not depend on how fast the machine is. */
    private static final class ManualClock implements java.util.function.LongSupplier {
        private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1_000_000_000L);

        @Override
        public long getAsLong() {
            return now.get();
        }

        void advance(Duration d) {
            now.addAndGet(d.toNanos());
        }
    }

    @Test
    void aConnectionIsReusedOnlyAfterItSettledAndPassedTheCheck() throws Exception {
        RawServer[] self = new RawServer[1];
        ManualClock clock = new ManualClock();
        try (RawServer server = self[0] = new RawServer(answering(self, OK));
             HttpTransport transport = new HttpTransport(SECOND, clock)) {
            get(transport, server);
            get(transport, server); // no time passed: the first connection is still settling
            assertThat(server.accepted()).isEqualTo(2);
            clock.advance(Duration.ofNanos(SocketTransport.SETTLE_NANOS));
            get(transport, server);
            get(transport, server);
            assertThat(server.accepted()).as("settled connections are reused").isEqualTo(2);
        }
    }

    @Test
    void anEndpointSeenClosingAfterAResponseIsNoLongerPooled() throws Exception {
        RawServer[] self = new RawServer[1];
        java.util.concurrent.Semaphore closes = new java.util.concurrent.Semaphore(0);
        RawServer.Script answerThenClose = (socket, index) -> {
            if (self[0].readRequest(socket.getInputStream()) != null) {
                RawServer.write(socket.getOutputStream(), OK);
            }
            socket.close();
            closes.release();
        };
        ManualClock clock = new ManualClock();
        try (RawServer server = self[0] = new RawServer(answerThenClose);
             HttpTransport transport = new HttpTransport(SECOND, clock)) {
            Endpoint endpoint = Endpoint.of(server.uri("/"));
            get(transport, server);
            assertThat(closes.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(50); // the server's FIN on its way over loopback
            clock.advance(Duration.ofNanos(SocketTransport.SETTLE_NANOS));
            get(transport, server); // finds the first connection closed, before writing: a new one
            assertThat(transport.sockets().closesAfterResponses(endpoint)).isTrue();
            get(transport, server);
            assertThat(server.requests).hasSize(3);
            assertThat(server.accepted()).isEqualTo(3);
        }
    }

    @Test
    void aReusedConnectionResetAfterTheRequestWasReadFailsTheRequestAndIsNotRetried() throws Exception {
        RawServer[] self = new RawServer[1];
        RawServer.Script resetSecond = (socket, index) -> {
            InputStream in = socket.getInputStream();
            int served = 0;
            while (self[0].readRequest(in) != null) {
                if (index == 0 && ++served == 2) {
                    socket.setSoLinger(true, 0); // close with RST: a server dying mid-prefill
                    socket.close();
                    return;
                }
                RawServer.write(socket.getOutputStream(), OK);
            }
        };
        try (RawServer server = self[0] = new RawServer(resetSecond);
             HttpTransport transport = new HttpTransport(SECOND)) {
            assertThat(get(transport, server).status()).isEqualTo(200);
            HttpTransportTest.settle();
            assertThatThrownBy(() -> get(transport, server)).isInstanceOfSatisfying(ExchangeException.class,
                    e -> assertThat(e.failure()).isEqualTo(ExchangeException.Failure.TRANSPORT));
            assertThat(server.requests).as("the failed request reached the server once").hasSize(2);
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    @Test
    void idleCapsFollowTheServersKeepAliveTimeout() {
        assertThat(SocketTransport.idleCapNanos(-1)).isEqualTo(Duration.ofSeconds(4).toNanos());
        assertThat(SocketTransport.idleCapNanos(60)).isEqualTo(Duration.ofSeconds(4).toNanos());
        assertThat(SocketTransport.idleCapNanos(5)).isEqualTo(Duration.ofSeconds(4).toNanos());
        assertThat(SocketTransport.idleCapNanos(3)).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(SocketTransport.idleCapNanos(1)).isEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(SocketTransport.idleCapNanos(0)).isZero();
        assertThat(ResponseParser.keepAliveTimeout("timeout=5, max=100")).isEqualTo(5);
        assertThat(ResponseParser.keepAliveTimeout("max=100,Timeout = 7")).isEqualTo(7);
        assertThat(ResponseParser.keepAliveTimeout("max=100")).isEqualTo(-1);
        assertThat(ResponseParser.keepAliveTimeout("timeout=soon")).isEqualTo(-1);
    }

    @Test
    void aConnectionIdleLongerThanTheAnnouncedKeepAliveIsNotReused() throws Exception {
        RawServer[] self = new RawServer[1];
        String shortKeepAlive = "HTTP/1.1 200 OK\r\nKeep-Alive: timeout=1\r\nContent-Length: 2\r\n\r\nok";
        ManualClock clock = new ManualClock();
        try (RawServer server = self[0] = new RawServer(answering(self, shortKeepAlive));
             HttpTransport transport = new HttpTransport(SECOND, clock)) {
            get(transport, server);
            clock.advance(Duration.ofMillis(499)); // within the cap of 0.5 s for timeout=1
            get(transport, server);
            assertThat(server.accepted()).as("reused within the cap").isEqualTo(1);
            clock.advance(Duration.ofMillis(500)); // at the cap, though the server keeps it open
            get(transport, server);
            assertThat(server.accepted()).isEqualTo(2);
        }
    }

    @Test
    void keepAliveTimeoutZeroAndConnectionCloseAndPlainHttp10AreNotPooled() throws Exception {
        for (String response : List.of("HTTP/1.1 200 OK\r\nKeep-Alive: timeout=0\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok")) {
            RawServer[] self = new RawServer[1];
            try (RawServer server = self[0] = new RawServer(answering(self, response));
                 HttpTransport transport = new HttpTransport(SECOND)) {
                get(transport, server);
                HttpTransportTest.settle();
                get(transport, server);
                assertThat(server.accepted()).as(response).isEqualTo(2);
            }
        }
    }

    @Test
    void http10WithKeepAliveIsPooled() throws Exception {
        RawServer[] self = new RawServer[1];
        try (RawServer server = self[0] = new RawServer(answering(self,
                "HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok"));
             HttpTransport transport = new HttpTransport(SECOND)) {
            get(transport, server);
            HttpTransportTest.settle();
            get(transport, server);
            assertThat(server.accepted()).isEqualTo(1);
        }
    }
}
