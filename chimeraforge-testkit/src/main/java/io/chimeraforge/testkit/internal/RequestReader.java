package io.chimeraforge.testkit.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads HTTP/1.1 requests (RFC 9112) off one connection's input stream, one after another.
 *
 * <p>Strict where leniency would let a test pass against the mock and fail against a real
 * server (request-line syntax, header field syntax, body framing), lenient only where RFC 9112
 * allows a recipient to be (a bare LF ends a line; empty lines before a request are skipped).
 * Bytes read past the end of one request stay buffered for the next (pipelining).
 */
final class RequestReader {

    /** Largest request line plus header section (and, separately, trailer section). */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    /** Largest request body, after removing chunked framing. */
    static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** Largest chunk-size line, extensions included. */
    private static final int MAX_CHUNK_LINE = 4096;

    /** Sends the interim {@code 100 Continue} response when a client waits for it. */
    @FunctionalInterface
    interface ContinueSender {
        void send() throws IOException;
    }

    private final InputStream in;
    private byte[] buf = new byte[8 * 1024];
    private int pos;
    private int lim;
    private long lastReadNanos;

    RequestReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next request, or null when the client closed the connection cleanly between requests.
     *
     * @throws HttpError   if the request is malformed or over a limit (answer and close)
     * @throws IOException if the connection fails or ends mid-request
     */
    HttpRequest next(ContinueSender continueSender) throws IOException, HttpError {
        long parseStart = System.nanoTime();
        int[] headUsed = {0};
        String requestLine;
        do {
            requestLine = readLine(MAX_HEAD_BYTES, headUsed, 414, true);
            if (requestLine == null) {
                return null;
            }
        } while (requestLine.isEmpty()); // RFC 9112 §2.2: ignore empty lines before a request-line
        int sp1 = requestLine.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
        if (sp1 <= 0 || sp2 <= sp1 + 1 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
            throw new HttpError(400, "malformed request line");
        }
        String method = requestLine.substring(0, sp1);
        String target = requestLine.substring(sp1 + 1, sp2);
        String version = requestLine.substring(sp2 + 1);
        if (!isToken(method)) {
            throw new HttpError(400, "malformed method");
        }
        if (version.length() != 8 || !version.startsWith("HTTP/") || !isDigit(version.charAt(5))
                || version.charAt(6) != '.' || !isDigit(version.charAt(7))) {
            throw new HttpError(400, "malformed HTTP version");
        }
        if (version.charAt(5) != '1') {
            throw new HttpError(505, "only HTTP/1.x is supported");
        }
        String path = pathOf(target);
        boolean http10 = version.equals("HTTP/1.0");

        Headers headers = new Headers();
        while (true) {
            String line = readLine(MAX_HEAD_BYTES, headUsed, 431, false);
            if (line.isEmpty()) {
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                throw new HttpError(400, "obsolete line folding in header section");
            }
            int colon = line.indexOf(':');
            String name = colon <= 0 ? "" : line.substring(0, colon);
            if (!isToken(name)) {
                throw new HttpError(400, "malformed header field");
            }
            String value = trimOws(line.substring(colon + 1));
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c != '\t' && (c < 0x20 || c == 0x7F)) {
                    throw new HttpError(400, "control character in header field " + name);
                }
            }
            headers.add(name, value);
        }

        if (!http10 && headers.values("Host").size() != 1) {
            // RFC 9112 §3.2: an HTTP/1.1 request needs exactly one Host field.
            throw new HttpError(400, "an HTTP/1.1 request needs exactly one Host header");
        }
        boolean keepAlive = !http10 && !headers.tokens("Connection").contains("close");
        boolean chunked = false;
        long length = 0;
        if (headers.contains("Transfer-Encoding")) {
            List<String> codings = headers.tokens("Transfer-Encoding");
            if (http10 || headers.contains("Content-Length") || codings.isEmpty()
                    || !codings.get(codings.size() - 1).equals("chunked")
                    || codings.indexOf("chunked") != codings.size() - 1) {
                throw new HttpError(400, "request body framing is ambiguous");
            }
            if (codings.size() > 1) {
                throw new HttpError(501, "transfer coding not supported: " + codings);
            }
            chunked = true;
        } else if (headers.contains("Content-Length")) {
            length = contentLength(headers);
        }
        if (headers.contains("Expect")) {
            if (!headers.tokens("Expect").equals(List.of("100-continue"))) {
                throw new HttpError(417, "only Expect: 100-continue is supported");
            }
            if (!http10 && (chunked || length > 0) && pos == lim) {
                continueSender.send();
            }
        }
        byte[] body = chunked ? readChunked() : readFixed((int) length);
        return new HttpRequest(method, target, path, version, headers, body, keepAlive,
                Math.max(parseStart, lastReadNanos));
    }

    private static long contentLength(Headers headers) throws HttpError {
        long length = -1;
        for (String element : headers.tokens("Content-Length")) {
            if (element.isEmpty() || element.length() > 18 || !element.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new HttpError(400, "malformed Content-Length");
            }
            long v = Long.parseLong(element);
            if (length >= 0 && v != length) {
                throw new HttpError(400, "conflicting Content-Length values");
            }
            length = v;
        }
        if (length < 0) {
            throw new HttpError(400, "malformed Content-Length");
        }
        if (length > MAX_BODY_BYTES) {
            throw new HttpError(413, "request body over " + MAX_BODY_BYTES + " bytes");
        }
        return length;
    }

    private byte[] readFixed(int length) throws IOException {
        byte[] body = new byte[length];
        int have = Math.min(length, lim - pos);
        System.arraycopy(buf, pos, body, 0, have);
        pos += have;
        while (have < length) {
            int n = in.read(body, have, length - have);
            lastReadNanos = System.nanoTime();
            if (n < 0) {
                throw new EOFException("connection closed mid-body");
            }
            have += n;
        }
        return body;
    }

    private byte[] readChunked() throws IOException, HttpError {
        byte[] body = new byte[0];
        int size = 0;
        while (true) {
            String line = readLine(MAX_CHUNK_LINE, new int[1], 400, false);
            int semicolon = line.indexOf(';');
            String hex = trimOws(semicolon < 0 ? line : line.substring(0, semicolon));
            if (hex.isEmpty() || hex.length() > 8 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new HttpError(400, "malformed chunk size");
            }
            long chunk = Long.parseLong(hex, 16);
            if (chunk == 0) {
                break;
            }
            if (size + chunk > MAX_BODY_BYTES) {
                throw new HttpError(413, "request body over " + MAX_BODY_BYTES + " bytes");
            }
            if (size + chunk > body.length) {
                body = Arrays.copyOf(body, (int) Math.min(MAX_BODY_BYTES, Math.max(size + chunk, 2L * body.length)));
            }
            int need = (int) chunk;
            while (need > 0) {
                if (pos == lim && !fill()) {
                    throw new EOFException("connection closed mid-chunk");
                }
                int n = Math.min(need, lim - pos);
                System.arraycopy(buf, pos, body, size, n);
                pos += n;
                size += n;
                need -= n;
            }
            if (!readLine(2, new int[1], 400, false).isEmpty()) {
                throw new HttpError(400, "chunk data longer than its size");
            }
        }
        int[] trailerUsed = {0};
        while (!readLine(MAX_HEAD_BYTES, trailerUsed, 431, false).isEmpty()) {
            // Trailer fields are allowed and ignored: nothing the mock does depends on them.
        }
        return size == body.length ? body : Arrays.copyOf(body, size);
    }

    /**
     * One line up to LF (a CR right before it is dropped), charged to {@code used[0]} against
     * {@code budget} bytes; over budget answers {@code status}. Returns null only when
     * {@code eofOk} and the connection ended before any byte of the line.
     */
    private String readLine(int budget, int[] used, int status, boolean eofOk) throws IOException, HttpError {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    for (int j = pos; j < end; j++) {
                        if (buf[j] == '\r' || buf[j] == 0) {
                            throw new HttpError(400, "bare CR or NUL in request head");
                        }
                    }
                    used[0] += i + 1 - pos;
                    if (used[0] > budget) {
                        throw new HttpError(status, "request head over " + budget + " bytes");
                    }
                    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            scanned = lim - pos;
            if (used[0] + scanned >= budget) {
                throw new HttpError(status, "request head over " + budget + " bytes");
            }
            if (!fill()) {
                if (eofOk && lim == pos) {
                    return null;
                }
                throw new EOFException("connection closed mid-request");
            }
        }
    }

    /** Reads more bytes after {@code lim}, compacting or growing the buffer; false at end of stream. */
    private boolean fill() throws IOException {
        if (lim == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            } else {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
        }
        int n = in.read(buf, lim, buf.length - lim);
        lastReadNanos = System.nanoTime();
        if (n < 0) {
            return false;
        }
        lim += n;
        return true;
    }

    private static String pathOf(String target) throws HttpError {
        try {
            String path = new URI(target).getPath();
            if (path == null) {
                throw new HttpError(400, "malformed request target");
            }
            return path.isEmpty() ? "/" : path;
        } catch (URISyntaxException e) {
            throw new HttpError(400, "malformed request target");
        }
    }

    private static String trimOws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 9110 §5.6.2 token: one or more tchar. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean tchar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!tchar) {
                return false;
            }
        }
        return true;
    }
}
