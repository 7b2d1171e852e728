package io.chimeraforge.bench.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The bench client against a server it was not written with: the JDK's com.sun.net.httpserver. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JdkHttpServerInteropTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private HttpServer server;
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/chunked", ex -> {
            clientPorts.add(ex.getRemoteAddress().getPort());
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, 0); // 0: chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 5; i++) {
                    out.write(("data: " + i + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/fixed", fixedLength("fixed-length", false));
        server.createContext("/close", fixedLength("bye", true));
        server.start();
    }

    /** Answers {@code text} with a Content-Length, optionally asking to close the connection. */
    private com.sun.net.httpserver.HttpHandler fixedLength(String text, boolean close) {
        return ex -> {
            clientPorts.add(ex.getRemoteAddress().getPort());
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            if (close) {
                ex.getResponseHeaders().set("Connection", "close");
            }
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        };
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void chunkedBodiesArriveWholeAndTheConnectionIsReused() throws Exception {
        try (HttpTransport transport = new HttpTransport(TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                HttpTransportTest.settle();
                HttpTransport.Response r = transport.call(WireRequest.post(uri("/chunked"), "application/json",
                        "text/event-stream", "{}".getBytes(StandardCharsets.UTF_8)), TIMEOUT, 1024);
                assertThat(r).isEqualTo(new HttpTransport.Response(200,
                        "data: 0\n\ndata: 1\n\ndata: 2\n\ndata: 3\n\ndata: 4\n\n"));
            }
            assertThat(clientPorts).as("one keep-alive connection").hasSize(1);
        }
    }

    /** Three settled GETs of {@code path}, each answered {@code 200 expected}. */
    private void threeGets(String path, String expected) throws Exception {
        try (HttpTransport transport = new HttpTransport(TIMEOUT)) {
            for (int i = 0; i < 3; i++) {
                HttpTransportTest.settle();
                assertThat(transport.call(WireRequest.get(uri(path), null), TIMEOUT, 1024))
                        .isEqualTo(new HttpTransport.Response(200, expected));
            }
        }
    }

    @Test
    void fixedLengthBodiesAndReuse() throws Exception {
        threeGets("/fixed", "fixed-length");
        assertThat(clientPorts).as("one keep-alive connection").hasSize(1);
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        threeGets("/close", "bye");
        assertThat(clientPorts).as("a new connection per request").hasSize(3);
    }
}
