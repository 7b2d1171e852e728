package io.chimeraforge.bench.internal.stream;

import java.util.function.Consumer;

/**
 * Server-sent events framer following the WHATWG event-stream rules: lines end with LF, CRLF or
 * CR (a CR followed by LF in the next buffer is one terminator); {@code :} starts a comment; a
 * line without a colon is a field name with an empty value; one space after the colon is
 * dropped; {@code data} lines are joined with LF; a blank line dispatches the event if it has
 * data. Unknown fields ({@code id}, {@code retry}) are ignored. At end of stream a pending event
 * is dispatched too (lenient, unlike the WHATWG rule, because some servers omit the final blank
 * line).
 */
public final class SseParser extends ByteFramer {

    private final Consumer<StreamEvent> sink;
    private final LineBuffer line = new LineBuffer();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventType = "";
    private boolean afterCr;
    private long comments;

    /** A parser delivering events to {@code sink}. */
    public SseParser(Consumer<StreamEvent> sink) {
        this.sink = sink;
    }

    /** Comment lines seen so far (keep-alive pings). */
    public long comments() {
        return comments;
    }

    @Override
    protected void scan(byte[] bytes, int offset, int end, long arrivalNanos) {
        int runStart = offset;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            if (b != '\n' && b != '\r') {
                continue;
            }
            int run = i - runStart;
            if (b == '\n' && afterCr && run == 0) {
                // LF completing a CRLF whose CR already ended the line (possibly in the previous buffer).
                afterCr = false;
                runStart = i + 1;
                continue;
            }
            line.add(bytes, runStart, run);
            runStart = i + 1;
            afterCr = b == '\r';
            endOfLine(arrivalNanos);
        }
        if (runStart < end) {
            line.add(bytes, runStart, end - runStart);
            afterCr = false;
        }
    }

    private void endOfLine(long arrivalNanos) {
        int n = line.length();
        if (n == 0) {
            dispatch(arrivalNanos);
            return;
        }
        if (line.at(0) == ':') {
            comments++;
            line.clear();
            return;
        }
        int colon = -1;
        for (int i = 0; i < n; i++) {
            if (line.at(i) == ':') {
                colon = i;
                break;
            }
        }
        String field;
        String value;
        if (colon < 0) {
            field = line.text(0);
            value = "";
        } else {
            int valueStart = colon + 1;
            if (valueStart < n && line.at(valueStart) == ' ') {
                valueStart++;
            }
            field = fieldName(colon);
            value = line.text(valueStart);
        }
        line.clear();
        if (field.equals("data")) {
            if (data.length() + value.length() >= StreamTooLargeException.LIMIT_BYTES) {
                throw new StreamTooLargeException("an event's data");
            }
            if (hasData) {
                data.append('\n');
            }
            data.append(value);
            hasData = true;
        } else if (field.equals("event")) {
            eventType = value;
        }
    }

    private String fieldName(int colon) {
        // Field names of interest are ASCII; avoid decoding for the common "data" case.
        if (colon == 4 && line.at(0) == 'd' && line.at(1) == 'a' && line.at(2) == 't' && line.at(3) == 'a') {
            return "data";
        }
        StringBuilder name = new StringBuilder(colon);
        for (int i = 0; i < colon; i++) {
            name.append((char) (line.at(i) & 0xFF));
        }
        return name.toString();
    }

    private void dispatch(long arrivalNanos) {
        if (hasData) {
            sink.accept(new StreamEvent(eventType.isEmpty() ? "message" : eventType, data.toString(), arrivalNanos));
        }
        data.setLength(0);
        hasData = false;
        eventType = "";
    }

    @Override
    public void finish() {
        if (line.length() > 0) {
            endOfLine(lastArrival);
        }
        line.clear();
        dispatch(lastArrival);
    }
}
