package io.chimeraforge.bench;

import io.chimeraforge.bench.internal.EnvironmentProbe;
import io.chimeraforge.bench.internal.http.ProxyRoutes;
import io.chimeraforge.bench.internal.OutputTarget;
import io.chimeraforge.bench.internal.UrlRedaction;
import io.chimeraforge.bench.internal.client.BackendProtocol;
import io.chimeraforge.bench.internal.client.Preflight;
import io.chimeraforge.bench.internal.http.HttpTransport;
import io.chimeraforge.bench.internal.http.StreamThreads;
import io.chimeraforge.bench.internal.load.Aggregator;
import io.chimeraforge.bench.internal.load.LoadDriver;
import io.chimeraforge.bench.internal.load.RequestLog;
import io.chimeraforge.bench.internal.load.RequestStats;
import io.chimeraforge.bench.internal.load.RunSpec;
import io.chimeraforge.bench.internal.load.Scaling;
import io.chimeraforge.bench.internal.QuantResolver;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.result.Environment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * BenchReport report = BenchRunner.builder(BenchConfig.builder()
 *         .model("llama3.2:3b").backend(Backend.OLLAMA)
 *         .workload(Workload.SERVER).rate(4.0).runs(200).maxTokens(128)
 *         .outputDir(Path.of("results")).build())
 *     .listener(myProgress)
 *     .build()
 *     .run();
 * }</pre>
 *
 * <p>One HTTP/1.1 client with pooled keep-alive connections serves the whole run (never an
 * {@code h2c} upgrade, which breaks uvicorn, Ollama and llama.cpp); each request in flight has a
 * thread of its own that writes it and timestamps every read of the response as it returns. Each
 * configuration runs pre-flight checks (unless disabled), warm-up requests (excluded; a failed
 * warm-up aborts the run with its cause), then the measured load, bounded by the duration limit
 * when one is set.
 *
 * <p>Output: the result location is checked before any load (a new path or a regular file, or a
 * symbolic link to one; its directory must accept files). Every finished request is appended to
 * the request log ({@code <result>.requests.jsonl}, flushed per line); the result file is written
 * atomically once per finished configuration, never rewritten per request. An interrupted run
 * keeps every finished request in the log. A runner is single-use.
 */
