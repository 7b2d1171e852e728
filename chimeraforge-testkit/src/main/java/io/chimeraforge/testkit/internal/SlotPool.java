package io.chimeraforge.testkit.internal;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

/**
 * The mock's continuous-batching capacity model: {@code slots} requests generate at once; later
 * ones wait in FIFO order and start the moment a slot frees. Zero slots means unlimited.
 *
 * <p>Each request's connection thread blocks in {@link #acquire}; a release hands the slot
 * straight to the oldest waiter and stamps the hand-over instant, so the waiter's timeline starts
 * when the slot freed, not when its thread got around to waking up.
 */
public final class SlotPool {

    /** A thread waiting for a slot; written under the pool's lock, read by the waiter. */
    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        volatile long grantedAt;
        volatile boolean granted;
    }

    private final int slots;
    private final ArrayDeque<Waiter> waiting = new ArrayDeque<>();
    private int busy;

    /** A pool with {@code slots} slots (0 = unlimited). */
    public SlotPool(int slots) {
        if (slots < 0) {
            throw new IllegalArgumentException("slots must be >= 0 (0 = unlimited), got " + slots);
        }
        this.slots = slots;
    }

    /**
     * Blocks until the caller holds a slot.
     *
     * @param readyNanos when the request became ready to start ({@link System#nanoTime()})
     * @return {@code readyNanos} if a slot was free at once, else the instant one was handed over
     * @throws InterruptedException if interrupted while waiting (the caller then holds no slot)
     */
    public long acquire(long readyNanos) throws InterruptedException {
        Waiter w;
        synchronized (this) {
            if (slots == 0 || busy < slots) {
                busy++;
                return readyNanos;
            }
            w = new Waiter();
            waiting.addLast(w);
        }
        while (!w.granted) {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                synchronized (this) {
                    if (!w.granted) {
                        waiting.remove(w);
                        throw new InterruptedException("interrupted waiting for a slot");
                    }
                }
                release(); // granted in the meantime: pass it on
                throw new InterruptedException("interrupted waiting for a slot");
            }
        }
        return w.grantedAt;
    }

    /** Frees a slot, handing it straight to the oldest waiter if any. */
    public void release() {
        Waiter next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                busy--;
                return;
            }
            next.grantedAt = System.nanoTime();
            next.granted = true;
        }
        LockSupport.unpark(next.thread);
    }

    /** Number of requests waiting for a slot. */
    public synchronized int queued() {
        return waiting.size();
    }
}
