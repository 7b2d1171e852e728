package io.chimeraforge.planner.internal.resolve;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The resolver's HTTP: the JDK client over HTTP/1.1 (this is not a measured path), one deadline for
 * the whole exchange, bodies capped, redirects followed by hand so that a credential is sent only to
 * the host it belongs to (a Hugging Face token never follows a redirect to a CDN).
 */
public final class HttpFetch {

    /** Metadata bodies are kilobytes; more than this is not a config. */
    static final int MAX_BODY_BYTES = 8 << 20;
    private static final int MAX_REDIRECTS = 5;

    /** A response: status, headers (lower-case names) and body text. */
    public record Reply(int status, Map<String, java.util.List<String>> headers, String body) {
        /** The first value of a header, if present. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT))).filter(v -> !v.isEmpty())
                    .map(v -> v.get(0));
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    /** A fetcher whose exchanges (connect, redirects and body included) end within {@code timeout}. */
    public HttpFetch(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * GETs (or POSTs {@code jsonBody} to) {@code url}; {@code bearer} is sent as
     * {@code Authorization: Bearer …} only while the request stays on {@code url}'s host.
     *
     * @throws IOException on any transport failure, a timeout, too many redirects or an oversized body
     */
    public Reply fetch(URI url, Optional<String> jsonBody, Optional<String> bearer) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String host = url.getHost();
        URI current = url;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).timeout(remaining(deadline))
                    .header("Accept", "application/json");
            if (bearer.isPresent() && host != null && host.equalsIgnoreCase(current.getHost())) {
                request.header("Authorization", "Bearer " + bearer.get());
            }
            if (jsonBody.isPresent() && hop == 0) {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(jsonBody.get(), StandardCharsets.UTF_8));
            } else {
                request.GET();
            }
            HttpResponse<byte[]> response = send(request.build(), deadline);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("location");
            if (status >= 300 && status < 400 && location.isPresent()) {
                current = current.resolve(location.get());
                continue;
            }
            return new Reply(status, lowerCase(response.headers().map()),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        throw new IOException("more than " + MAX_REDIRECTS + " redirects");
    }

    private HttpResponse<byte[]> send(HttpRequest request, long deadline) throws IOException {
        var pending = client.sendAsync(request, info -> io.chimeraforge.planner.internal.CappedBody
                .subscriber(200, MAX_BODY_BYTES));
        try {
            return pending.get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException("no answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.ConnectException) {
                throw new IOException("connection refused", cause);
            }
            throw cause instanceof IOException io ? io : new IOException(cause.toString(), cause);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    private static Map<String, java.util.List<String>> lowerCase(Map<String, java.util.List<String>> headers) {
        Map<String, java.util.List<String>> out = new java.util.HashMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
