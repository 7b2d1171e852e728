package io.chimeraforge.bench.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A push parser for one HTTP/1.1 response at a time (RFC 9112): status line, header fields, then
 * the body framed by {@code Transfer-Encoding: chunked}, {@code Content-Length} or the end of the
 * connection. Bytes may be fed in pieces of any size; body bytes are handed to the listener as
 * slices of the fed array, tagged with the arrival time of the read that brought them, so the
 * caller's timestamps survive de-chunking untouched. Interim {@code 1xx} responses are skipped.
 * Not thread-safe.
 */
public final class ResponseParser {

    /** Receives the parsed response. */
    public interface Listener {
        /** The final (non-1xx) response head arrived, in the read at {@code at}. */
        void headers(ResponseHead head, long at);

        /** Body bytes {@code [off, off+len)} of {@code bytes}, valid only during the call. */
        void body(byte[] bytes, int off, int len, long at);

        /**
         * The request is about to be written (called once, by the running thread).
         *
         * @param connectStartNanos when the exchange began to obtain a connection (pool check, or
         *                          name lookup, TCP connect and TLS handshake)
         * @param writeStartNanos   right before the request's first byte is written: the
         *                          connection is ready
         * @param reused            whether the connection carried an earlier exchange
         */
        default void sending(long connectStartNanos, long writeStartNanos, boolean reused) {
        }
    }

    /**
     * A response head.
     *
     * @param status  status code
     * @param http11  whether the server speaks HTTP/1.1 (else 1.0)
     * @param headers field names lower-cased; repeated fields joined with {@code ", "}
     */
    public record ResponseHead(int status, boolean http11, Map<String, String> headers) {
        /** A field's value, or null. */
        public String header(String lowerCaseName) {
            return headers.get(lowerCaseName);
        }
    }

    /** Largest response head accepted (status line and fields). */
    static final int MAX_HEAD_BYTES = 64 * 1024;
    private static final long MAX_CHUNK = 1L << 40;

    private enum State { HEAD, CHUNK_SIZE, CHUNK_EXT, CHUNK_DATA, CHUNK_DATA_END, TRAILER, LENGTH, UNTIL_CLOSE, DONE }

    private final Listener listener;
    private State state = State.HEAD;
    private byte[] head = new byte[512];
    private int headLength;
    private int lineStart;
    private long remaining;
    private boolean chunkDigits;
    private boolean trailerLineEmpty = true;
    private boolean sawBytes;
    private boolean reusable;
    private int keepAliveSeconds = -1;

    /** A parser delivering to {@code listener}. */
    public ResponseParser(Listener listener) {
        this.listener = listener;
    }

    /** Whether any byte of the response arrived. */
    public boolean sawBytes() {
        return sawBytes;
    }

    /** Whether the final response head has been parsed. */
    public boolean headersDone() {
        return state != State.HEAD;
    }

    /** Whether the response is complete. */
    public boolean complete() {
        return state == State.DONE;
    }

    /** Whether the connection may carry another request (only meaningful once complete). */
    public boolean reusable() {
        return state == State.DONE && reusable;
    }

    /**
     * The {@code timeout} the server announced in a {@code Keep-Alive} header (seconds it keeps an
     * idle connection open), or −1 when it announced none.
     */
    public int keepAliveTimeoutSeconds() {
        return keepAliveSeconds;
    }

