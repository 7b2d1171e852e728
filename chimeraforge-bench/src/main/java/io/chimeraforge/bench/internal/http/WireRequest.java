package io.chimeraforge.bench.internal.http;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * An HTTP/1.1 request encoded once, ahead of time: request line, headers and body in one array,
 * so sending it is a single socket write with no per-request formatting on the measured path.
 * Immutable; one instance may be sent any number of times, from any thread.
 *
 * @param uri     the absolute {@code http} or {@code https} target (for the endpoint and messages)
 * @param method  {@code GET} or {@code POST}
 * @param encoded the bytes written to the connection (do not modify)
 */
public record WireRequest(URI uri, String method, byte[] encoded) {

    private static final String USER_AGENT = "chimeraforge-java";

    /** Validates the target. */
    public WireRequest {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(encoded, "encoded");
        Endpoint.of(uri); // rejects non-http(s) targets early, at build time
    }

    /** A {@code GET} of {@code uri}. */
    public static WireRequest get(URI uri, String accept) {
        return get(uri, accept, Map.of());
    }

    /**
     * A {@code GET} of {@code uri} carrying {@code extra} headers (checked by {@link HeaderRules});
     * an extra {@code Accept} or {@code User-Agent} replaces the default one.
     */
    public static WireRequest get(URI uri, String accept, Map<String, String> extra) {
        return encode(uri, "GET", null, accept, null, extra);
    }

    /** A {@code POST} of {@code body} (sent with {@code Content-Length}) to {@code uri}. */
    public static WireRequest post(URI uri, String contentType, String accept, byte[] body) {
        return post(uri, contentType, accept, body, Map.of());
    }

    /** A {@code POST} of {@code body} carrying {@code extra} headers (checked by {@link HeaderRules}). */
    public static WireRequest post(URI uri, String contentType, String accept, byte[] body, Map<String, String> extra) {
        return encode(uri, "POST", contentType, accept, Objects.requireNonNull(body, "body"), extra);
    }

    private static WireRequest encode(URI uri, String method, String contentType, String accept, byte[] body,
            Map<String, String> extra) {
        Endpoint endpoint = Endpoint.of(uri);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        Set<String> given = new HashSet<>();
        for (String name : extra.keySet()) {
            given.add(name.toLowerCase(Locale.ROOT));
        }
        StringBuilder head = new StringBuilder(160).append(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(endpoint.hostHeader()).append("\r\n");
        if (!given.contains("user-agent")) {
            head.append("User-Agent: ").append(USER_AGENT).append("\r\n");
        }
        if (accept != null && !given.contains("accept")) {
            head.append("Accept: ").append(accept).append("\r\n");
        }
        for (Map.Entry<String, String> h : extra.entrySet()) {
            HeaderRules.check(h.getKey(), h.getValue());
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (body != null) {
            if (!given.contains("content-type")) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c > 0xFF || (c < 0x20 && c != '\r' && c != '\n')) {
                throw new IllegalArgumentException("request head has a character HTTP/1.1 cannot carry: U+"
                        + String.format(Locale.ROOT, "%04X", (int) c));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + (body == null ? 0 : body.length));
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
            out.writeBytes(body);
        }
        return new WireRequest(uri, method, out.toByteArray());
    }

    /** Where the request goes. */
    public Endpoint endpoint() {
        return Endpoint.of(uri);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WireRequest w && uri.equals(w.uri) && method.equals(w.method)
                && java.util.Arrays.equals(encoded, w.encoded);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, method, java.util.Arrays.hashCode(encoded));
    }

    @Override
    public String toString() {
        return method + " " + uri + " (" + encoded.length + " bytes)";
    }
}