public final class BenchRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BenchRunner.class);

    private final BenchConfig config;
    private final BenchListener listener;
    private final LongSupplier nanoTime;
    private final Clock wallClock;
    private final boolean captureGpu;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicReference<LoadDriver> currentDriver = new AtomicReference<>();
    private volatile Map<String, String> resolvedQuantTags;

    private BenchRunner(Builder b) {
        this.config = b.config;
        this.listener = b.listener;
        this.nanoTime = b.nanoTime;
        this.wallClock = b.wallClock;
        this.captureGpu = b.captureGpu;
    }

    /** A runner for {@code config} with the defaults (no listener, system clocks, GPU capture on). */
    public static BenchRunner of(BenchConfig config) {
        return builder(config).build();
    }

    /**
     * A builder for a runner of {@code config}.
     *
     * @throws IllegalArgumentException if {@code config} is null
     */
    public static Builder builder(BenchConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        return new Builder(config);
    }

    /** Builder for {@link BenchRunner}. */
    public static final class Builder {
        private final BenchConfig config;
        private BenchListener listener = new BenchListener() { };
        private LongSupplier nanoTime = System::nanoTime;
        private Clock wallClock = Clock.systemUTC();
        private boolean captureGpu = true;

        private Builder(BenchConfig config) {
            this.config = config;
        }

        /** Progress callbacks (default: none). */
        public Builder listener(BenchListener value) {
            this.listener = nonNull("listener", value);
            return this;
        }

        /** Monotonic nanosecond clock (default {@link System#nanoTime()}); for tests. */
        public Builder nanoTime(LongSupplier value) {
            this.nanoTime = nonNull("nanoTime", value);
            return this;
        }

        /** Wall clock for result timestamps and file names (default UTC system clock). */
        public Builder wallClock(Clock value) {
            this.wallClock = nonNull("wallClock", value);
            return this;
        }

        /**
         * Whether to ask {@code nvidia-smi} for GPU name, driver and CUDA version (default true).
         * The probe runs once per run before any load and is time-bounded: the process is killed
         * after {@link EnvironmentProbe#GPU_PROBE_LIMIT} and the fields are then left empty.
         */
        public Builder captureGpu(boolean value) {
            this.captureGpu = value;
            return this;
        }

        /** The runner (single-use). */
        public BenchRunner build() {
            return new BenchRunner(this);
        }

        private static <T> T nonNull(String name, T value) {
            if (value == null) {
                throw new IllegalArgumentException(name + " must not be null");
            }
            return value;
        }
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
     * @throws BenchException IO before any load when the result location is unusable, and after
     *                        the run when the file could not be written ({@link BenchException#report()}
     *                        then holds the measurements); PREFLIGHT when a health/model check
     *                        fails; WARMUP when a warm-up request failed (the configuration is
     *                        aborted before any measured request); ALL_FAILED when no measured
     *                        request of a configuration completed and some failed (the file is
     *                        still written with what was measured)
     */
    public BenchReport run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a BenchRunner runs once; create a new one");
        }
        Optional<Path> file = config.outputFile().or(() -> config.outputDir()
                .map(d -> d.resolve(BenchResultFiles.fileName(BenchResultFiles.isoTimestamp(wallClock.instant())))));
        Optional<Path> log = config.writeRequestLog()
                ? file.map(f -> f.resolveSibling(f.getFileName().toString().replaceFirst("\\.json$", "") + ".requests.jsonl"))
                : Optional.empty();
        // Both locations are checked before any request: a bad path must not cost a whole run.
        Optional<Path> fileTarget = file.map(f -> outputTarget(f));
        Optional<Path> logTarget = log.map(f -> outputTarget(f));
        BackendProtocol protocol = BackendProtocol.forName(config.backend().id(), config.headers());
        ExecutorService http = StreamThreads.newPool("chimeraforge-bench-stream");
        AtomicInteger threadIds = new AtomicInteger();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "chimeraforge-bench-timer-" + threadIds.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        HttpTransport client = HttpTransport.forConfig(config, nanoTime);
        List<ConfigResult> done = new ArrayList<>();
        BenchException failure = null;
        IOException saveError = null;
        try (RequestLog requestLog = new RequestLog(logTarget)) {
            if (config.resolvesQuantsFromServer()) {
                resolvedQuantTags = resolveQuants(protocol, client);
            }
            List<RunSpec> specs = expand();
            EnvironmentProbe.Gpu gpu = captureGpu ? EnvironmentProbe.gpu() : EnvironmentProbe.Gpu.unknown();
            hardwareLabel = hardwareLabel(config, gpu);
            for (int i = 0; i < specs.size() && !cancelled.get(); i++) {
                RunSpec spec = specs.get(i);
                listener.configStarted(i, specs.size(), label(spec));
                ConfigResult raw = runConfig(i, spec, protocol, client, http, timers, gpu, requestLog);
                done.add(raw);
                // Scaling figures need sibling configurations (the one-agent baseline may come later in the
                // sweep), so every finished result is recomputed as configurations complete.
                List<BenchResult> scaled = Scaling.apply(done.stream().map(ConfigResult::result).toList(), specs,
                        config.workload(), config.baselineTps());
                for (int j = 0; j < done.size(); j++) {
                    done.set(j, new ConfigResult(scaled.get(j), done.get(j).timelines(), done.get(j).counts()));
                }
                ConfigResult result = done.get(done.size() - 1);
                if (fileTarget.isPresent() && saveError == null) {
                    try {
                        BenchResultFiles.writeAtomically(fileTarget.get(), scaled);
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("cannot write results to {}", fileTarget.get(), e);
                        saveError = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
                    }
                }
                safely(() -> listener.configFinished(done.size() - 1, result.result()));
                RequestCounts counts = result.counts();
                if (counts.completed() == 0 && counts.failed() > 0 && !cancelled.get()) {
                    List<String> fails = result.result().warnings().stream().filter(w -> w.startsWith("Run ")).limit(3).toList();
                    String head = counts.attempted() == config.runs() && counts.cancelled() == 0
                            ? "All " + config.runs() + " benchmark runs failed."
                            : "No benchmark run completed: " + counts.attempted() + " attempted, " + counts.failed()
                                    + " failed, " + counts.cancelled() + " cancelled.";
                    failure = new BenchException(BenchException.Kind.ALL_FAILED, head + " Errors: " + String.join("; ", fails));
                    break;
                }
            }
        } catch (IOException e) {
            throw new BenchException(BenchException.Kind.IO, "cannot write the request log "
                    + log.map(Path::toString).orElse("") + ": " + e.getMessage(), e);
        } catch (BenchException e) {
            throw redacted(e);
        } finally {
            timers.shutdownNow();
            http.shutdownNow();
            client.close();
        }
        BenchReport report = new BenchReport(done, saveError == null ? file : Optional.empty(), log, cancelled.get());
        if (saveError != null) {
            throw new BenchException(BenchException.Kind.IO, "nothing was written to " + file.get() + ": "
                    + saveError.getMessage(), saveError, report);
        }
        if (failure != null) {
            throw redacted(failure);
        }
        return report;
    }

    private static Path outputTarget(Path path) {
        try {
            return OutputTarget.prepare(path);
        } catch (IOException e) {
            throw new BenchException(BenchException.Kind.IO, "cannot write results to " + path + ": " + e.getMessage(), e);
        }
    }

    /** The exception with URL user-info hidden from its message (preflight messages name the URL). */
    private static BenchException redacted(BenchException e) {
        String message = UrlRedaction.redactText(e.getMessage());
        if (message == null || message.equals(e.getMessage())) {
            return e;
        }
        return new BenchException(e.kind(), message, e.getCause(), e.report().orElse(null));
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

    /** The catalog GPU every result of this run is labelled with; set once the GPU probe has run. */
    private Optional<String> hardwareLabel = Optional.empty();

    /**
     * The label of a run: the configured GPU; else, when detection is on and every server is on
     * this machine (a local GPU says nothing about a remote server), the probed device when it is
     * one catalog GPU.
     */
    static Optional<String> hardwareLabel(BenchConfig config, EnvironmentProbe.Gpu gpu) {
        if (config.hardware().isPresent()) {
            return config.hardware();
        }
        if (!config.detectHardware()) {
            return Optional.empty();
        }
        for (URI url : config.effectiveBaseUrls()) {
            if (url.getHost() == null || !ProxyRoutes.loopback(url.getHost())) {
                return Optional.empty();
            }
        }
        return gpu.catalogName(GpuCatalog.bundled());
    }

    private ConfigResult runConfig(int configIndex, RunSpec spec, BackendProtocol protocol, HttpTransport client,
            ExecutorService http, ScheduledExecutorService timers, EnvironmentProbe.Gpu gpu, RequestLog requestLog) {
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
        RequestStats stats = new RequestStats(urls.size(), protocol.name().equals("ollama"), config.timelineLimit(),
                config.runs(), config.slo());
        AtomicInteger completed = new AtomicInteger();
        LoadDriver driver = new LoadDriver(client, protocol, config, effective, timers, http, nanoTime, t -> {
            int n = completed.get();
            if (!t.warmup()) {
                stats.add(t);
                n = completed.incrementAndGet();
            }
            requestLog.write(configIndex, t);
            int finished = n;
            safely(() -> listener.requestCompleted(t, finished, config.runs()));
        }, unsent -> {
            stats.addUnsent(unsent.from(), unsent.to(), unsent.reason());
            requestLog.writeUnsent(configIndex, unsent);
        }, cancelled);
        currentDriver.set(driver);
        try {
            driver.run();
        } catch (LoadDriver.WarmupFailedException e) {
            throw new BenchException(BenchException.Kind.WARMUP, "Warm-up failed, so " + label(effective)
                    + " was not measured: " + e.getMessage(), e);
        } finally {
            currentDriver.set(null);
        }
        BenchResult result = Aggregator.build(stats, context(effective, env, cancelled.get(), driver.generator(),
                details, pre, protocol));
        if (hardwareLabel.isPresent()) {
            result = result.withHardware(hardwareLabel.get());
        }
        Optional<String> proxy = proxyFor(urls);
        if (proxy.isPresent()) {
            // a proxy hop is in every latency figure: the result says so
            Map<String, Object> extra = new java.util.LinkedHashMap<>(result.extra());
            extra.put(PROXY_KEY, proxy.get());
            result = new BenchResult(result.model(), result.backend(), result.quant(), result.workload(), result.runs(),
                    result.contextLength(), result.individualRuns(), result.aggregate(), result.environment(),
                    result.timestamp(), result.warnings(), extra);
        }
        Map<ErrorKind, Long> byKind = new java.util.EnumMap<>(ErrorKind.class);
        stats.errors().forEach((k, v) -> byKind.put(k, v.longValue()));
        return new ConfigResult(result, stats.timelines(), new RequestCounts(stats.attempted(), stats.completed(),
                stats.failed(), stats.cancelled(), byKind));
    }

    private Aggregator.Context context(RunSpec spec, Environment env, boolean partial,
            Optional<LoadDriver.GeneratorStats> generator, Map<String, String> details, List<String> pre,
            BackendProtocol protocol) {
        return new Aggregator.Context(config, spec, protocol.name(), env,
                BenchResultFiles.isoTimestamp(wallClock.instant()), partial, generator, details, pre,
                protocol.name().equals("ollama"));
    }

    /** The result key naming the proxy requests went through ({@code host:port}), present only when one was used. */
    public static final String PROXY_KEY = "proxy";

    /** The proxy ({@code host:port}, no credentials) the first base URL's requests take, if any. */
    private Optional<String> proxyFor(List<URI> urls) {
        ProxyRoutes routes;
        try {
            routes = ProxyRoutes.of(config.proxy(), true);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // the transport refused the same setting before any request
        }
        for (URI url : urls) {
            Optional<java.net.InetSocketAddress> via = routes.proxyFor(
                    io.chimeraforge.bench.internal.http.Endpoint.of(url));
            if (via.isPresent()) {
                return Optional.of(via.get().getHostString() + ":" + via.get().getPort());
            }
        }
        return Optional.empty();
    }

    private static void safely(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("bench listener threw; ignored", e);
        }
    }
}
