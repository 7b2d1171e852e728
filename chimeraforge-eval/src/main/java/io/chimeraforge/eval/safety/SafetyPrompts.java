package io.chimeraforge.eval.safety;

import io.chimeraforge.eval.internal.PyStrings;
import io.chimeraforge.eval.internal.StrictUtf8;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a safety prompts file: one prompt per line, each line trimmed, blank lines dropped. */
public final class SafetyPrompts {

    private SafetyPrompts() {
    }

    /**
     * The prompts in {@code file}.
     *
     * @throws SafetyException {@code prompts file not found: <p>}, {@code prompts file '<p>' has no
     *                         non-empty lines.}, unreadable, or not UTF-8
     */
    public static List<String> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new SafetyException("prompts file not found: " + file, e);
        } catch (IOException e) {
            throw new SafetyException("prompts file '" + file + "' could not be read: " + e.getMessage(), e);
        }
        String text;
        try {
            text = StrictUtf8.decode(bytes);
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
