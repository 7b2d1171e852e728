package io.chimeraforge.bench.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/** One open socket to an endpoint with its read buffer; used by one exchange at a time. */
final class Connection {

    private static final int BUFFER_BYTES = 16 * 1024;

    final Endpoint endpoint;
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final byte[] buffer = new byte[BUFFER_BYTES];
    /** Exchanges completed on this connection. */
    int uses;
    /** When it was last returned to the pool (nanoTime). */
    long idleSince;
    private int readTimeoutMillis;

    Connection(Endpoint endpoint, Socket socket) throws IOException {
        this.endpoint = endpoint;
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Sets the socket's read timeout (0 = none) if it differs from the one in force. */
    void readTimeout(int millis) throws java.net.SocketException {
        if (millis != readTimeoutMillis) {
            socket.setSoTimeout(millis);
            readTimeoutMillis = millis;
        }
    }

    /** Closes the socket, ignoring errors (used on every failure and on abort from another thread). */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to recover: the socket is unusable either way.
        }
    }
}
