package io.chimeraforge.bench;

import io.chimeraforge.core.result.BenchResult;

/**
 * Progress callbacks. Methods are called from harness threads (request completions from I/O
 * threads), so implementations must be thread-safe and quick; an exception thrown here is logged
 * and ignored. All methods have empty defaults.
 */
public interface BenchListener {

    /**
     * A configuration is starting.
     *
     * @param index 0-based configuration index
     * @param total number of configurations in the run
     * @param label short description, e.g. {@code llama3.2:3b | ollama | Q4_K_M | ctx=2048}
     */
    default void configStarted(int index, int total, String label) {
    }

    /**
     * A request finished (warm-ups included, flagged by {@link RequestTimeline#warmup()}).
     *
     * @param timeline  the request's measurements
     * @param completed measured requests finished so far in this configuration
     * @param total     measured requests planned for this configuration
     */
    default void requestCompleted(RequestTimeline timeline, int completed, int total) {
    }

    /** A configuration finished; {@code result} is what goes into the file. */
    default void configFinished(int index, BenchResult result) {
    }
}
