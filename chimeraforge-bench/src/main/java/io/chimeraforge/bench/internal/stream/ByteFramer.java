package io.chimeraforge.bench.internal.stream;

import java.nio.ByteBuffer;

/**
 * What the byte-level framers share: buffers are fed as arrays without copying when possible,
 * empty reads are ignored (they complete nothing), and the arrival time of the latest bytes is
 * kept for events completed at {@link StreamParser#finish()}.
 */
abstract class ByteFramer implements StreamParser {

    /** Arrival time of the most recent non-empty read. */
    protected long lastArrival;

    @Override
    public final void feed(ByteBuffer buffer, long arrivalNanos) {
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
    public final void feed(byte[] bytes, int offset, int length, long arrivalNanos) {
        if (length == 0) {
            return; // an empty read carries no bytes, so it completes nothing
        }
        lastArrival = arrivalNanos;
        scan(bytes, offset, offset + length, arrivalNanos);
    }

    /** Frames bytes {@code [offset, end)}, all of which arrived at {@code arrivalNanos}. */
    protected abstract void scan(byte[] bytes, int offset, int end, long arrivalNanos);
}
