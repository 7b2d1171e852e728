package io.chimeraforge.bench;

/**
 * The reason one request failed.
 *
 * @param kind    category, used for the error breakdown
 * @param message human-readable detail (status and body excerpt, exception text, ...)
 */
public record RequestError(ErrorKind kind, String message) {

    /** Rejects nulls. */
    public RequestError {
        if (kind == null || message == null) {
            throw new IllegalArgumentException("kind and message must not be null");
        }
    }

    @Override
    public String toString() {
        return message;
    }
}