    /**
     * Feeds {@code len} bytes; returns how many were consumed (fewer than {@code len} only when the
     * response completed and bytes follow it).
     *
     * @throws HttpProtocolException when the bytes are not a valid HTTP/1.1 response
     */
    public int feed(byte[] bytes, int off, int len, long at) throws HttpProtocolException {
        if (len > 0) {
            sawBytes = true;
        }
        int i = off;
        int end = off + len;
        while (i < end && state != State.DONE) {
            switch (state) {
                case HEAD -> i = headBytes(bytes, i, end, at);
                case CHUNK_SIZE, CHUNK_EXT -> i = chunkSize(bytes, i, end);
                case CHUNK_DATA, LENGTH -> {
                    int n = (int) Math.min(remaining, end - i);
                    listener.body(bytes, i, n, at);
                    i += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = state == State.LENGTH ? State.DONE : State.CHUNK_DATA_END;
                    }
                }
                case CHUNK_DATA_END -> {
                    byte b = bytes[i++];
                    if (b == '\n') {
                        state = State.CHUNK_SIZE;
                        chunkDigits = false;
                    } else if (b != '\r') {
                        throw new HttpProtocolException("chunk data not followed by CRLF");
                    }
                }
                case TRAILER -> {
                    byte b = bytes[i++];
                    if (b == '\n') {
                        if (trailerLineEmpty) {
                            state = State.DONE;
                        }
                        trailerLineEmpty = true;
                    } else if (b != '\r') {
                        trailerLineEmpty = false;
                    }
                }
                case UNTIL_CLOSE -> {
                    listener.body(bytes, i, end - i, at);
                    i = end;
                }
                default -> throw new IllegalStateException("unreachable state " + state);
            }
        }
        return i - off;
    }

    /**
     * The connection reached end of input. Returns whether the response is complete: a
     * close-delimited body ends here; any other unfinished response was cut short.
     */
    public boolean endOfInput() {
        if (state == State.UNTIL_CLOSE) {
            state = State.DONE;
            reusable = false;
        }
        return state == State.DONE;
    }

    private int headBytes(byte[] bytes, int i, int end, long at) throws HttpProtocolException {
        while (i < end) {
            byte b = bytes[i++];
            if (headLength == head.length) {
                if (head.length >= MAX_HEAD_BYTES) {
                    throw new HttpProtocolException("response head exceeds " + MAX_HEAD_BYTES + " bytes");
                }
                head = java.util.Arrays.copyOf(head, Math.min(MAX_HEAD_BYTES, head.length * 2));
            }
            head[headLength++] = b;
            if (b == '\n') {
                int lineLength = headLength - 1 - lineStart;
                if (lineLength > 0 && head[headLength - 2] == '\r') {
                    lineLength--;
                }
                if (lineLength == 0 && lineStart > 0) {
                    onHead(at);
                    return i;
                }
                if (lineLength == 0) {
                    // Tolerate blank lines before the status line (RFC 9112 §2.2).
                    headLength = 0;
                } else {
                    lineStart = headLength;
                }
            }
        }
        return i;
    }

    private void onHead(long at) throws HttpProtocolException {
        String text = new String(head, 0, headLength, StandardCharsets.ISO_8859_1);
        headLength = 0;
        lineStart = 0;
        java.util.List<String> lines = lines(text);
        String statusLine = lines.get(0);
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
            throw new HttpProtocolException("not an HTTP/1.x status line: " + abbreviate(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(statusLine.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new HttpProtocolException("bad status code in: " + abbreviate(statusLine));
        }
        if (status < 100 || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
            throw new HttpProtocolException("bad status code in: " + abbreviate(statusLine));
        }
        if (status < 200 && status != 101) {
            return; // interim response (100 Continue, 103 Early Hints): the real head follows
        }
        boolean http11 = statusLine.charAt(7) != '0';
        Map<String, String> fields = new LinkedHashMap<>();
        for (int k = 1; k < lines.size(); k++) {
            String line = lines.get(k);
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new HttpProtocolException("malformed header line: " + abbreviate(line));
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            fields.merge(name, value, (a, b) -> a + ", " + b);
        }
        ResponseHead parsed = new ResponseHead(status, http11, Map.copyOf(fields));
        String connection = lower(parsed.header("connection"));
        reusable = http11 ? !connection.contains("close") : connection.contains("keep-alive");
        keepAliveSeconds = keepAliveTimeout(parsed.header("keep-alive"));
        String te = lower(parsed.header("transfer-encoding"));
        String length = parsed.header("content-length");
        if (status == 204 || status == 304 || status == 101) {
            state = State.DONE;
            reusable &= status != 101;
        } else if (!te.isEmpty()) {
            if (te.endsWith("chunked")) {
                state = State.CHUNK_SIZE;
                chunkDigits = false;
                remaining = 0;
                reusable &= length == null;
            } else {
                state = State.UNTIL_CLOSE;
                reusable = false;
            }
        } else if (length != null) {
            remaining = contentLength(length);
            state = remaining == 0 ? State.DONE : State.LENGTH;
        } else {
            state = State.UNTIL_CLOSE;
            reusable = false;
        }
        listener.headers(parsed, at);
    }

    /** The head's lines without their CRLF or LF terminators (the last, blank line dropped). */
    private static java.util.List<String> lines(String head) {
        java.util.List<String> out = new java.util.ArrayList<>(12);
        int start = 0;
        for (int i = 0; i < head.length(); i++) {
            if (head.charAt(i) == '\n') {
                int end = i > start && head.charAt(i - 1) == '\r' ? i - 1 : i;
                if (end > start) {
                    out.add(head.substring(start, end));
                }
                start = i + 1;
            }
        }
        return out;
    }

    /** The {@code timeout=N} parameter of a {@code Keep-Alive} header, or −1 when absent or malformed. */
    static int keepAliveTimeout(String value) {
        if (value == null) {
            return -1;
        }
        for (String part : value.split(",")) {
            String p = part.trim();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("timeout")) {
                try {
                    long n = Long.parseLong(p.substring(eq + 1).trim().replace("\"", ""));
                    return n < 0 ? -1 : (int) Math.min(Integer.MAX_VALUE, n);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static long contentLength(String value) throws HttpProtocolException {
        long result = -1;
        for (String part : value.split(",")) {
            String v = part.trim();
            long n;
            try {
                n = Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new HttpProtocolException("bad Content-Length: " + abbreviate(value));
            }
            if (n < 0 || (result >= 0 && n != result)) {
                throw new HttpProtocolException("bad Content-Length: " + abbreviate(value));
            }
            result = n;
        }
        return result;
    }

    private int chunkSize(byte[] bytes, int i, int end) throws HttpProtocolException {
        while (i < end) {
            byte b = bytes[i++];
            if (b == '\n') {
                if (!chunkDigits) {
                    throw new HttpProtocolException("chunk size line without a size");
                }
                if (remaining == 0) {
                    state = State.TRAILER;
                    trailerLineEmpty = true;
                } else {
                    state = State.CHUNK_DATA;
                }
                return i;
            }
            if (state == State.CHUNK_EXT || b == '\r') {
                continue;
            }
            int digit = Character.digit(b, 16);
            if (digit >= 0) {
                remaining = remaining * 16 + digit;
                chunkDigits = true;
                if (remaining > MAX_CHUNK) {
                    throw new HttpProtocolException("chunk size too large");
                }
            } else if (b == ';' || b == ' ' || b == '\t') {
                state = State.CHUNK_EXT;
            } else {
                throw new HttpProtocolException("bad chunk size character 0x" + Integer.toHexString(b & 0xFF));
            }
        }
        return i;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
