package io.chimeraforge.bench.internal.http;

import java.io.IOException;

/** Why an exchange failed, classified for error reporting. */
public final class ExchangeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The failure classes a caller distinguishes. */
    public enum Failure {
        /** No connection could be made (refused, unreachable, connect or lookup timeout). */
        CONNECT,
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /**
         * The TLS handshake failed: certificate not trusted or not for this host, or the server
         * does not speak TLS on that port; the message says which.
         */
        TLS,
        /** An I/O error before any part of the response head arrived. */
        TRANSPORT,
        /** The connection broke after the response head, mid-body. */
        TRUNCATED,
        /** The server's bytes are not a valid HTTP/1.1 response. */
        PROTOCOL,
        /** The whole-exchange deadline passed. */
        TIMEOUT_TOTAL,
        /** Nothing arrived for longer than the idle limit. */
        TIMEOUT_IDLE,
        /** {@link Exchange#abort()} was called. */
        ABORTED
    }

    private final Failure failure;

    /** A failure of {@code kind}. */
    public ExchangeException(Failure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    /** The failure class. */
    public Failure failure() {
        return failure;
    }
}
