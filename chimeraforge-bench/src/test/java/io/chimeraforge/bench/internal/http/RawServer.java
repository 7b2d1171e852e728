package io.chimeraforge.bench.internal.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;

/** A loopback test server whose every connection runs a script on its own thread. */
final class RawServer implements AutoCloseable {

    /** What a connection does; {@code index} counts accepted connections from 0. */
    @FunctionalInterface
    interface Script {
        void run(Socket socket, int index) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RawServer(Script script) throws IOException {
        this(ServerSocketFactory.getDefault(), script);
    }

    RawServer(ServerSocketFactory factory, Script script) throws IOException {
        server = factory.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    sockets.add(s);
                    int index = accepted.getAndIncrement();
                    Thread t = new Thread(() -> {
                        try (s) {
                            script.run(s, index);
                        } catch (IOException | InterruptedException e) {
                            // the client went away or the test closed the server
                        }
                    }, "raw-server-conn-" + index);
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }, "raw-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort() + path);
    }

    int accepted() {
        return accepted.get();
    }

    /** Reads one request (head and Content-Length body) and records it as text; null at end of stream. */
    String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] h = head.toByteArray();
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                break;
            }
        }
        if (b < 0) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        requests.add(text + body);
        return text + body;
    }

    static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
