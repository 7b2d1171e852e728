package io.chimeraforge.planner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback stand-in for the Hugging Face Hub and Ollama: serves recorded bodies by path (and
 * {@code /api/show} by model name), records every request with its Authorization header.
 */
final class HubFixture implements AutoCloseable {

    /** A canned answer. */
    record Answer(int status, String body, Map<String, String> headers, long delayMillis) {
        static Answer json(String body) {
            return new Answer(200, body, Map.of(), 0);
        }
    }

    /** One request as received. */
    record Seen(String method, String path, String authorization, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    HubFixture() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hub-fixture");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** Answers {@code key}: a path with its query ({@code /org/x/resolve/main/config.json}), or {@code show:<name>}. */
    HubFixture answer(String key, Answer answer) {
        answers.put(key, answer);
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The same server under another host name, for redirect tests. */
    URI urlAsLocalhost() {
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            seen.add(new Seen(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Authorization"),
                    body));
            String key = path;
            if (path.equals("/api/show")) {
                key = "show:" + body.replaceAll(".*\"name\"\\s*:\\s*\"([^\"]*)\".*", "$1");
            }
            Answer a = answers.getOrDefault(key, new Answer(404, "{\"error\":\"not found\"}", Map.of(), 0));
            if (a.delayMillis() > 0) {
                try {
                    Thread.sleep(a.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            // the client went away (a timeout test): nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
