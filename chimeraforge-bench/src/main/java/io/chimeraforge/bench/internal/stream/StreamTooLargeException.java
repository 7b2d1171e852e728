package io.chimeraforge.bench.internal.stream;

/**
 * A stream line or event grew past {@link #LIMIT_BYTES} without ending: not an inference stream
 * (a wrong URL serving a file, a server without line breaks). The framer refuses to buffer more,
 * so a misbehaving server cannot exhaust the heap.
 */
public final class StreamTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Largest line or event accepted: far above any real event (Ollama's final line with a long
     * {@code context} array is about a megabyte at 128k tokens).
     */
    public static final int LIMIT_BYTES = 16 * 1024 * 1024;

    StreamTooLargeException(String what) {
        super(what + " exceeds " + (LIMIT_BYTES >> 20) + " MiB without ending");
    }
}
