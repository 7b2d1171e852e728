package io.chimeraforge.bench.internal.http;

import java.io.IOException;

/** The server's bytes are not a valid HTTP/1.1 response. */
public final class HttpProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** With a message saying what was wrong. */
    public HttpProtocolException(String message) {
        super(message);
    }
}
