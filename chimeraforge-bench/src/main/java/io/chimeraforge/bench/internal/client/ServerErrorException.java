package io.chimeraforge.bench.internal.client;

/** An error object the server sent inside the stream. */
public final class ServerErrorException extends Exception {

    /** With the server's message. */
    public ServerErrorException(String message) {
        super(message);
    }
}
