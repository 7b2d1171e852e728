package io.chimeraforge.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a whole input file with a byte limit, so an oversized or endless input ({@code /dev/zero},
 * a named pipe, a 3 GB file) ends with {@link TooLargeException} after at most {@code limit + 1}
 * bytes instead of exhausting the heap. Every chimeraforge reader of user files goes through here,
 * each with its own documented limit.
 */
public final class BoundedFiles {

    private BoundedFiles() {
    }

    /** The file holds more than the limit. */
    public static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;
        private final long limit;

        TooLargeException(Path file, long limit) {
            super(file + " is larger than " + describe(limit));
            this.limit = limit;
        }

        /** The limit that was exceeded, in bytes. */
        public long limit() {
            return limit;
        }
    }

    /** The path names a directory (or something else that cannot be read as a file). */
    public static final class NotAFileException extends IOException {
        private static final long serialVersionUID = 1L;

        NotAFileException(String message) {
            super(message);
        }
    }

    /**
     * The file's bytes, at most {@code limit} of them.
     *
     * @throws TooLargeException  beyond {@code limit} bytes (known from the size of a regular file,
     *                            or found after reading {@code limit + 1} bytes of a device or pipe)
     * @throws NotAFileException  for a directory
     * @throws IOException        when reading fails ({@link java.nio.file.NoSuchFileException} when missing)
     */
    public static byte[] readBytes(Path file, long limit) throws IOException {
        if (Files.isDirectory(file)) {
            throw new NotAFileException("it is a directory, not a file");
        }
        if (Files.isRegularFile(file) && Files.size(file) > limit) {
            throw new TooLargeException(file, limit);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw new TooLargeException(file, limit);
                }
                bytes.write(buffer, 0, n);
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The file's content as strictly decoded UTF-8, a leading byte-order mark removed.
     *
     * @throws TooLargeException        beyond {@code limit} bytes
     * @throws CharacterCodingException when the bytes are not UTF-8
     * @throws NotAFileException        for a directory
     * @throws IOException              when reading fails
     */
    public static String readUtf8(Path file, long limit) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(readBytes(file, limit)))
                .toString();
        return stripByteOrderMark(text);
    }

    /** The text without a leading UTF-8 byte-order mark (U+FEFF), which editors on Windows add. */
    public static String stripByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** A byte count as people write limits: {@code 16 MiB}, {@code 512 KiB}, {@code 100 bytes}. */
    public static String describe(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return String.format(Locale.ROOT, "%d MiB", bytes >> 20);
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return String.format(Locale.ROOT, "%d KiB", bytes >> 10);
        }
        return bytes + " bytes";
    }
}
