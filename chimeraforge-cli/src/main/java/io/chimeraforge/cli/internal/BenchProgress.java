package io.chimeraforge.cli.internal;

import io.chimeraforge.bench.BenchListener;
import io.chimeraforge.bench.ErrorKind;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.core.result.BenchResult;
import java.io.PrintStream;

/**
 * The live progress line of {@code bench} on an interactive stderr: redrawn in place (carriage
 * return) at most ten times a second, ended with a newline when a configuration finishes.
 */
public final class BenchProgress implements BenchListener {

    private static final long MIN_REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private String label = "";
    private int config;
    private int configs;
    private int completed;
    private int planned;
    private int failed;
    private int cancelled;
    private long lastDraw = Long.MIN_VALUE;
    private int drawnWidth;
    private boolean open;

    /** Progress drawn on {@code err}. */
    public BenchProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void configStarted(int index, int total, String configLabel) {
        endLine();
        label = configLabel;
        config = index;
        configs = total;
        completed = 0;
        failed = 0;
        cancelled = 0;
        planned = 0;
        draw(true);
    }

    @Override
    public synchronized void requestCompleted(RequestTimeline timeline, int done, int total) {
        if (timeline.warmup()) {
            return;
        }
        completed = Math.max(completed, done);
        planned = total;
        if (timeline.error().isPresent()) {
            if (timeline.error().get().kind() == ErrorKind.CANCELLED) {
                cancelled++;
            } else {
                failed++;
            }
        }
        draw(false);
    }

    @Override
    public synchronized void configFinished(int index, BenchResult result) {
        draw(true);
        endLine();
    }

    /** Ends an open line (the run is over, or it failed). */
    public synchronized void close() {
        endLine();
    }

    private void draw(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < MIN_REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        String text = "[" + (config + 1) + "/" + configs + "] " + label + "  " + completed
                + (planned > 0 ? "/" + planned : "") + " requests" + (failed > 0 ? ", " + failed + " failed" : "")
                + (cancelled > 0 ? ", " + cancelled + " cancelled" : "");
        StringBuilder line = new StringBuilder("\r").append(text);
        for (int i = text.length(); i < drawnWidth; i++) {
            line.append(' ');
        }
        drawnWidth = text.length();
        err.print(line);
        err.flush();
        open = true;
    }

    private void endLine() {
        if (open) {
            err.println();
            open = false;
        }
    }
}
