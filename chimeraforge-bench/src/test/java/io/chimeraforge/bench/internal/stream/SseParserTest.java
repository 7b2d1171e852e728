package io.chimeraforge.bench.internal.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    private final List<StreamEvent> events = new ArrayList<>();
    private final SseParser parser = new SseParser(events::add);

    private void feed(String text, long at) {
        parser.feed(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), at);
    }

    @Test
    void joinsMultiLineDataAndSkipsComments() {
        feed(": ping\ndata: first\ndata:second\n\n", 1);
        assertThat(events).containsExactly(new StreamEvent("message", "first\nsecond", 1));
        assertThat(parser.comments()).isEqualTo(1);
    }

    @Test
    void doneSentinelIsAnOrdinaryDataEvent() {
        feed("data: {\"a\":1}\r\n\r\ndata: [DONE]\r\n\r\n", 5);
        assertThat(events).extracting(StreamEvent::data).containsExactly("{\"a\":1}", "[DONE]");
    }

    @Test
    void crAloneEndsLinesAndCrLfAcrossBuffersIsOneTerminator() {
        feed("data: a\r", 1);
        feed("\ndata: b\r", 2);
        feed("\r", 3);
        assertThat(events).containsExactly(new StreamEvent("message", "a\nb", 3));
    }

    @Test
    void utf8SplitAcrossBuffersDecodesWhole() {
        byte[] bytes = "data: 🙂é\n\n".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            parser.feed(bytes, i, 1, i);
        }
        assertThat(events).containsExactly(new StreamEvent("message", "🙂é", bytes.length - 1));
    }

    @Test
    void eventWithoutTrailingNewlineIsDeliveredAtFinishWithLastArrival() {
        feed("data: tail", 7);
        assertThat(events).isEmpty();
        parser.finish();
        assertThat(events).containsExactly(new StreamEvent("message", "tail", 7));
    }

    @Test
    void eventTypeFieldWithoutColonAndBlankWithoutDataDispatchNothing() {
        feed("event: error\ndata\n\n\n\nretry: 10\n\n", 1);
        assertThat(events).containsExactly(new StreamEvent("error", "", 1));
    }

    @Test
    void ndjsonHandlesCrLfBlankLinesAndTail() {
        List<StreamEvent> lines = new ArrayList<>();
        NdjsonParser nd = new NdjsonParser(lines::add);
        byte[] bytes = "{\"a\":1}\r\n\n  \n{\"b\":\"日本\"}".getBytes(StandardCharsets.UTF_8);
        nd.feed(bytes, 0, 10, 1);
        nd.feed(bytes, 10, bytes.length - 10, 2);
        nd.finish();
        assertThat(lines).containsExactly(new StreamEvent("line", "{\"a\":1}", 1), new StreamEvent("line", "{\"b\":\"日本\"}", 2));
    }

    @Test
    void aLineOrAnEventThatNeverEndsIsRefusedAtTheLimitInsteadOfExhaustingTheHeap() {
        byte[] mib = new byte[1 << 20];
        java.util.Arrays.fill(mib, (byte) 'x');
        SseParser lines = new SseParser(events::add);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            for (int i = 0; i <= StreamTooLargeException.LIMIT_BYTES >> 20; i++) {
                lines.feed(mib, 0, mib.length, i);
            }
        }).isInstanceOf(StreamTooLargeException.class).hasMessage("a stream line exceeds 16 MiB without ending");

        // Many data lines without the blank line that would end the event.
        byte[] dataLine = ("data: " + "y".repeat((1 << 20) - 8) + "\n").getBytes(StandardCharsets.UTF_8);
        SseParser event = new SseParser(events::add);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            for (int i = 0; i <= StreamTooLargeException.LIMIT_BYTES >> 20; i++) {
                event.feed(dataLine, 0, dataLine.length, i);
            }
        }).isInstanceOf(StreamTooLargeException.class).hasMessage("an event's data exceeds 16 MiB without ending");
        assertThat(events).isEmpty();
    }
}
