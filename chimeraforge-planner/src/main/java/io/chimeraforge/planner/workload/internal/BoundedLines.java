package io.chimeraforge.planner.workload.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line, as Python's universal-newline mode splits it ({@code \n}, {@code \r\n}
 * or {@code \r}), refusing a line longer than a limit: a file without line breaks (a binary file,
 * {@code /dev/zero}) must end in a clear error, not in an exhausted heap.
 */
final class BoundedLines {

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[64 * 1024];
    private int pos;
    private int limit;
    private boolean skipLf;
    private char[] line;
    private int length;
    private long lineNumber;

    BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
        this.line = new char[Math.min(256, maxChars)];
    }

    /** Reads the next line into {@link #chars()}/{@link #length()}; false at the end of input. */
    boolean next() throws IOException {
        length = 0;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                limit = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (any) {
                        lineNumber++;
                    }
                    return any;
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < limit && buffer[pos] != '\n' && buffer[pos] != '\r') {
                pos++;
            }
            if (pos > start) {
                any = true;
                append(start, pos - start);
            }
            if (pos < limit) {
                skipLf = buffer[pos++] == '\r';
                lineNumber++;
                return true;
            }
        }
    }

    private void append(int from, int n) throws LogScan.LineTooLong {
        if (length + n > maxChars) {
            throw new LogScan.LineTooLong(lineNumber + 1);
        }
        if (length + n > line.length) {
            line = java.util.Arrays.copyOf(line, (int) Math.min(maxChars, Math.max((long) line.length * 2, length + n)));
        }
        System.arraycopy(buffer, from, line, length, n);
        length += n;
    }

    char[] chars() {
        return line;
    }

    int length() {
        return length;
    }

    long lineNumber() {
        return lineNumber;
    }
}
