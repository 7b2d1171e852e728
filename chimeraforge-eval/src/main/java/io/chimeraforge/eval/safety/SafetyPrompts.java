package io.chimeraforge.eval.safety;

import io.chimeraforge.core.io.BoundedFiles;
import io.chimeraforge.eval.internal.PyStrings;
import io.chimeraforge.eval.internal.StrictUtf8;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a safety prompts file: one prompt per line, each line trimmed, blank lines dropped. */
public final class SafetyPrompts {

    /**
     * The largest prompts file read: 16 MiB. Every prompt is one generation request, so even 1 MiB
     * is thousands of requests; 16 MiB leaves room for long prompts while a larger or endless input
     * ({@code /dev/zero}) stops after 16 MiB + 1 byte with a {@link SafetyException} naming the limit.
     */
    public static final long MAX_FILE_BYTES = 16L << 20;

    private SafetyPrompts() {
    }

    /**
     * The prompts in {@code file}.
     *
     * @throws SafetyException {@code prompts file not found: <p>}, {@code prompts file '<p>' has no
     *                         non-empty lines.}, unreadable, over {@link #MAX_FILE_BYTES}, or not UTF-8
     */
    public static List<String> read(Path file) {
        return read(file, MAX_FILE_BYTES);
    }

    /** {@link #read(Path)} with another size limit (tests use small ones). */
    static List<String> read(Path file, long maxBytes) {
        if (file.toString().isEmpty()) {
            throw new SafetyException("prompts file path is empty.");
        }
        byte[] bytes;
        try {
            bytes = BoundedFiles.readBytes(file, maxBytes);
        } catch (NoSuchFileException e) {
            throw new SafetyException("prompts file not found: " + file, e);
        } catch (BoundedFiles.TooLargeException e) {
            throw new SafetyException("prompts file '" + file + "' is larger than the "
                    + BoundedFiles.describe(maxBytes) + " limit for a prompts file.", e);
        } catch (BoundedFiles.NotAFileException e) {
            throw new SafetyException("prompts file '" + file + "' is a directory.", e);
        } catch (IOException e) {
            throw new SafetyException("prompts file '" + file + "' could not be read: " + e.getMessage(), e);
        }
        String text;
        try {
            text = BoundedFiles.stripByteOrderMark(StrictUtf8.decode(bytes));
        } catch (StrictUtf8.Invalid e) {
            throw new SafetyException("prompts file '" + file + "' is not valid UTF-8 (invalid byte at offset "
                    + e.offset() + ").");
        }
        List<String> prompts = new ArrayList<>();
        for (String line : PyStrings.splitLines(text)) {
            String p = PyStrings.strip(line);
            if (!p.isEmpty()) {
                prompts.add(p);
            }
        }
        if (prompts.isEmpty()) {
            throw new SafetyException("prompts file '" + file + "' has no non-empty lines.");
        }
        return prompts;
    }
}
