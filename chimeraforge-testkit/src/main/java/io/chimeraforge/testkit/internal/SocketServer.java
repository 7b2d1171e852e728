package io.chimeraforge.testkit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on blocking sockets: one accept thread, one thread per connection
 * (from a cached pool), TCP_NODELAY on every connection. A handler answers each request on its
 * connection's thread, so from the moment a request has been read nothing stands between the
 * handler and the socket: no selector, no executor hand-off, no timer thread.
 *
 * <p>Thread per connection suits a test server: connections are few thousand at most, every
 * thread spends its life parked or blocked in the kernel, and the handler can simply sleep until
 * a deadline and write. (Java 17 has no virtual threads; platform threads cost about one stack
 * mapping each, which 1,024 connections afford.)
 */
public final class SocketServer implements AutoCloseable {

    /** Answers one request on the connection's thread; may block until the response is done. */
    @FunctionalInterface
    public interface Handler {
        /** Handles the request; a completed response lets the connection carry the next one. */
        void handle(Exchange exchange) throws IOException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final ServerSocket listener;
    private final Handler handler;
    private final ThreadPoolExecutor threads;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
    private final Thread acceptor;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * Binds {@code address:port} (0 = ephemeral) and starts accepting.
     *
     * @throws IOException if the address cannot be bound
     */
    public SocketServer(InetAddress address, int port, int backlog, Handler handler) throws IOException {
        this.handler = handler;
        this.listener = new ServerSocket();
        try {
            listener.bind(new InetSocketAddress(address, port), backlog);
        } catch (IOException e) {
            listener.close();
            throw e;
        }
        int bound = listener.getLocalPort();
        AtomicInteger ids = new AtomicInteger();
        // A cached pool: a connection gets a thread at once, and an idle thread is reused for the
        // next connection instead of paying thread start-up on the connect path.
        this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> daemon(r, "mock-llm-" + bound + "-conn-" + ids.incrementAndGet()));
        this.acceptor = daemon(this::acceptLoop, "mock-llm-" + bound + "-accept");
        acceptor.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** The bound port. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted so far. */
    public long acceptedConnections() {
        return accepted.get();
    }

    /** Connections currently open. */
    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("accept failed", e);
                    pause(); // e.g. out of file descriptors: do not spin
                }
                continue;
            }
            accepted.incrementAndGet();
            Connection connection = new Connection(this, socket, handler);
            open.add(connection);
            if (closed) { // close() may have swept the set before this connection joined it
                connection.kill();
                open.remove(connection);
                return;
            }
            try {
                socket.setTcpNoDelay(true);
                threads.execute(connection);
            } catch (IOException | RejectedExecutionException e) {
                LOG.debug("cannot serve a new connection", e);
                connection.kill();
                open.remove(connection);
            } catch (OutOfMemoryError e) {
                // "unable to create native thread": refuse this connection, keep serving the others.
                LOG.debug("no thread for a new connection", e);
                connection.kill();
                open.remove(connection);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void forget(Connection connection) {
        open.remove(connection);
    }

    /**
     * Stops at once: closes the listening socket and every connection (cutting open responses),
     * wakes every connection thread, and waits (up to 5 s) for the threads to end.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("closing listener failed", e);
        }
        for (Connection c : open) {
            c.kill();
        }
        threads.shutdownNow(); // interrupts threads parked until a deadline or waiting for a slot
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
            if (!threads.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.debug("connection threads still running after {} s", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
