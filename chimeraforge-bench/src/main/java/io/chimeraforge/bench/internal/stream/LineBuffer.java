package io.chimeraforge.bench.internal.stream;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for one line, bounded by {@link StreamTooLargeException#LIMIT_BYTES}. */
final class LineBuffer {

    private byte[] bytes = new byte[256];
    private int length;

    void add(byte b) {
        if (length == StreamTooLargeException.LIMIT_BYTES) {
            throw new StreamTooLargeException("a stream line");
        }
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length * 2);
        }
        bytes[length++] = b;
    }

    void add(byte[] source, int from, int count) {
        if (count > StreamTooLargeException.LIMIT_BYTES - length) {
            throw new StreamTooLargeException("a stream line");
        }
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
        }
        System.arraycopy(source, from, bytes, length, count);
        length += count;
    }

    int length() {
        return length;
    }

    byte at(int index) {
        return bytes[index];
    }

    /** Decodes bytes [from, length) as UTF-8 (malformed input becomes U+FFFD). */
    String text(int from) {
        return new String(bytes, from, length - from, StandardCharsets.UTF_8);
    }

    void clear() {
        length = 0;
    }
}
