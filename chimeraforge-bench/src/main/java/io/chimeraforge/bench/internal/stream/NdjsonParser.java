package io.chimeraforge.bench.internal.stream;

import java.util.function.Consumer;

/**
 * Newline-delimited JSON framer (Ollama): one event per LF-terminated line, a trailing CR
 * dropped, blank lines skipped, a final unterminated line delivered at {@link #finish()}. Lines
 * are not parsed as JSON here; that is the protocol decoder's job.
 */
public final class NdjsonParser extends ByteFramer {

    private final Consumer<StreamEvent> sink;
    private final LineBuffer line = new LineBuffer();

    /** A parser delivering lines to {@code sink}. */
    public NdjsonParser(Consumer<StreamEvent> sink) {
        this.sink = sink;
    }

    @Override
    protected void scan(byte[] bytes, int offset, int end, long arrivalNanos) {
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
