package io.chimeraforge.planner.workload.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.chimeraforge.core.PyStrings;
import io.chimeraforge.core.stats.ExactMoments;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One streaming pass over a JSONL request log, keeping only what a profile needs: per-row
 * timestamps (to sort for inter-arrival gaps) and exact running sums of token counts. Memory is
 * one double per timestamped row plus one line; a log of any length is read in one pass.
 *
 * <p>A row is a line that parses, as Python's {@code json.loads} would, to a JSON object; any other
 * non-blank line is counted as bad. For each quantity the first alias present with a non-null value
 * is the row's value (a later duplicate key replaces an earlier one, as in Python).
 */
public final class LogScan {

    /** Timestamp aliases, in priority order. */
    public static final List<String> TIMESTAMP = List.of("timestamp", "ts", "time", "start_time");
    /** Prompt-length aliases, in priority order. */
    public static final List<String> PROMPT = List.of("prompt_tokens", "input_tokens", "num_prompt_tokens");
    /** Decode-length aliases, in priority order. */
    public static final List<String> DECODE = List.of("completion_tokens", "output_tokens", "generation_tokens");
    /** Cached-prompt aliases, in priority order. */
    public static final List<String> CACHED = List.of("cached_tokens", "cached_prompt_tokens", "prefix_cache_tokens");

    private static final List<List<String>> GROUPS = List.of(TIMESTAMP, PROMPT, DECODE, CACHED);
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python's json accepts NaN and Infinity
            .build();

    private enum Kind { ABSENT, NULL, INTEGER, BIG_INTEGER, FLOAT, TRUE, FALSE, STRING, OTHER }

    /** One alias slot of the current row. */
    private static final class Slot {
        Kind kind = Kind.ABSENT;
        long integer;
        BigInteger big;
        double number;
        String text;

        boolean present() {
            return kind != Kind.ABSENT && kind != Kind.NULL;
        }

        boolean numeric() {
            return kind == Kind.INTEGER || kind == Kind.BIG_INTEGER || kind == Kind.FLOAT
                    || kind == Kind.TRUE || kind == Kind.FALSE;
        }

        double asDouble() {
            return switch (kind) {
                case INTEGER -> (double) integer;
                case BIG_INTEGER -> big.doubleValue();
                case FLOAT -> number;
                case TRUE -> 1.0;
                default -> 0.0;
            };
        }

        void addTo(PythonSum sum) {
            switch (kind) {
                case INTEGER -> sum.addInteger(integer);
                case BIG_INTEGER -> sum.addInteger(big);
                case FLOAT -> sum.addFloat(number);
                case TRUE -> sum.addInteger(1);
                case FALSE -> sum.addInteger(0);
                default -> throw new IllegalStateException("not a number: " + kind);
            }
        }
    }

    private final Slot[][] slots = new Slot[GROUPS.size()][];
    private final java.util.Map<String, Slot> byName = new java.util.HashMap<>();

    /** Rows: lines that were JSON objects. */
    public long rows;
    /** Non-blank lines that were not JSON objects. */
    public long badLines;
    /** Timestamps (epoch seconds) of the rows that had a usable one, in file order. */
    private double[] stamps = new double[1024];
    private int stampCount;
    /** Prompt lengths: moments and Python-order sum. */
    public final ExactMoments prompt = new ExactMoments();
    /** The prompt lengths summed as Python's {@code sum()} would. */
    public final PythonSum promptSum = new PythonSum();
    /** Decode lengths. */
    public final ExactMoments decode = new ExactMoments();
    /** The cached-prompt lengths summed as Python's {@code sum()} would. */
    public final PythonSum cachedSum = new PythonSum();
    /** How many rows had a numeric cached-prompt length. */
    public long cachedCount;

    public LogScan() {
        for (int g = 0; g < GROUPS.size(); g++) {
            slots[g] = new Slot[GROUPS.get(g).size()];
            for (int a = 0; a < slots[g].length; a++) {
                slots[g][a] = new Slot();
                byName.put(GROUPS.get(g).get(a), slots[g][a]);
            }
        }
    }

