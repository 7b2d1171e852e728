package io.chimeraforge.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.bench.internal.EnvironmentProbe;
import io.chimeraforge.bench.internal.client.BackendProtocol;
import io.chimeraforge.bench.internal.client.Preflight;
import io.chimeraforge.bench.internal.http.HttpTransport;
import io.chimeraforge.bench.internal.http.StreamThreads;
import io.chimeraforge.bench.internal.load.Aggregator;
import io.chimeraforge.bench.internal.load.LoadDriver;
import io.chimeraforge.bench.internal.load.RunSpec;
import io.chimeraforge.bench.internal.load.Scaling;
import io.chimeraforge.bench.internal.QuantResolver;
import io.chimeraforge.bench.result.BenchResult;
import io.chimeraforge.bench.result.BenchResultFiles;
import io.chimeraforge.bench.result.Environment;
import io.chimeraforge.core.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a streaming load benchmark against a live inference server and returns (and optionally
 * writes) results in the reference's file schema plus added metrics.
 *
 * <pre>{@code
 * BenchReport report = BenchRunner.of(BenchConfig.builder()
 *         .model("llama3.2:3b").backend(Backend.OLLAMA)
 *         .workload(Workload.SERVER).rate(4.0).runs(200).maxTokens(128)
 *         .outputDir(Path.of("results")).build())
 *     .listener(myProgress)
 *     .run();
 * }</pre>
 *
 * <p>One HTTP/1.1 client with pooled keep-alive connections serves the whole run (never an
 * {@code h2c} upgrade, which breaks uvicorn, Ollama and llama.cpp); each request in flight has a
 * thread of its own that writes it and timestamps every read of the response as it returns. Each configuration runs pre-flight checks (unless disabled),
 * warm-up requests (excluded), then the measured load. The result file is rewritten atomically
 * while the run progresses, so an interrupted run leaves a valid file holding every finished
 * request. A runner is single-use.
 */
