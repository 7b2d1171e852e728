package io.chimeraforge.eval.safety;

import io.chimeraforge.eval.internal.PyStrings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isUnderflow()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            throw new SafetyException("prompts file '" + file + "' is not valid UTF-8 (invalid byte at offset "
                    + in.position() + ").");
        }
        out.flip();
        List<String> prompts = new ArrayList<>();
        for (String line : PyStrings.splitLines(out.toString())) {
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
