package io.chimeraforge.bench.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * For every split of a byte stream into chunks, the parsers emit the same events, and each event
 * is stamped with the arrival time of the chunk holding the byte that completed it.
 */
class StreamParserProperties {

    /** One SSE event to serialise: its type (may be empty), data lines, and the line endings to use. */
    record SseSpec(String type, List<String> dataLines, String eol, boolean commentBefore) {
    }

    record Stream(byte[] bytes, List<String> expected) {
    }

    @Provide
    Arbitrary<String> lineText() {
        // Any Unicode except line terminators; includes 2-4 byte UTF-8 characters and leading spaces.
        return Arbitraries.strings().withCharRange(' ', '\u00ff').withCharRange('\u4e00', '\u4e20')
                .withChars('\ud83d', '\ude42', ':', ' ', '\t').ofMaxLength(20)
                .map(s -> s.replace("\ud83d", "\ud83d\ude42").replace("\ude42\ude42", "\ude42"))
                .filter(s -> isWellFormed(s));
    }

    private static boolean isWellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    @Provide
    Arbitrary<SseSpec> sseEvent() {
        return Combinators.combine(Arbitraries.of("", "", "message", "error", "ping"),
                lineText().list().ofMinSize(1).ofMaxSize(3), Arbitraries.of("\n", "\r\n", "\r"),
                Arbitraries.of(true, false)).as(SseSpec::new);
    }

    @Provide
    Arbitrary<List<SseSpec>> sseEvents() {
        return sseEvent().list().ofMinSize(1).ofMaxSize(6);
    }

    static Stream sse(List<SseSpec> events, boolean trailingBlankLine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        for (int e = 0; e < events.size(); e++) {
            SseSpec spec = events.get(e);
            StringBuilder text = new StringBuilder();
            if (spec.commentBefore()) {
                text.append(": keep-alive").append(spec.eol());
            }
            if (!spec.type().isEmpty()) {
                text.append("event: ").append(spec.type()).append(spec.eol());
            }
            text.append("id: ").append(e).append(spec.eol());
            for (String line : spec.dataLines()) {
                text.append("data: ").append(line).append(spec.eol());
            }
            boolean last = e == events.size() - 1;
            if (!last || trailingBlankLine) {
                text.append(spec.eol());
            }
            if (last && !trailingBlankLine && text.length() > 0) {
                // Also drop the final line terminator: the stream just stops.
                text.setLength(text.length() - spec.eol().length());
            }
            out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
            expected.add((spec.type().isEmpty() ? "message" : spec.type()) + "|" + String.join("\n", spec.dataLines()));
        }
        return new Stream(out.toByteArray(), expected);
    }

    /** Feeds {@code bytes} split at {@code cuts}; chunk i arrives at time i. Returns "type|data@time". */
    static List<String> parse(Function<Consumer<StreamEvent>, StreamParser> factory, byte[] bytes, TreeSet<Integer> cuts) {
        List<String> out = new ArrayList<>();
        StreamParser parser = factory.apply(e -> out.add(e.type() + "|" + e.data() + "@" + e.arrivalNanos()));
        int start = 0;
        long time = 0;
        for (int cut : cuts) {
            parser.feed(bytes, start, cut - start, time++);
            start = cut;
        }
        parser.feed(bytes, start, bytes.length - start, time);
        parser.finish();
        return out;
    }

    static TreeSet<Integer> cuts(List<Integer> raw, int length) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int c : raw) {
            if (length > 0) {
                cuts.add(c % (length + 1));
            }
        }
        return cuts;
    }

    /** Events of a byte-at-a-time parse, with the byte index of the completing byte as time. */
    static List<String> byteByByte(Function<Consumer<StreamEvent>, StreamParser> factory, byte[] bytes) {
        TreeSet<Integer> every = new TreeSet<>();
        for (int i = 1; i < bytes.length; i++) {
            every.add(i);
        }
        return parse(factory, bytes, every);
    }

    /** Maps byte-index times to the chunk index that held that byte under {@code cuts}. */
    static List<String> expectedUnder(List<String> byteEvents, TreeSet<Integer> cuts) {
        List<String> out = new ArrayList<>();
        for (String e : byteEvents) {
            int at = e.lastIndexOf('@');
            long byteIndex = Long.parseLong(e.substring(at + 1));
            long chunk = cuts.headSet((int) byteIndex, true).size();
            out.add(e.substring(0, at) + "@" + chunk);
        }
        return out;
    }

    static List<String> withoutTimes(List<String> events) {
        return events.stream().map(e -> e.substring(0, e.lastIndexOf('@'))).toList();
    }

    @Property(tries = 1000)
    void sseEventsAreIndependentOfChunking(@ForAll("sseEvents") List<SseSpec> events,
            @ForAll boolean trailingBlankLine, @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 10_000) Integer> rawCuts) {
        Stream stream = sse(events, trailingBlankLine);
        TreeSet<Integer> cuts = cuts(rawCuts, stream.bytes().length);
        List<String> parsed = parse(SseParser::new, stream.bytes(), cuts);
        assertThat(withoutTimes(parsed)).containsExactlyElementsOf(stream.expected());
        assertThat(parsed).containsExactlyElementsOf(expectedUnder(byteByByte(SseParser::new, stream.bytes()), cuts));
    }

    @Provide
    Arbitrary<List<String>> ndjsonLines() {
        return lineText().filter(s -> !s.isBlank()).map(s -> s.replace('\r', ' ')).list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 1000)
    void ndjsonLinesAreIndependentOfChunking(@ForAll("ndjsonLines") List<String> lines, @ForAll boolean crlf,
            @ForAll boolean trailingNewline, @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 10_000) Integer> rawCuts) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            text.append(lines.get(i));
            if (i < lines.size() - 1 || trailingNewline) {
                text.append(crlf ? "\r\n" : "\n");
                if (i == 0) {
                    text.append("   \n"); // blank lines are skipped
                }
            }
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        TreeSet<Integer> cuts = cuts(rawCuts, bytes.length);
        List<String> parsed = parse(NdjsonParser::new, bytes, cuts);
        assertThat(withoutTimes(parsed)).containsExactlyElementsOf(lines.stream().map(l -> "line|" + l).toList());
        assertThat(parsed).containsExactlyElementsOf(expectedUnder(byteByByte(NdjsonParser::new, bytes), cuts));
    }
}
