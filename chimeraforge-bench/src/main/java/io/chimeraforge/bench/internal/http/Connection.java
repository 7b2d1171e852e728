package io.chimeraforge.bench.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLSocket;

/** One open socket to an endpoint with its read buffer; used by one exchange at a time. */
final class Connection {

    private static final int BUFFER_BYTES = 16 * 1024;

    final Endpoint endpoint;
    /** The TCP channel underneath (for the idle check); {@link #socket} reads and writes through it. */
    private final SocketChannel channel;
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final byte[] buffer = new byte[BUFFER_BYTES];
    /** Exchanges completed on this connection. */
    int uses;
    /** When it was last returned to the pool (nanoTime). */
    long idleSince;
    /** How long it may sit idle in the pool before it is closed instead of reused (nanoseconds). */
    long idleCapNanos;
    private int readTimeoutMillis;

    /**
     * A connection over {@code channel} (blocking, connected); {@code socket} is the channel's own
     * socket or a TLS socket layered over it.
     */
    Connection(Endpoint endpoint, SocketChannel channel, Socket socket) throws IOException {
        this.endpoint = endpoint;
        this.channel = channel;
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

    /**
     * Whether this idle connection can no longer carry a request: the server closed it (end of
     * stream), reset it, or sent bytes nobody asked for (a late error response, a TLS
     * {@code close_notify}). Checked without waiting: the channel is switched to non-blocking for
     * one {@code read} of at most one byte, which returns 0 when nothing is pending — the only
     * answer that means the connection is still open and clean. A byte it consumes belongs to
     * something the connection is being discarded for anyway. Called only while idle, by the
     * thread that took it from the pool.
     */
    boolean deadWhileIdle() {
        try {
            if (socket instanceof SSLSocket && in.available() > 0) {
                return true; // decrypted bytes already buffered: unsolicited data
            }
            channel.configureBlocking(false);
            try {
                return channel.read(ByteBuffer.allocate(1)) != 0;
            } finally {
                channel.configureBlocking(true);
            }
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** Closes the socket, ignoring errors (used on every failure and on abort from another thread). */
    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to recover: the socket is unusable either way.
        }
        try {
            channel.close();
        } catch (IOException e) {
            // as above
        }
    }
}
