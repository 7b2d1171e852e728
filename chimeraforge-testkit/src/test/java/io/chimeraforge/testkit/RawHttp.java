package io.chimeraforge.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately small HTTP/1.1 client on a raw socket for the wire-level tests: it writes exactly
 * the bytes a test gives it and reads responses frame by frame, keeping each chunk of a chunked
 * body and noticing a body that ends without its terminating chunk.
 */
final class RawHttp implements AutoCloseable {

    /** One response as it came off the wire. */
    record Response(int status, Map<String, String> headers, List<byte[]> chunks, byte[] body, boolean complete,
            long firstChunkNanos) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(20_000); // every read in a test is bounded
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Writes {@code text} (ISO-8859-1, so any byte can be written) in one write; returns nanoTime before it. */
    long send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    long send(byte[] bytes) throws IOException {
        long at = System.nanoTime();
        out.write(bytes);
        out.flush();
        return at;
    }

    /** A POST with a JSON body and Content-Length. */
    static String post(String path, String json) {
        int length = json.getBytes(StandardCharsets.UTF_8).length;
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + length + "\r\n\r\n" + new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    static String get(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    /** Reads one response (status line, headers, body by its framing); interim 1xx responses are returned too. */
    Response read() throws IOException {
        String statusLine = line();
        if (statusLine == null) {
            throw new IOException("connection closed before a response");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = line()) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        List<byte[]> chunks = new ArrayList<>();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (status / 100 == 1) {
            return new Response(status, headers, chunks, new byte[0], true, 0);
        }
        long firstChunk = 0;
        boolean complete;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            complete = false;
            while (true) {
                String size = line();
                if (size == null) {
                    break; // cut mid-body: no terminating chunk
                }
                if (firstChunk == 0) {
                    firstChunk = System.nanoTime();
                }
                int n = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (n == 0) {
                    while ((line = line()) != null && !line.isEmpty()) {
                        // trailers
                    }
                    complete = line != null;
                    break;
                }
                byte[] data = in.readNBytes(n);
                body.writeBytes(data);
                if (data.length < n || !"".equals(line())) {
                    break;
                }
                chunks.add(data);
            }
        } else if (headers.containsKey("content-length")) {
            byte[] data = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            body.writeBytes(data);
            complete = data.length == Integer.parseInt(headers.get("content-length"));
        } else {
            body.writeBytes(in.readAllBytes()); // delimited by the server closing
            complete = true;
        }
        return new Response(status, headers, chunks, body.toByteArray(), complete, firstChunk);
    }

    /** Whether the server has closed the connection (a read returns end of stream or a reset). */
    boolean closedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    /** One CRLF-terminated line without its CRLF, or null at end of stream (or a reset). */
    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        try {
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    byte[] bytes = b.toByteArray();
                    int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
                }
                b.write(c);
            }
        } catch (java.net.SocketException reset) {
            return null;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
