package io.chimeraforge.testkit.internal;

/**
 * One HTTP/1.x request as read off the wire, body decoded from its framing.
 *
 * @param method    request method, case-sensitive as sent
 * @param target    request-target as sent
 * @param path      the target's path, percent-decoded
 * @param version   protocol of the request line, e.g. {@code HTTP/1.1}
 * @param headers   header fields
 * @param body      content, after removing chunked framing
 * @param keepAlive whether the connection may carry another request after the response
 * @param readNanos {@link System#nanoTime()} when the request (headers and body) had been fully
 *                  read: right after the {@code read} that completed it returned, or when its
 *                  parsing began if it was already buffered (a pipelined request)
 */
public record HttpRequest(String method, String target, String path, String version, Headers headers, byte[] body,
        boolean keepAlive, long readNanos) {

    /** Whether the request line says HTTP/1.0 (no chunked responses, no persistent connection). */
    public boolean http10() {
        return "HTTP/1.0".equals(version);
    }
}
