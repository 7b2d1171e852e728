package io.chimeraforge.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.io.BoundedFiles;
import io.chimeraforge.eval.internal.PyStrings;
import io.chimeraforge.eval.internal.StrictUtf8;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Readers for eval input files. Every failure is an {@link EvalInputException} with a one-line
 * message naming the file (and line, for JSONL).
 */
public final class EvalInputs {

    /**
     * The largest input file eval reads: 64 MiB. That is some 500,000 answers of a typical length,
     * hours of BERTScore work, yet the texts stay within a few hundred MB of heap. A larger or
     * endless input ({@code /dev/zero}) stops after 64 MiB + 1 byte with an {@link EvalInputException}
     * naming the limit.
     */
    public static final long MAX_FILE_BYTES = 64L << 20;

    /** Rejects trailing content after the object ({@code {...} junk}) instead of ignoring it. */
    private static final ObjectReader JSONL_READER =
            Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EvalInputs() {
    }

    /**
     * Predictions and references read from one JSONL file.
     *
     * @param predictions one per record
     * @param references  one per record
     */
    public record Pairs(List<String> predictions, List<String> references) {
        /** Copies and requires equal sizes. */
        public Pairs {
            predictions = List.copyOf(predictions);
            references = List.copyOf(references);
            if (predictions.size() != references.size()) {
                throw new IllegalArgumentException("predictions and references must pair up");
            }
        }
    }

    /**
     * One entry per line of a UTF-8 text file, as the reference reads it: the whole text is
     * stripped of leading and trailing (Unicode) whitespace, then split with Python's
     * {@code splitlines} ({@code \n}, {@code \r\n}, {@code \r}, and the other Unicode line breaks);
     * inner blank lines stay as empty entries. An empty file gives an empty list (the eval run
     * then warns, as the reference does).
     *
     * @param file the file
     * @param role what the file holds, for messages ({@code predictions}, {@code references})
     * @throws EvalInputException {@code <role> file '<path>' not found.}, unreadable, or not UTF-8
     */
    public static List<String> readLines(Path file, String role) {
        return readLines(file, role, MAX_FILE_BYTES);
    }

    /** {@link #readLines(Path, String)} with another size limit (tests use small ones). */
    static List<String> readLines(Path file, String role, long maxBytes) {
        String text = readUtf8(file, role, maxBytes);
        return PyStrings.splitLines(PyStrings.strip(text));
    }

    /**
     * Pairs from a JSONL file: one {@code {"prediction": "...", "reference": "..."}} object per
     * line (other keys ignored; blank lines skipped). Unlike the one-per-line text format, this
     * carries multi-line answers such as code.
     *
     * @throws EvalInputException when the file is missing, not UTF-8, has no records, or a line is
     *                            not such an object (the message names the line)
     */
    public static Pairs readPairs(Path file) {
        String text = readUtf8(file, "pairs", MAX_FILE_BYTES);
        List<String> preds = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        List<String> lines = splitJsonlLines(text);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (PyStrings.strip(line).isEmpty()) {
                continue;
            }
            String where = "pairs file '" + file + "' line " + (i + 1) + ": ";
            JsonNode node;
            try {
                node = JSONL_READER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new EvalInputException(where + "invalid JSON (" + firstLine(e.getOriginalMessage()) + ").", e);
            }
            if (node == null || !node.isObject()) {
                throw new EvalInputException(where + "expected a JSON object {\"prediction\": ..., \"reference\": ...}, got "
                        + kind(node) + ".");
            }
            preds.add(stringField(node, "prediction", where));
            refs.add(stringField(node, "reference", where));
        }
        if (preds.isEmpty()) {
            throw new EvalInputException("pairs file '" + file + "' has no records.");
        }
        return new Pairs(preds, refs);
    }

    /** JSONL lines break at \n only (a \r before it is dropped): JSON strings escape the rest. */
    private static List<String> splitJsonlLines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                int end = i > start && text.charAt(i - 1) == '\r' ? i - 1 : i;
                out.add(text.substring(start, end));
                start = i + 1;
            }
        }
        return out;
    }

    private static String stringField(JsonNode node, String name, String where) {
        JsonNode v = node.get(name);
        if (v == null) {
            throw new EvalInputException(where + "missing \"" + name + "\".");
        }
        if (!v.isTextual()) {
            throw new EvalInputException(where + "\"" + name + "\" must be a string, got " + kind(v) + ".");
        }
        return v.textValue();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * Reads a whole file (at most {@code maxBytes}) as strict UTF-8, without a leading byte-order
     * mark (a BOM would otherwise become part of the first answer and fail its exact match).
     *
     * @param role used in messages: {@code <role> file '<path>' ...}
     */
    static String readUtf8(Path file, String role, long maxBytes) {
        if (file.toString().isEmpty()) {
            throw new EvalInputException(role + " file path is empty.");
        }
        byte[] bytes;
        try {
            bytes = BoundedFiles.readBytes(file, maxBytes);
        } catch (NoSuchFileException e) {
            throw new EvalInputException(role + " file '" + file + "' not found.", e);
        } catch (BoundedFiles.TooLargeException e) {
            throw new EvalInputException(role + " file '" + file + "' is larger than the "
                    + BoundedFiles.describe(maxBytes) + " limit for an eval input.", e);
        } catch (BoundedFiles.NotAFileException e) {
            throw new EvalInputException(role + " file '" + file + "' is a directory.", e);
        } catch (IOException e) {
            throw new EvalInputException(role + " file '" + file + "' could not be read: "
                    + firstLine(String.valueOf(e.getMessage())), e);
        }
        try {
            return BoundedFiles.stripByteOrderMark(StrictUtf8.decode(bytes));
        } catch (StrictUtf8.Invalid e) {
            throw new EvalInputException(role + " file '" + file + "' is not valid UTF-8 (" + e.getMessage() + ").");
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
