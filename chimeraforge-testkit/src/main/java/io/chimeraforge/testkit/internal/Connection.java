package io.chimeraforge.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection, served start to end on its own thread: read a request, let the handler
 * answer it on this thread (waiting, streaming), repeat while the connection stays persistent.
 */
final class Connection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** How long, and how many bytes, to drain from a refused client before closing (see {@link #refuse}). */
    private static final int LINGER_MILLIS = 1000;
    private static final int LINGER_BYTES = 1 << 20;

    private final SocketServer server;
    private final Socket socket;
    private final SocketServer.Handler handler;
    private volatile boolean killed;
    private OutputStream out;

    Connection(SocketServer server, Socket socket, SocketServer.Handler handler) {
        this.server = server;
        this.socket = socket;
        this.handler = handler;
    }

    Socket socket() {
        return socket;
    }

    OutputStream out() {
        return out;
    }

    boolean killed() {
        return killed;
    }

    /** Closes the socket; a thread blocked on it gets an exception, a parked one notices at wake-up. */
    void kill() {
        killed = true;
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing connection failed", e);
        }
    }

    @Override
    public void run() {
        try {
            out = socket.getOutputStream();
            RequestReader reader = new RequestReader(socket.getInputStream());
            while (!killed) {
                HttpRequest request;
                try {
                    request = reader.next(() -> out.write(CONTINUE));
                } catch (HttpError e) {
                    refuse(e);
                    return;
                }
                if (request == null) {
                    return;
                }
                Exchange exchange = new Exchange(this, request);
                try {
                    handler.handle(exchange);
                } catch (RuntimeException e) {
                    LOG.debug("handler failed on {} {}", request.method(), request.target(), e);
                    if (!exchange.started()) {
                        byte[] body = ("internal error: " + e).getBytes(StandardCharsets.UTF_8);
                        if (request.keepAlive()) {
                            exchange.respond(500, "text/plain; charset=utf-8", body, "Connection", "close");
                        } else {
                            exchange.respond(500, "text/plain; charset=utf-8", body);
                        }
                    }
                    return;
                } finally {
                    exchange.finish(); // a response that failed midway has ended too
                }
                if (!exchange.reusable()) {
                    return;
                }
            }
        } catch (IOException e) {
            LOG.debug("connection ended: {}", e.toString());
        } finally {
            kill();
            server.forget(this);
        }
    }

    /**
     * Answers a request that could not be read and closes. The client may still be sending (an
     * oversized head, a body we will not read); closing with unread input would make the kernel
     * send RST, which can destroy the response before the client reads it, so the output side is
     * shut first and the input drained briefly (RFC 9112 §9.6).
     */
    private void refuse(HttpError e) throws IOException {
        LOG.debug("refused request: {} {}", e.status(), e.getMessage());
        byte[] body = (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + e.status() + " " + Exchange.reason(e.status()) + "\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        out.write(all);
        socket.shutdownOutput();
        socket.setSoTimeout(LINGER_MILLIS);
        InputStream in = socket.getInputStream();
        byte[] discard = new byte[8192];
        long deadline = System.nanoTime() + LINGER_MILLIS * 1_000_000L;
        int drained = 0;
        try {
            int n;
            while (drained < LINGER_BYTES && System.nanoTime() < deadline && (n = in.read(discard)) >= 0) {
                drained += n;
            }
        } catch (SocketTimeoutException timeout) {
            // the client kept the connection open; close it anyway
        }
    }
}
