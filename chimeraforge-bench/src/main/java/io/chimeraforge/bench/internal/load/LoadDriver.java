package io.chimeraforge.bench.internal.load;

import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.ErrorKind;
import io.chimeraforge.bench.InstanceMode;
import io.chimeraforge.bench.Prompt;
import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.Workload;
import io.chimeraforge.bench.internal.client.BackendProtocol;
import io.chimeraforge.bench.internal.client.GenerationParams;
import io.chimeraforge.bench.internal.client.Recorder;
import io.chimeraforge.bench.internal.client.StreamingCall;
import io.chimeraforge.bench.internal.http.HttpTransport;
import io.chimeraforge.bench.internal.http.WireRequest;
import io.chimeraforge.core.result.StatSummary;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers one configuration's load and collects its timelines. Each request runs on its own
 * stream thread, which writes it and reads the response with blocking I/O (timestamps are taken
 * by that thread as reads return). Closed-loop workers are long-lived stream threads issuing
 * requests back to back; the open loop's calling thread only paces the schedule (parking until
 * each absolute arrival time) and hands each arrival to a stream thread. A watchdog backs up the
 * deadlines the stream threads enforce on their own reads.
 *
 * <p>A duration limit bounds the whole configuration (warm-ups included): at the deadline no
 * request is started any more, requests waiting for a concurrency slot and requests in flight
 * are recorded as {@link ErrorKind#CANCELLED}, and {@link #run()} returns as soon as the aborted
 * streams have unwound. A failed warm-up aborts the configuration ({@link WarmupFailedException})
 * before any measured request is sent.
 */
public final class LoadDriver {

    /** What the open-loop generator achieved; lag and dispatch summarised over every arrival sent. */
    public record GeneratorStats(double requestedRate, double scheduledRate, double achievedRate, StatSummary lagMs,
            StatSummary dispatchMs) {
    }

    /**
     * Open-loop arrivals {@code [from, to)} that were still waiting for a concurrency slot when the
     * run stopped: recorded in bulk as cancelled, never sent. (At a deadline millions can be
     * waiting; one record keeps the stop within the deadline.)
     *
     * @param from   first arrival index
     * @param to     one past the last
     * @param reason why they were cancelled
     */
    public record UnsentRange(long from, long to, String reason) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(LoadDriver.class);

    private final HttpTransport transport;
    private final BackendProtocol protocol;
    private final BenchConfig config;
    private final RunSpec spec;
    private final List<URI> urls;
    private final ScheduledExecutorService watchdog;
    private final ExecutorService streams;
    private final LongSupplier clock;
    private final Consumer<RequestTimeline> onDone;
    private final Consumer<UnsentRange> onUnsent;
    private final AtomicBoolean cancelled;
    private final Set<StreamingCall> active = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean expired = new AtomicBoolean();
    private volatile Gate gate;
    private final Map<Long, WireRequest> requests = new ConcurrentHashMap<>();
    private GeneratorStats generator;

    /** A driver for one configuration; {@code streams} must be able to run as many threads as requests in flight. */
    public LoadDriver(HttpTransport transport, BackendProtocol protocol, BenchConfig config, RunSpec spec,
            ScheduledExecutorService watchdog, ExecutorService streams, LongSupplier clock,
            Consumer<RequestTimeline> onDone, Consumer<UnsentRange> onUnsent, AtomicBoolean cancelled) {
        this.transport = transport;
        this.protocol = protocol;
        this.config = config;
        this.spec = spec;
        this.urls = config.effectiveBaseUrls();
        this.watchdog = watchdog;
        this.streams = streams;
        this.clock = clock;
        this.onDone = onDone;
        this.onUnsent = onUnsent;
        this.cancelled = cancelled;
    }

    /** The open-loop generator's statistics (server workload only). */
    public java.util.Optional<GeneratorStats> generator() {
        return java.util.Optional.ofNullable(generator);
    }

    /** A warm-up request failed: the configuration is aborted before any measured request. */
    public static final class WarmupFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WarmupFailedException(String message) {
            super(message);
        }
    }

    /**
     * Runs warm-ups then the measured load; every measured request (finished, failed or
     * cancelled) has been passed to {@code onDone} when this returns.
     *
     * @throws WarmupFailedException when a warm-up request failed (nothing measured was sent)
     */
    public void run() {
        long tick = StreamingCall.sweepMillis(config.requestTimeout(), config.idleTimeout());
        ScheduledFuture<?> sweep = watchdog.scheduleAtFixedRate(this::enforceDeadlines, tick, tick, TimeUnit.MILLISECONDS);
        long start = clock.getAsLong();
        long deadline = config.duration().map(d -> start + d.toNanos()).orElse(Long.MAX_VALUE);
        ScheduledFuture<?> limit = deadline == Long.MAX_VALUE ? null
                : watchdog.schedule(this::expire, deadline - start, TimeUnit.NANOSECONDS);
        try {
            // Warm-ups go out in waves of the configuration's concurrency so every connection the
            // measured phase needs is already open (and the JIT has seen the code path).
            int wave = Math.max(1, config.workload() == Workload.SINGLE ? 1 : spec.concurrency());
            for (int i = 0; i < config.warmupRequests() && !stopped(); i += wave) {
                long now = clock.getAsLong();
                List<CompletableFuture<RequestTimeline>> batch = new ArrayList<>();
                for (int k = i; k < Math.min(config.warmupRequests(), i + wave); k++) {
                    batch.add(submit(k, true, now, k - i));
                }
                CompletableFuture.allOf(batch.toArray(new CompletableFuture[0])).join();
                for (CompletableFuture<RequestTimeline> f : batch) {
                    RequestTimeline t = f.join();
                    if (t.error().isPresent() && t.error().get().kind() != ErrorKind.CANCELLED) {
                        throw new WarmupFailedException("warm-up request " + (t.index() + 1) + " failed ("
                                + t.error().get().kind().name().toLowerCase(java.util.Locale.ROOT) + "): "
                                + t.error().get().message());
                    }
                }
            }
            switch (config.workload()) {
                case SINGLE -> closedLoop(1, deadline);
                case CONCURRENT -> closedLoop(spec.concurrency(), deadline);
                case BATCH -> batches(spec.concurrency(), deadline);
                case SERVER -> openLoop(deadline);
                default -> throw new IllegalStateException("unknown workload " + config.workload());
            }
        } finally {
            sweep.cancel(false);
            if (limit != null) {
                limit.cancel(false);
            }
        }
    }

    /** Aborts every request in flight and every queued one (run cancellation). */
    public void cancelAll() {
        stopAll("run cancelled");
    }

    private String stopReason() {
        return expired.get() ? "cancelled at the duration limit before it was sent" : "run cancelled before it was sent";
    }

    /** The duration limit passed: nothing more starts; queued and in-flight requests are cancelled. */
    private void expire() {
        expired.set(true);
        stopAll("cancelled at the duration limit (" + config.duration().map(d -> d.toMillis() / 1000.0).orElse(0.0)
                + " s)");
    }

    private void stopAll(String reason) {
        long now = clock.getAsLong();
        // The flag is set before this sweep, and execute() re-checks it after registering its
        // call, so every request is either seen here or sees the flag itself.
        for (StreamingCall call : active) {
            call.abort(now, ErrorKind.CANCELLED, reason);
        }
        Gate g = gate;
        if (g != null) {
            g.cancelQueued();
        }
    }

    private boolean stopped() {
        return cancelled.get() || expired.get();
    }

    private void closedLoop(int workers, long deadline) {
        AtomicLong next = new AtomicLong();
        long start = clock.getAsLong();
        long rampNanos = config.rampUp().map(java.time.Duration::toNanos).orElse(0L);
        List<CompletableFuture<Void>> all = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            long firstAt = start + rampNanos * w / workers;
            all.add(CompletableFuture.runAsync(() -> {
                long now;
                while ((now = clock.getAsLong()) < firstAt && !cancelled.get()) {
                    LockSupport.parkNanos(firstAt - now);
                }
                // A worker issues its next request the moment the previous one ends, on the same
                // thread: no hand-off between the end of one request and the send of the next.
                while (true) {
                    now = clock.getAsLong();
                    long index = next.getAndIncrement();
                    if (index >= config.runs() || now >= deadline || stopped()) {
                        return;
                    }
                    execute(index, false, now, now, worker);
                }
            }, streams));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
    }

    private void batches(int size, long deadline) {
        long index = 0;
        while (index < config.runs() && clock.getAsLong() < deadline && !stopped()) {
            long waveStart = clock.getAsLong();
            List<CompletableFuture<RequestTimeline>> wave = new ArrayList<>();
            for (int k = 0; k < size && index < config.runs(); k++, index++) {
                wave.add(submit(index, false, waveStart, k));
            }
            CompletableFuture.allOf(wave.toArray(new CompletableFuture[0])).join();
        }
    }

    private void openLoop(long deadline) {
        double rate = spec.rate().orElse(1.0);
        long t0 = clock.getAsLong();
        long limit = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - t0);
        long[] offsets = ArrivalSchedule.offsets(config.arrival(), rate, config.burstiness(), config.seed(),
                config.runs(), limit);
        Gate gate = new Gate(spec.concurrency(), t0, offsets);
        this.gate = gate;
        // Bounded per arrival: exact up to Series.EXACT_LIMIT values, an HdrHistogram beyond.
        Series lag = new Series();
        Series dispatch = new Series();
        long firstSend = 0;
        long lastSend = 0;
        int sent = 0;
        for (int i = 0; i < offsets.length && !stopped(); i++) {
            long target = t0 + offsets[i];
            long now;
            while ((now = clock.getAsLong()) < target && !stopped()) {
                LockSupport.parkNanos(target - now);
            }
            if (stopped()) {
                break;
            }
            lag.add((now - target) / 1e6);
            if (i == 0) {
                firstSend = now;
            }
            lastSend = now;
            sent++;
            gate.submit(i);
            dispatch.add((clock.getAsLong() - now) / 1e6);
        }
        gate.awaitIdle();
        double scheduledRate = offsets.length > 1 ? (offsets.length - 1) / (offsets[offsets.length - 1] / 1e9) : rate;
        double achieved = sent > 1 && lastSend > firstSend ? (sent - 1) / ((lastSend - firstSend) / 1e9) : rate;
        generator = new GeneratorStats(rate, scheduledRate, achieved, lag.summary(), dispatch.summary());
    }

    /**
     * A FIFO in-flight cap for the open loop; 0 permits = unlimited. Queue wait = dispatch −
     * schedule. Arrivals are submitted in index order and served first come first served, so the
     * waiting requests are always a range of arrival indices {@code [head, tail)}: two longs,
     * however many wait. A stream thread that finishes a request takes the next waiting one
     * itself, so a queued request starts without a thread hand-off.
     */
    private final class Gate {
        private final int permits;
        private final long t0;
        private final long[] offsets;
        private int inFlight;
        private int head;
        private int tail;

        Gate(int permits, long t0, long[] offsets) {
            this.permits = permits;
            this.t0 = t0;
            this.offsets = offsets;
        }

        void submit(int index) {
            boolean start;
            synchronized (this) {
                start = permits == 0 || inFlight < permits;
                if (start) {
                    inFlight++;
                } else {
                    if (head == tail) {
                        head = index;
                    }
                    tail = index + 1;
                }
            }
            if (start) {
                streams.execute(() -> drain(index));
            }
        }

        private void run(int index) {
            execute(index, false, t0 + offsets[index], clock.getAsLong(), index);
        }

        private void drain(int first) {
            int next = first;
            while (next >= 0) {
                try {
                    run(next);
                } finally {
                    synchronized (this) {
                        if (head < tail) {
                            next = head++;
                        } else {
                            next = -1;
                            inFlight--;
                            notifyAll();
                        }
                    }
                }
            }
        }

        /** Records every request still waiting for a slot as cancelled (in one record), without sending it. */
        void cancelQueued() {
            int from;
            int to;
            synchronized (this) {
                from = head;
                to = tail;
                head = tail;
                // Counted as in flight until recorded, so awaitIdle() waits for their record.
                inFlight++;
            }
            try {
                if (to > from) {
                    onUnsent.accept(new UnsentRange(from, to, stopReason()));
                }
            } catch (RuntimeException e) {
                LOG.debug("cancelled-range callback failed", e);
            } finally {
                synchronized (this) {
                    inFlight--;
                    notifyAll();
                }
            }
        }

        /**
         * Waits until no request is in flight or queued. An interrupt of the waiting thread
         * cancels the load (queued and in-flight requests), then the wait finishes, so the
         * records are complete.
         */
        void awaitIdle() {
            boolean interrupted = false;
            while (true) {
                synchronized (this) {
                    if (inFlight == 0 && head == tail) {
                        break;
                    }
                    try {
                        wait(100);
                        continue;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                cancelled.set(true);
                stopAll("run interrupted");
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int instanceFor(long index, int worker) {
        if (urls.size() == 1) {
            return 0;
        }
        long key = config.instanceMode() == InstanceMode.PER_WORKER && config.workload() != Workload.SERVER
                ? worker : index;
        return (int) Math.floorMod(key, (long) urls.size());
    }

    private String promptFor(long index, boolean warmup) {
        List<Prompt> prompts = config.prompts();
        String text = prompts.get((int) Math.floorMod(index, (long) prompts.size())).text();
        if (config.uniquePrefix()) {
            text = "[request " + (warmup ? "w" : "") + index + "] " + text;
        }
        return text;
    }

    /**
     * The HTTP request for request {@code index}. Requests are immutable, so without unique
     * prefixes each (instance, prompt) pair is built once: JSON serialisation then stays off the
     * open-loop pacing thread, whose every microsecond is schedule lag at high rates.
     */
    private WireRequest requestFor(long index, boolean warmup, int instance) {
        if (config.uniquePrefix()) {
            return buildRequest(promptFor(index, warmup), instance);
        }
        int prompt = (int) Math.floorMod(index, (long) config.prompts().size());
        return requests.computeIfAbsent((long) instance * config.prompts().size() + prompt,
                k -> buildRequest(config.prompts().get(prompt).text(), instance));
    }

    private WireRequest buildRequest(String prompt, int instance) {
        GenerationParams params = new GenerationParams(spec.model(), prompt, config.chat(),
                config.maxTokens(), config.ignoreEos(), config.temperature(),
                config.samplingSeed().map(OptionalLong::of).orElse(OptionalLong.empty()),
                protocol.appliesContextLength() && !spec.options().containsKey("num_ctx")
                        ? OptionalInt.of(spec.contextLength()) : OptionalInt.empty(),
                spec.options(), config.continuousUsage());
        return protocol.request(urls.get(instance), params);
    }

    /** Runs one request on a stream thread; the future never completes exceptionally. */
    private CompletableFuture<RequestTimeline> submit(long index, boolean warmup, long scheduled, int worker) {
        return CompletableFuture.supplyAsync(() -> execute(index, warmup, scheduled, clock.getAsLong(), worker), streams);
    }

    /** Runs one request on this thread and returns its timeline (failures are timelines, never exceptions). */
    RequestTimeline execute(long index, boolean warmup, long scheduled, long dispatched, int worker) {
        int instance = instanceFor(index, worker);
        Recorder recorder = new Recorder(index, warmup, instance, scheduled, dispatched);
        StreamingCall call = new StreamingCall(protocol, recorder, clock);
        RequestTimeline t;
        active.add(call);
        if (stopped()) {
            active.remove(call);
            recorder.fail(dispatched, ErrorKind.CANCELLED, stopReason());
            t = recorder.result().join();
        } else {
            try {
                t = call.run(transport, requestFor(index, warmup, instance), config.requestTimeout(),
                        config.idleTimeout());
            } catch (RuntimeException e) {
                recorder.fail(clock.getAsLong(), ErrorKind.TRANSPORT, e.toString());
                t = recorder.result().join();
            } finally {
                active.remove(call);
            }
        }
        try {
            onDone.accept(t);
        } catch (RuntimeException e) {
            // A failing listener or checkpoint must not take the measurement down with it.
            LOG.debug("request completion callback failed", e);
        }
        return t;
    }

    private void enforceDeadlines() {
        long now = clock.getAsLong();
        for (StreamingCall call : active) {
            call.enforceDeadlines(now, config.requestTimeout(), config.idleTimeout());
        }
    }
}
