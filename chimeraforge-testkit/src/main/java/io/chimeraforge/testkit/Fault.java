package io.chimeraforge.testkit;

/**
 * A failure {@link MockLlmServer} can inject into one generation request.
 *
 * <p>Each fault reproduces a symptom seen against real inference servers, so a harness can be
 * shown to record the request as failed with a reason and carry on.
 */
public enum Fault {
    /** Answer {@code 500 Internal Server Error} with a JSON error body, before any streaming. */
    HTTP_500,
    /** Answer {@code 429 Too Many Requests} with a {@code Retry-After} header. */
    HTTP_429,
    /**
     * Stream about half of the response, then close the TCP connection without finishing the
     * chunked body (the client sees a truncated stream, as when a server process dies).
     */
    DROP_MID_STREAM,
    /**
     * Send {@code 200} headers and then nothing, until the client gives up or the server's stall
     * limit passes. Only a client-side idle deadline can end such a request in time.
     */
    STALL_AFTER_HEADERS,
    /** Send a line that is not valid JSON about half-way through an otherwise normal stream. */
    MALFORMED_JSON,
    /**
     * Stream the whole response, but with the inter-token gap multiplied by the script's
     * trickle factor and every event split across two writes.
     */
    SLOW_TRICKLE
}