public final class BenchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BenchRunner.class);

    private final BenchConfig config;
    private BenchListener listener = new BenchListener() { };
    private LongSupplier nanoTime = System::nanoTime;
    private Clock wallClock = Clock.systemUTC();
    private boolean captureGpu = true;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicReference<LoadDriver> currentDriver = new AtomicReference<>();
    private volatile Map<String, String> resolvedQuantTags;

    private BenchRunner(BenchConfig config) {
        this.config = config;
    }

    /** A runner for {@code config}. */
    public static BenchRunner of(BenchConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new BenchRunner(config);
    }

    /** Progress callbacks (default: none). */
    public BenchRunner listener(BenchListener value) {
        this.listener = java.util.Objects.requireNonNull(value, "listener");
        return this;
    }

    /** Monotonic nanosecond clock (default {@link System#nanoTime()}); for tests. */
    public BenchRunner nanoTime(LongSupplier value) {
        this.nanoTime = java.util.Objects.requireNonNull(value, "nanoTime");
        return this;
    }

    /** Wall clock for result timestamps (default UTC system clock). */
    public BenchRunner wallClock(Clock value) {
        this.wallClock = java.util.Objects.requireNonNull(value, "wallClock");
        return this;
    }

    /** Whether to query {@code nvidia-smi} for GPU metadata (default true). */
    public BenchRunner captureGpu(boolean value) {
        this.captureGpu = value;
        return this;
    }

    /**
     * Stops the run from another thread (e.g. a Ctrl-C hook): no new requests are sent, requests
     * in flight are aborted, and {@link #run()} returns (and writes) what finished, with
     * {@link BenchReport#cancelled()} true.
     */
    public void cancel() {
        cancelled.set(true);
        LoadDriver d = currentDriver.get();
        if (d != null) {
            d.cancelAll();
        }
    }

    /**
     * The configurations a run will execute, in order (sweeps expanded). With quant levels
     * resolved from the server, the levels are known only once {@link #run()} has queried it;
     * before that the quant dimension shows as the model itself.
     */
    public List<String> plannedLabels() {
        return expand().stream().map(s -> label(s)).toList();
    }

    private String label(RunSpec s) {
        return s.model() + " | " + config.backend().id() + " | " + s.quant().orElse("default") + " | ctx="
                + s.contextLength() + (s.sweep().isEmpty() ? "" : " | " + s.sweep());
    }

    private List<RunSpec> expand() {
        Map<String, String> quantTags = resolvedQuantTags != null ? resolvedQuantTags : config.quantTags();
        List<Map.Entry<Optional<String>, String>> quants = new ArrayList<>();
        if (quantTags.isEmpty()) {
            quants.add(Map.entry(config.quant(), config.model()));
        } else {
            quantTags.forEach((level, tag) -> quants.add(Map.entry(Optional.of(level), tag)));
        }
        List<Integer> concurrencies = config.concurrencies().isEmpty()
                ? List.of(config.workload().defaultConcurrency()) : config.concurrencies();
        List<Double> rates = config.rates().isEmpty()
                ? (config.workload() == Workload.SERVER ? List.of(config.workload().defaultRate().orElse(1.0)) : List.of(-1.0))
                : config.rates();
        List<Map<String, Object>> optionSets = new ArrayList<>();
        optionSets.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Object>> sweep : config.optionSweeps().entrySet()) {
            List<Map<String, Object>> next = new ArrayList<>();
            for (Map<String, Object> base : optionSets) {
                for (Object v : sweep.getValue()) {
                    Map<String, Object> m = new LinkedHashMap<>(base);
                    m.put(sweep.getKey(), v);
                    next.add(m);
                }
            }
            optionSets = next;
        }
        List<RunSpec> out = new ArrayList<>();
        for (Map.Entry<Optional<String>, String> q : quants) {
            for (int ctx : config.contextLengths()) {
                for (int c : concurrencies) {
                    for (double rate : rates) {
                        for (Map<String, Object> swept : optionSets) {
                            Map<String, Object> options = new LinkedHashMap<>(config.options());
                            options.putAll(swept);
                            Map<String, Object> sweep = new LinkedHashMap<>(swept);
                            if (config.concurrencies().size() > 1) {
                                sweep.put("concurrency", c);
                            }
                            if (config.rates().size() > 1) {
                                sweep.put("rate", rate);
                            }
                            int concurrency = config.workload() == Workload.SINGLE ? 1 : c;
                            out.add(new RunSpec(q.getValue(), q.getKey(), ctx, concurrency,
                                    rate > 0 ? OptionalDouble.of(rate) : OptionalDouble.empty(), options, sweep));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Runs every configuration and returns the results.
     *
     * @throws BenchException PREFLIGHT when a health/model check fails, ALL_FAILED when every
     *                        measured request of a configuration failed (the file is still
     *                        written with what was measured), IO when the file cannot be written
     */
    public BenchReport run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a BenchRunner runs once; create a new one");
        }
        BackendProtocol protocol = BackendProtocol.forName(config.backend().id(), config.headers());
        AtomicInteger threadIds = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "chimeraforge-bench-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ExecutorService http = StreamThreads.newPool("chimeraforge-bench-stream");
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, daemons);
        ExecutorService writer = Executors.newSingleThreadExecutor(daemons);
        HttpTransport client = HttpTransport.forConfig(config, nanoTime);
        Optional<Path> file = config.outputFile().or(() -> config.outputDir()
                .map(d -> d.resolve(BenchResultFiles.fileName(BenchResultFiles.isoTimestamp(wallClock.instant())))));
        Optional<Path> log = config.writeRequestLog()
                ? file.map(f -> f.resolveSibling(f.getFileName().toString().replaceFirst("\\.json$", "") + ".requests.jsonl"))
                : Optional.empty();
        Checkpoints checkpoints = new Checkpoints(file, timers, writer);
        List<ConfigResult> done = new ArrayList<>();
        BenchException failure = null;
        try (RequestLog requestLog = new RequestLog(log)) {
            if (config.resolvesQuantsFromServer()) {
                resolvedQuantTags = resolveQuants(protocol, client);
            }
            List<RunSpec> specs = expand();
            EnvironmentProbe.Gpu gpu = captureGpu ? EnvironmentProbe.gpu()
                    : new EnvironmentProbe.Gpu(Optional.empty(), Optional.empty(), Optional.empty());
            for (int i = 0; i < specs.size() && !cancelled.get(); i++) {
                RunSpec spec = specs.get(i);
                listener.configStarted(i, specs.size(), label(spec));
                ConfigResult raw = runConfig(i, spec, protocol, client, http, timers, gpu, checkpoints, done, requestLog);
                done.add(raw);
                // Scaling figures need sibling configurations (the one-agent baseline may come later in the
                // sweep), so every finished result is recomputed as configurations complete.
                List<BenchResult> scaled = Scaling.apply(done.stream().map(ConfigResult::result).toList(), specs,
                        config.workload(), config.baselineTps());
                for (int j = 0; j < done.size(); j++) {
                    done.set(j, new ConfigResult(scaled.get(j), done.get(j).timelines()));
                }
                ConfigResult result = done.get(done.size() - 1);
                checkpoints.completed(scaled);
                safely(() -> listener.configFinished(done.size() - 1, result.result()));
                if (result.result().aggregate().count() == 0 && !result.timelines().isEmpty() && !cancelled.get()) {
                    List<String> fails = result.result().warnings().stream().filter(w -> w.startsWith("Run ")).limit(3).toList();
                    failure = new BenchException(BenchException.Kind.ALL_FAILED, "All " + config.runs()
                            + " benchmark runs failed. Errors: " + String.join("; ", fails));
                    break;
                }
            }
            checkpoints.flushNow();
        } catch (IOException e) {
            throw new BenchException(BenchException.Kind.IO, "cannot write the request log: " + e.getMessage(), e);
        } finally {
            timers.shutdownNow();
            writer.shutdown();
            try {
                writer.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            http.shutdownNow();
            client.close();
        }
        if (checkpoints.error != null) {
            throw new BenchException(BenchException.Kind.IO, "cannot write results to " + file.orElse(null) + ": "
                    + checkpoints.error.getMessage(), checkpoints.error);
        }
        if (failure != null) {
            throw failure;
        }
        return new BenchReport(done, file, log, cancelled.get());
    }

    /** Resolves quant levels to tags from the first instance's model list; fails loud on any missing level. */
    private Map<String, String> resolveQuants(BackendProtocol protocol, HttpTransport client) {
        URI url = config.effectiveBaseUrls().get(0);
        Preflight health = protocol.health(client, url);
        if (!health.ok()) {
            throw new BenchException(BenchException.Kind.PREFLIGHT, health.message());
        }
        QuantResolver.Resolution r = QuantResolver.resolve(config.model(), protocol.listModels(client, url),
                config.quantLevels());
        String available = r.available().isEmpty() ? "none" : String.join(", ", r.available());
        if (!r.missing().isEmpty()) {
            throw new BenchException(BenchException.Kind.PREFLIGHT, "Quant level(s) not available for " + config.model()
                    + " at " + url + ": " + String.join(", ", r.missing()) + " (available: " + available + ")");
        }
        if (r.tags().isEmpty()) {
            throw new BenchException(BenchException.Kind.PREFLIGHT, "No quantized tags of " + config.model() + " at " + url
                    + " (tags with a quant suffix such as " + config.model() + "-q4_K_M); pull some or pass --quant-tag LEVEL=TAG");
        }
        return r.tags();
    }

    private ConfigResult runConfig(int configIndex, RunSpec spec, BackendProtocol protocol, HttpTransport client,
            ExecutorService http, ScheduledExecutorService timers, EnvironmentProbe.Gpu gpu, Checkpoints checkpoints,
            List<ConfigResult> done, RequestLog requestLog) {
        List<URI> urls = config.effectiveBaseUrls();
        Map<String, String> details = Map.of();
        Optional<String> version = Optional.empty();
        if (config.preflight()) {
            for (URI url : urls) {
                Preflight health = protocol.health(client, url);
                if (!health.ok()) {
                    throw new BenchException(BenchException.Kind.PREFLIGHT, health.message());
                }
                Preflight model = protocol.checkModel(client, url, spec.model());
                if (!model.ok()) {
                    throw new BenchException(BenchException.Kind.PREFLIGHT, model.message());
                }
            }
            version = protocol.version(client, urls.get(0));
            details = protocol.modelDetails(client, urls.get(0), spec.model());
        }
        RunSpec effective = spec;
        if (spec.quant().isEmpty() && config.autoLabelQuant() && details.containsKey("quantization_level")) {
            effective = new RunSpec(spec.model(), Optional.of(details.get("quantization_level")), spec.contextLength(),
                    spec.concurrency(), spec.rate(), spec.options(), spec.sweep());
        }
        List<String> pre = new ArrayList<>();
        if (config.ignoreEos() && !protocol.supportsIgnoreEos()) {
            pre.add("ignore_eos is not supported by " + protocol.name() + "; output length may be shorter than max_tokens.");
        }
        Environment env = EnvironmentProbe.capture(gpu, protocol.name(), version);
        List<RequestTimeline> live = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger completed = new AtomicInteger();
        RunSpec fixed = effective;
        Map<String, String> fixedDetails = details;
        AtomicReference<LoadDriver> driverRef = new AtomicReference<>();
        java.util.function.Supplier<BenchResult> partial = () -> {
            List<RequestTimeline> copy;
            synchronized (live) {
                copy = new ArrayList<>(live);
            }
            copy.sort((a, b) -> Long.compare(a.index(), b.index()));
            return Aggregator.build(copy, context(fixed, env, true, Optional.empty(), fixedDetails, pre, protocol));
        };
        LoadDriver driver = new LoadDriver(client, protocol, config, effective, timers, http, nanoTime, t -> {
            if (!t.warmup()) {
                live.add(t);
            }
            int n = t.warmup() ? completed.get() : completed.incrementAndGet();
            requestLog.write(configIndex, t);
            safely(() -> listener.requestCompleted(t, n, config.runs()));
            checkpoints.progress(done, partial);
        }, cancelled);
        driverRef.set(driver);
        currentDriver.set(driver);
        List<RequestTimeline> timelines = driver.run();
        currentDriver.set(null);
        BenchResult result = Aggregator.build(timelines, context(effective, env, cancelled.get(), driver.generator(),
                details, pre, protocol));
        return new ConfigResult(result, timelines);
    }

    private Aggregator.Context context(RunSpec spec, Environment env, boolean partial,
            Optional<LoadDriver.GeneratorStats> generator, Map<String, String> details, List<String> pre,
            BackendProtocol protocol) {
        return new Aggregator.Context(config, spec, protocol.name(), env,
                BenchResultFiles.isoTimestamp(wallClock.instant()), partial, generator, details, pre,
                protocol.name().equals("ollama"));
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("bench listener threw; ignored", e);
        }
    }

    /** Debounced, atomic rewrites of the result file on a single writer thread. */
    private final class Checkpoints {
        private final Optional<Path> file;
        private final ScheduledExecutorService timers;
        private final ExecutorService writer;
        private final List<BenchResult> completed = Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean pending = new AtomicBoolean();
        private volatile long lastWrite = Long.MIN_VALUE / 2;
        private volatile java.util.function.Supplier<BenchResult> current;
        private volatile IOException error;

        Checkpoints(Optional<Path> file, ScheduledExecutorService timers, ExecutorService writer) {
            this.file = file;
            this.timers = timers;
            this.writer = writer;
        }

        void progress(List<ConfigResult> done, java.util.function.Supplier<BenchResult> partial) {
            if (file.isEmpty()) {
                return;
            }
            current = partial;
            if (!pending.compareAndSet(false, true)) {
                return;
            }
            long wait = Math.max(0, lastWrite + config.checkpointInterval().toNanos() - nanoTime.getAsLong());
            try {
                timers.schedule(() -> writer.execute(this::write), wait, TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pending.set(false);
            }
        }

        void completed(List<BenchResult> all) {
            synchronized (completed) {
                completed.clear();
                completed.addAll(all);
            }
            current = null;
        }

        private void write() {
            pending.set(false);
            lastWrite = nanoTime.getAsLong();
            List<BenchResult> all;
            synchronized (completed) {
                all = new ArrayList<>(completed);
            }
            java.util.function.Supplier<BenchResult> partial = current;
            if (partial != null) {
                all.add(partial.get());
            }
            writeFile(all);
        }

        void flushNow() {
            if (file.isEmpty()) {
                return;
            }
            try {
                writer.submit(() -> {
                    current = null;
                    List<BenchResult> all;
                    synchronized (completed) {
                        all = new ArrayList<>(completed);
                    }
                    writeFile(all);
                }).get();
            } catch (Exception e) {
                error = new IOException(e);
            }
        }

        private void writeFile(List<BenchResult> all) {
            try {
                BenchResultFiles.writeAtomically(file.get(), all);
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot write results to {}", file.get(), e);
                error = e instanceof IOException io ? io : new IOException(e);
            }
        }
    }

    /** Optional per-request JSONL, one flushed line per finished request. */
    private final class RequestLog implements AutoCloseable {
        private final BufferedWriter out;

        RequestLog(Optional<Path> path) throws IOException {
            if (path.isPresent()) {
                Path p = path.get().toAbsolutePath();
                Files.createDirectories(p.getParent());
                out = Files.newBufferedWriter(p, StandardCharsets.UTF_8);
            } else {
                out = null;
            }
        }

        synchronized void write(int configIndex, RequestTimeline t) {
            if (out == null) {
                return;
            }
            ObjectNode line = Json.mapper().createObjectNode();
            line.put("config_index", configIndex);
            line.put("request_index", t.index());
            line.put("warmup", t.warmup());
            line.put("instance", t.instance());
            line.put("ok", t.succeeded());
            t.error().ifPresent(e -> {
                line.put("error_kind", e.kind().name().toLowerCase(java.util.Locale.ROOT));
                line.put("error", e.message());
            });
            long base = t.scheduledNanos();
            line.put("scheduled_ns", t.scheduledNanos());
            line.put("queue_ms", t.queueMs());
            line.put("sent_ms", (t.sentNanos() - base) / 1e6);
            t.headersNanos().ifPresent(v -> line.put("headers_ms", (v - base) / 1e6));
            t.firstChunkNanos().ifPresent(v -> line.put("first_chunk_ms", (v - base) / 1e6));
            t.firstTokenNanos().ifPresent(v -> line.put("first_token_ms", (v - base) / 1e6));
            t.lastTokenNanos().ifPresent(v -> line.put("last_token_ms", (v - base) / 1e6));
            line.put("end_ms", (t.endNanos() - base) / 1e6);
            line.put("output_tokens", t.outputTokens());
            line.put("token_source", t.tokenSource().name().toLowerCase(java.util.Locale.ROOT));
            t.promptTokens().ifPresent(v -> line.put("prompt_tokens", v));
            t.finishReason().ifPresent(v -> line.put("finish_reason", v));
            ArrayNode chunks = line.putArray("chunks");
            for (ChunkArrival c : t.chunks()) {
                chunks.addArray().add((c.arrivalNanos() - base) / 1e6).add(c.tokens());
            }
            try {
                out.write(Json.mapper().writeValueAsString(line));
                out.newLine();
                out.flush();
            } catch (IOException e) {
                LOG.warn("cannot write request log line", e);
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }
}
