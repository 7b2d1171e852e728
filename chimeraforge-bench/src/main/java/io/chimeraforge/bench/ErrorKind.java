package io.chimeraforge.bench;

/** Why a request failed. */
public enum ErrorKind {
    /** The server answered a non-2xx status other than 429. */
    HTTP_STATUS,
    /** The server answered 429 Too Many Requests. */
    RATE_LIMITED,
    /** No connection could be made. */
    CONNECT,
    /** An I/O error before response headers arrived. */
    TRANSPORT,
    /** The connection broke after headers, mid-stream. */
    STREAM_TRUNCATED,
    /** A stream event could not be parsed. */
    MALFORMED_STREAM,
    /** The stream ended cleanly but without the protocol's final event. */
    INCOMPLETE_STREAM,
    /** The server sent an error object inside the stream. */
    SERVER_ERROR,
    /** The whole-request deadline passed. */
    TIMEOUT_TOTAL,
    /** No bytes arrived for longer than the idle deadline. */
    TIMEOUT_IDLE,
    /** The run was cancelled while the request was in flight. */
    CANCELLED
}
