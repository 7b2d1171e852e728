package io.chimeraforge.bench.internal.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads exchanges block on: one per request in flight, reused between requests. */
public final class StreamThreads {

    /**
     * Stack reserved per stream thread. Reading, framing and decoding a stream is shallow; a
     * smaller reservation keeps 1,024 concurrent streams cheap in address space.
     */
    private static final long STACK_BYTES = 512 * 1024;

    private StreamThreads() {
    }

    /**
     * An unbounded pool of daemon threads named {@code prefix-N}: it grows to the number of
     * requests in flight and idle threads expire after a minute.
     */
    public static ExecutorService newPool(String prefix) {
        AtomicInteger ids = new AtomicInteger();
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(null, r, prefix + "-" + ids.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
    }
}