    /**
     * Reads every line of {@code in}.
     *
     * @param maxLineChars the longest line accepted
     * @throws LineTooLong when a line is longer
     */
    public void read(Reader in, int maxLineChars) throws IOException {
        BoundedLines lines = new BoundedLines(in, maxLineChars);
        while (lines.next()) {
            line(lines.chars(), lines.length());
        }
    }

    /** A line exceeded the limit (thrown by the line reader itself, so there is one exception for it). */
    public static final class LineTooLong extends IOException {
        private static final long serialVersionUID = 1L;
        /** The 1-based number of the offending line. */
        public final long lineNumber;

        LineTooLong(long lineNumber) {
            super("line " + lineNumber + " is too long");
            this.lineNumber = lineNumber;
        }
    }

    private void line(char[] chars, int length) {
        if (blank(chars, length)) {
            return;
        }
        for (Slot[] group : slots) {
            for (Slot s : group) {
                s.kind = Kind.ABSENT;
            }
        }
        if (!parseObject(chars, length)) {
            badLines++;
            return;
        }
        rows++;
        Slot stamp = first(0);
        if (stamp != null) {
            OptionalDouble t = stamp.numeric() ? OptionalDouble.of(stamp.asDouble())
                    : stamp.kind == Kind.STRING ? IsoTimestamps.epochSeconds(stamp.text) : OptionalDouble.empty();
            if (t.isPresent() && t.getAsDouble() != 0.0) {
                if (stampCount == stamps.length) {
                    stamps = Arrays.copyOf(stamps, stamps.length * 2);
                }
                stamps[stampCount++] = t.getAsDouble();
            }
        }
        Slot p = first(1);
        if (p != null && p.numeric()) {
            prompt.add(p.asDouble());
            p.addTo(promptSum);
        }
        Slot d = first(2);
        if (d != null && d.numeric()) {
            decode.add(d.asDouble());
        }
        Slot c = first(3);
        if (c != null && c.numeric()) {
            c.addTo(cachedSum);
            cachedCount++;
        }
    }

    /** The first alias of group {@code g} present with a non-null value, or null. */
    private Slot first(int g) {
        for (Slot s : slots[g]) {
            if (s.present()) {
                return s;
            }
        }
        return null;
    }

    private static boolean blank(char[] chars, int length) {
        for (int i = 0; i < length; i++) {
            if (!PyStrings.isPythonWhitespace(chars[i])) {
                return false;
            }
        }
        return true;
    }

    /** Parses the line as one JSON object, recording the aliases; false when it is not one. */
    private boolean parseObject(char[] chars, int length) {
        try (JsonParser p = JSON.createParser(chars, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                Slot slot = slotFor(p.currentName());
                JsonToken value = p.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                    if (slot != null) {
                        slot.kind = Kind.OTHER;
                    }
                } else if (slot != null) {
                    record(slot, value, p);
                }
            }
            if (t != JsonToken.END_OBJECT) {
                return false;
            }
            return p.nextToken() == null; // json.loads refuses anything after the value
        } catch (IOException e) {
            return false; // not JSON: a bad line, counted by the caller
        }
    }

    private Slot slotFor(String name) {
        return byName.get(name);
    }

    private static void record(Slot slot, JsonToken value, JsonParser p) throws IOException {
        switch (value) {
            case VALUE_NULL -> slot.kind = Kind.NULL;
            case VALUE_TRUE -> slot.kind = Kind.TRUE;
            case VALUE_FALSE -> slot.kind = Kind.FALSE;
            case VALUE_STRING -> {
                slot.kind = Kind.STRING;
                slot.text = p.getText();
            }
            case VALUE_NUMBER_INT -> {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    slot.kind = Kind.BIG_INTEGER;
                    slot.big = p.getBigIntegerValue();
                } else {
                    slot.kind = Kind.INTEGER;
                    slot.integer = p.getLongValue();
                }
            }
            case VALUE_NUMBER_FLOAT -> {
                slot.kind = Kind.FLOAT;
                slot.number = p.getDoubleValue();
            }
            default -> slot.kind = Kind.OTHER;
        }
    }

    /** The timestamps seen, in file order (a copy). */
    public double[] timestamps() {
        return Arrays.copyOf(stamps, stampCount);
    }
}
