package io.chimeraforge.bench.internal.stream;

import java.nio.ByteBuffer;

/**
 * An incremental, byte-level stream framer. Buffers are fed as they arrive with the time they
 * arrived; complete events are pushed to the sink in order. Nothing is decoded until a whole line
 * is present, so UTF-8 characters split across buffers decode correctly. Not thread-safe: one
 * parser per stream, fed from one thread at a time.
 */
public interface StreamParser {

    /**
     * Feeds the remaining bytes of {@code buffer} (its position advances to the limit).
     *
     * @throws StreamTooLargeException when a line or event outgrows the limit without ending
     */
    void feed(ByteBuffer buffer, long arrivalNanos);

    /** Feeds {@code length} bytes of {@code bytes} from {@code offset}. */
    void feed(byte[] bytes, int offset, int length, long arrivalNanos);

    /**
     * Signals the end of the stream: a final line without a line terminator, and an SSE event not
     * followed by a blank line, are still delivered (servers such as llama.cpp end that way).
     */
    void finish();
}
