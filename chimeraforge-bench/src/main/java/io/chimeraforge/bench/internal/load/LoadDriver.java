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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Offers one configuration's load and collects its timelines. Requests are asynchronous; the
 * calling thread only paces the open-loop schedule (parking until each absolute arrival time) or
 * waits. A watchdog enforces the whole-request and idle deadlines, which the JDK client's request
 * timeout does not cover once headers have arrived.
 */
public final class LoadDriver {

    /** What the open-loop generator achieved. */
    public record GeneratorStats(double requestedRate, double scheduledRate, double achievedRate, double[] lagMs,
            double[] dispatchMs) {
    }

    private final HttpClient client;
    private final BackendProtocol protocol;
    private final BenchConfig config;
    private final RunSpec spec;
    private final List<URI> urls;
    private final ScheduledExecutorService watchdog;
    private final Executor callbacks;
    private final LongSupplier clock;
    private final Consumer<RequestTimeline> onDone;
    private final AtomicBoolean cancelled;
    private final Set<StreamingCall> active = ConcurrentHashMap.newKeySet();
    private final List<RequestTimeline> measured = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, HttpRequest> requests = new ConcurrentHashMap<>();
    private GeneratorStats generator;

    /** A driver for one configuration. */
    public LoadDriver(HttpClient client, BackendProtocol protocol, BenchConfig config, RunSpec spec,
            ScheduledExecutorService watchdog, Executor callbacks, LongSupplier clock,
            Consumer<RequestTimeline> onDone, AtomicBoolean cancelled) {
        this.client = client;
        this.protocol = protocol;
        this.config = config;
        this.spec = spec;
        this.urls = config.effectiveBaseUrls();
        this.watchdog = watchdog;
        this.callbacks = callbacks;
        this.clock = clock;
        this.onDone = onDone;
        this.cancelled = cancelled;
    }

    /** The open-loop generator's statistics (server workload only). */
    public java.util.Optional<GeneratorStats> generator() {
        return java.util.Optional.ofNullable(generator);
    }

    /** Runs warm-ups then the measured load; returns measured timelines in request order. */
    public List<RequestTimeline> run() {
        long tick = Math.max(2, Math.min(100, Math.min(config.idleTimeout().toMillis(), config.requestTimeout().toMillis()) / 10));
        ScheduledFuture<?> sweep = watchdog.scheduleAtFixedRate(this::enforceDeadlines, tick, tick, TimeUnit.MILLISECONDS);
        try {
            // Warm-ups go out in waves of the configuration's concurrency so every connection the
            // measured phase needs is already open (and the JIT has seen the code path).
            int wave = Math.max(1, config.workload() == Workload.SINGLE ? 1 : spec.concurrency());
            for (int i = 0; i < config.warmupRequests() && !cancelled.get(); i += wave) {
                long now = clock.getAsLong();
                List<CompletableFuture<RequestTimeline>> batch = new ArrayList<>();
                for (int k = i; k < Math.min(config.warmupRequests(), i + wave); k++) {
                    batch.add(dispatch(k, true, now, now, k - i));
                }
                CompletableFuture.allOf(batch.toArray(new CompletableFuture[0])).join();
            }
            switch (config.workload()) {
                case SINGLE -> closedLoop(1);
                case CONCURRENT -> closedLoop(spec.concurrency());
                case BATCH -> batches(spec.concurrency());
                case SERVER -> openLoop();
                default -> throw new IllegalStateException("unknown workload " + config.workload());
            }
        } finally {
            sweep.cancel(false);
        }
        List<RequestTimeline> out;
        synchronized (measured) {
            out = new ArrayList<>(measured);
        }
        out.sort((a, b) -> Long.compare(a.index(), b.index()));
        return out;
    }

    /** Aborts every request in flight (run cancellation). */
    public void cancelAll() {
        long now = clock.getAsLong();
        for (StreamingCall call : active) {
            call.abort(now, ErrorKind.CANCELLED, "run cancelled");
        }
    }

    private long deadlineNanos() {
        return config.duration().map(d -> clock.getAsLong() + d.toNanos()).orElse(Long.MAX_VALUE);
    }

    private void closedLoop(int workers) {
        long deadline = deadlineNanos();
        AtomicLong next = new AtomicLong();
        AtomicInteger running = new AtomicInteger(workers);
        CompletableFuture<Void> allDone = new CompletableFuture<>();
        for (int w = 0; w < workers; w++) {
            worker(w, next, deadline, running, allDone);
        }
        allDone.join();
    }

    private void worker(int worker, AtomicLong next, long deadline, AtomicInteger running, CompletableFuture<Void> allDone) {
        long now = clock.getAsLong();
        long index = next.getAndIncrement();
        if (index >= config.runs() || now >= deadline || cancelled.get()) {
            if (running.decrementAndGet() == 0) {
                allDone.complete(null);
            }
            return;
        }
        // Async continuation: a quickly failing request must not recurse on this stack.
        dispatch(index, false, now, now, worker)
                .whenCompleteAsync((t, e) -> worker(worker, next, deadline, running, allDone), callbacks);
    }

    private void batches(int size) {
        long deadline = deadlineNanos();
        long index = 0;
        while (index < config.runs() && clock.getAsLong() < deadline && !cancelled.get()) {
            long waveStart = clock.getAsLong();
            List<CompletableFuture<RequestTimeline>> wave = new ArrayList<>();
            for (int k = 0; k < size && index < config.runs(); k++, index++) {
                wave.add(dispatch(index, false, waveStart, waveStart, k));
            }
            CompletableFuture.allOf(wave.toArray(new CompletableFuture[0])).join();
        }
    }

