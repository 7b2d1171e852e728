package io.chimeraforge.bench.internal.stream;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Newline-delimited JSON framer (Ollama): one event per LF-terminated line, a trailing CR
 * dropped, blank lines skipped, a final unterminated line delivered at {@link #finish()}. Lines
 * are not parsed as JSON here; that is the protocol decoder's job.
 */
public final class NdjsonParser implements StreamParser {

    private final Consumer<StreamEvent> sink;
    private final LineBuffer line = new LineBuffer();
    private long lastArrival;

    /** A parser delivering lines to {@code sink}. */
    public NdjsonParser(Consumer<StreamEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void feed(ByteBuffer buffer, long arrivalNanos) {
        if (buffer.hasArray()) {
            feed(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), arrivalNanos);
            buffer.position(buffer.limit());
            return;
        }
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(copy);
        feed(copy, 0, copy.length, arrivalNanos);
    }

    @Override
    public void feed(byte[] bytes, int offset, int length, long arrivalNanos) {
        if (length == 0) {
            return; // an empty read carries no bytes, so it completes nothing
        }
        lastArrival = arrivalNanos;
        int end = offset + length;
        int runStart = offset;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.add(bytes, runStart, i - runStart);
                runStart = i + 1;
                emit(arrivalNanos);
            }
        }
        if (runStart < end) {
            line.add(bytes, runStart, end - runStart);
        }
    }

    private void emit(long arrivalNanos) {
        int n = line.length();
        if (n > 0 && line.at(n - 1) == '\r') {
            n--;
        }
        boolean blank = true;
        for (int i = 0; i < n && blank; i++) {
            byte b = line.at(i);
            blank = b == ' ' || b == '\t' || b == '\r';
        }
        if (!blank) {
            String text = line.text(0);
            sink.accept(new StreamEvent("line", text.endsWith("\r") ? text.substring(0, text.length() - 1) : text,
                    arrivalNanos));
        }
        line.clear();
    }

    @Override
    public void finish() {
        if (line.length() > 0) {
            emit(lastArrival);
        }
    }
}
