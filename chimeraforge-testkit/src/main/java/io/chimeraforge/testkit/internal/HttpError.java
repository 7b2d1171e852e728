package io.chimeraforge.testkit.internal;

/**
 * A request the server refuses before it reaches the engine (malformed syntax, limits); answered
 * with {@link #status()} and the connection closed, since its framing can no longer be trusted.
 */
final class HttpError extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