    private void openLoop() {
        double rate = spec.rate().orElse(1.0);
        long limit = config.duration().map(d -> d.toNanos()).orElse(Long.MAX_VALUE);
        long[] offsets = ArrivalSchedule.offsets(config.arrival(), rate, config.burstiness(), config.seed(),
                config.runs(), limit);
        Gate gate = new Gate(spec.concurrency());
        double[] lag = new double[offsets.length];
        double[] dispatch = new double[offsets.length];
        List<CompletableFuture<RequestTimeline>> all = new ArrayList<>(offsets.length);
        long t0 = clock.getAsLong();
        long firstSend = 0;
        long lastSend = 0;
        int sent = 0;
        for (int i = 0; i < offsets.length && !cancelled.get(); i++) {
            long target = t0 + offsets[i];
            long now;
            while ((now = clock.getAsLong()) < target) {
                LockSupport.parkNanos(target - now);
            }
            lag[i] = (now - target) / 1e6;
            if (i == 0) {
                firstSend = now;
            }
            lastSend = now;
            sent++;
            all.add(gate.submit(i, target));
            dispatch[i] = (clock.getAsLong() - now) / 1e6;
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).join();
        double scheduledRate = offsets.length > 1 ? (offsets.length - 1) / (offsets[offsets.length - 1] / 1e9) : rate;
        double achieved = sent > 1 && lastSend > firstSend ? (sent - 1) / ((lastSend - firstSend) / 1e9) : rate;
        generator = new GeneratorStats(rate, scheduledRate, achieved, java.util.Arrays.copyOf(lag, sent),
                java.util.Arrays.copyOf(dispatch, sent));
    }

    /** A FIFO in-flight cap for the open loop; 0 permits = unlimited. Queue wait = dispatch − schedule. */
    private final class Gate {
        private final int permits;
        private int inFlight;
        private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

        Gate(int permits) {
            this.permits = permits;
        }

        CompletableFuture<RequestTimeline> submit(long index, long scheduled) {
            CompletableFuture<RequestTimeline> out = new CompletableFuture<>();
            Runnable go = () -> {
                long now = clock.getAsLong();
                dispatch(index, false, scheduled, now, (int) index).whenComplete((t, e) -> {
                    release();
                    if (e != null) {
                        out.completeExceptionally(e);
                    } else {
                        out.complete(t);
                    }
                });
            };
            boolean now;
            synchronized (this) {
                now = permits == 0 || inFlight < permits;
                if (now) {
                    inFlight++;
                } else {
                    waiting.addLast(go);
                }
            }
            if (now) {
                go.run();
            }
            return out;
        }

        private void release() {
            Runnable next;
            synchronized (this) {
                next = waiting.pollFirst();
                if (next == null) {
                    inFlight--;
                    return;
                }
            }
            if (cancelled.get()) {
                // Drain without sending: the run is over.
                callbacks.execute(next);
                return;
            }
            callbacks.execute(next);
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
    private HttpRequest requestFor(long index, boolean warmup, int instance) {
        if (config.uniquePrefix()) {
            return buildRequest(promptFor(index, warmup), instance);
        }
        int prompt = (int) Math.floorMod(index, (long) config.prompts().size());
        return requests.computeIfAbsent((long) instance * config.prompts().size() + prompt,
                k -> buildRequest(config.prompts().get(prompt).text(), instance));
    }

    private HttpRequest buildRequest(String prompt, int instance) {
        GenerationParams params = new GenerationParams(spec.model(), prompt, config.chat(),
                config.maxTokens(), config.ignoreEos(), config.temperature(),
                config.samplingSeed().map(OptionalLong::of).orElse(OptionalLong.empty()),
                protocol.appliesContextLength() && !spec.options().containsKey("num_ctx")
                        ? OptionalInt.of(spec.contextLength()) : OptionalInt.empty(),
                spec.options(), config.continuousUsage());
        return protocol.request(urls.get(instance), params, config.requestTimeout());
    }

    /** Sends one request now; the future never completes exceptionally (failures are timelines). */
    CompletableFuture<RequestTimeline> dispatch(long index, boolean warmup, long scheduled, long dispatched, int worker) {
        int instance = instanceFor(index, worker);
        Recorder recorder = new Recorder(index, warmup, instance, scheduled, dispatched);
        StreamingCall call = new StreamingCall(protocol, recorder, clock);
        if (cancelled.get()) {
            recorder.fail(dispatched, ErrorKind.CANCELLED, "run cancelled");
            return recorder.result();
        }
        active.add(call);
        CompletableFuture<RequestTimeline> result;
        try {
            result = call.start(client, requestFor(index, warmup, instance));
        } catch (RuntimeException e) {
            recorder.fail(clock.getAsLong(), ErrorKind.TRANSPORT, e.toString());
            result = recorder.result();
        }
        return result.whenComplete((t, e) -> {
            active.remove(call);
            if (t != null) {
                if (!t.warmup()) {
                    measured.add(t);
                }
                onDone.accept(t);
            }
        });
    }

    private void enforceDeadlines() {
        long now = clock.getAsLong();
        for (StreamingCall call : active) {
            call.enforceDeadlines(now, config.requestTimeout(), config.idleTimeout());
        }
    }
}
