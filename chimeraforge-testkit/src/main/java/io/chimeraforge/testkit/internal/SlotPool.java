package io.chimeraforge.testkit.internal;

import java.util.ArrayDeque;

/**
 * The mock's continuous-batching capacity model: {@code slots} requests generate at once; later
 * ones wait in FIFO order and start the moment a slot frees. Zero slots means unlimited.
 */
public final class SlotPool {

    private final int slots;
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private int busy;

    /** A pool with {@code slots} slots (0 = unlimited). */
    public SlotPool(int slots) {
        if (slots < 0) {
            throw new IllegalArgumentException("slots must be >= 0 (0 = unlimited), got " + slots);
        }
        this.slots = slots;
    }

    /** Runs {@code onSlot} now if a slot is free, otherwise when one frees (on the releasing thread). */
    public void acquire(Runnable onSlot) {
        synchronized (this) {
            if (slots != 0 && busy >= slots) {
                waiting.addLast(onSlot);
                return;
            }
            busy++;
        }
        onSlot.run();
    }

    /** Frees a slot, handing it straight to the next waiter if any. */
    public void release() {
        Runnable next;
        synchronized (this) {
            next = waiting.pollFirst();
            if (next == null) {
                busy--;
                return;
            }
        }
        next.run();
    }

    /** Number of requests waiting for a slot. */
    public synchronized int queued() {
        return waiting.size();
    }
}
