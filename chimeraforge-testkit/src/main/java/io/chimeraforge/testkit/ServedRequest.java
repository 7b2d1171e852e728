package io.chimeraforge.testkit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link MockLlmServer} saw of one request, for tests that check what a client sent.
 *
 * @param generationIndex 0-based index among generation requests, or −1 for other endpoints
 * @param method          HTTP method
 * @param path            request path
 * @param protocol        protocol of the request line, e.g. {@code HTTP/1.1}
 * @param upgradeRequested whether the request carried an {@code Upgrade} header (h2c attempt)
 * @param body            request body as text (UTF-8)
 * @param fault           the fault injected into this request, if any
 * @param arrivalNanos    {@link System#nanoTime()} when the request, headers and body, had been
 *                        fully read (right after the socket read that completed it returned): the
 *                        origin of the scripted TTFT, as {@link StreamTiming#requestReadNanos()}
 * @param headers         the request's header fields, names lower-cased, repeated fields joined
 *                        with {@code ", "}, in arrival order
 */
public record ServedRequest(long generationIndex, String method, String path, String protocol,
        boolean upgradeRequested, String body, Optional<Fault> fault, long arrivalNanos,
        Map<String, String> headers) {

    /** Validates that text fields are present. */
    public ServedRequest {
        if (method == null || path == null || protocol == null || body == null || fault == null || headers == null) {
            throw new IllegalArgumentException("ServedRequest fields must not be null");
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A header field's value (name matched case-insensitively), if the request carried it. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
