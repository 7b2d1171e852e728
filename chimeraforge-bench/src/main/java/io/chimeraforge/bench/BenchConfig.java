package io.chimeraforge.bench;

import io.chimeraforge.bench.internal.http.HeaderRules;
import io.chimeraforge.bench.internal.http.RedactedHeaders;
import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.core.hardware.AmbiguousGpuException;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.hardware.UnknownGpuException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import io.chimeraforge.bench.internal.UrlRedaction;
import io.chimeraforge.core.quant.Backend;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Everything a bench run needs: the reference CLI's flags (spec §1.13) plus the measurement
 * controls the reference lacks. Build with {@link #builder()}; every setter documents its range
 * and default; a value out of range (null included) throws {@link InvalidSettingException} (an
 * {@link IllegalArgumentException}) naming the parameter, the value and the range, and
 * {@link Builder#build()} rejects conflicting settings with {@link IllegalStateException}. A config
 * is immutable; {@link #toBuilder()} derives a changed copy. New settings are added as builder
 * methods and accessors, so code compiled against an older version keeps working.
 *
 * <p>Sweeps: a run is the cartesian product of {@code quants} (or the single {@code quant}),
 * {@code contextLengths}, {@code concurrencies}, {@code rates} and {@code optionSweeps}; each
 * element is one result object in the file, in that nesting order (quant outermost).
 */
public final class BenchConfig {

    /** Reference default: 5 requests. */
    public static final int DEFAULT_RUNS = 5;
    /** Reference default context length: 2048. */
    public static final int DEFAULT_CONTEXT_LENGTH = 2048;
    /** Default warm-up: 1 request. */
    public static final int DEFAULT_WARMUP = 1;
    /** Default seed: 42. */
    public static final long DEFAULT_SEED = 42;
    /** Reference default request timeout: 300 s. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(300);
    /** Default idle timeout: 60 s. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Default number of timelines kept per configuration: 10,000. */
    public static final int DEFAULT_TIMELINE_LIMIT = 10_000;
    /** The reference's quant levels for {@code --all-quants}. */
    public static final List<String> QUANT_LEVELS = List.of("FP16", "FP8", "Q8_0", "Q6_K", "Q5_K_M", "AWQ", "GPTQ",
            "Q4_K_M", "Q3_K_S", "Q2_K");

    private final String model;
    private final Backend backend;
    private final List<URI> baseUrls;
    private final InstanceMode instanceMode;
    private final boolean chat;
    private final Optional<String> quant;
    private final Map<String, String> quantTags;
    private final Workload workload;
    private final int runs;
    private final Optional<Duration> duration;
    private final List<Integer> concurrencies;
    private final List<Double> rates;
    private final ArrivalProcess arrival;
    private final double burstiness;
    private final List<Integer> contextLengths;
    private final boolean contextExplicit;
    private final int warmupRequests;
    private final long seed;
    private final OptionalInt maxTokens;
    private final boolean ignoreEos;
    private final OptionalDouble temperature;
    private final Optional<Long> samplingSeed;
    private final Map<String, Object> options;
    private final Map<String, List<Object>> optionSweeps;
    private final List<Prompt> prompts;
    private final boolean uniquePrefix;
    private final Duration requestTimeout;
    private final Duration idleTimeout;
    private final Duration connectTimeout;
    private final Optional<Slo> slo;
    private final Optional<Path> outputDir;
    private final Optional<Path> outputFile;
    private final boolean writeRequestLog;
    private final Duration checkpointInterval;
    private final boolean continuousUsage;
    private final boolean preflight;
    private final boolean autoLabelQuant;
    private final List<String> quantLevels;
    private final boolean allServerQuants;
    private final OptionalDouble baselineTps;
    private final Optional<Duration> rampUp;
    private final Map<String, String> headers;
    private final int timelineLimit;
    private final Optional<URI> proxy;
    private final Optional<javax.net.ssl.SSLContext> sslContext;
    private final Optional<String> hardware;
    private final boolean detectHardware;

    private BenchConfig(Builder b) {
        this.model = b.model == null ? b.quantTags.values().iterator().next() : b.model;
        this.backend = b.backend;
        this.baseUrls = List.copyOf(b.baseUrls);
        this.instanceMode = b.instanceMode;
        this.chat = b.chat;
        this.quant = b.quant;
        this.quantTags = Collections.unmodifiableMap(new LinkedHashMap<>(b.quantTags));
        this.workload = b.workload;
        this.runs = b.runs;
        this.duration = b.duration;
        this.concurrencies = List.copyOf(b.concurrencies);
        this.rates = List.copyOf(b.rates);
        this.arrival = b.arrival;
        this.burstiness = b.burstiness;
        this.contextLengths = List.copyOf(b.contextLengths);
        this.contextExplicit = b.contextExplicit;
        this.warmupRequests = b.warmupRequests;
        this.seed = b.seed;
        this.maxTokens = b.maxTokens;
        this.ignoreEos = b.ignoreEos;
        this.temperature = b.temperature;
        this.samplingSeed = b.samplingSeed;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
        Map<String, List<Object>> sweeps = new LinkedHashMap<>();
        b.optionSweeps.forEach((k, v) -> sweeps.put(k, List.copyOf(v)));
        this.optionSweeps = Collections.unmodifiableMap(sweeps);
        this.prompts = List.copyOf(b.prompts);
        this.uniquePrefix = b.uniquePrefix;
        this.requestTimeout = b.requestTimeout;
        this.idleTimeout = b.idleTimeout;
        this.connectTimeout = b.connectTimeout;
        this.slo = b.slo;
        this.outputDir = b.outputDir;
        this.outputFile = b.outputFile;
        this.writeRequestLog = b.writeRequestLog;
        this.checkpointInterval = b.checkpointInterval;
        this.continuousUsage = b.continuousUsage;
        this.preflight = b.preflight;
        this.autoLabelQuant = b.autoLabelQuant;
        this.quantLevels = List.copyOf(b.quantLevels);
        this.allServerQuants = b.allServerQuants;
        this.baselineTps = b.baselineTps;
        this.rampUp = b.rampUp;
        this.headers = RedactedHeaders.of(b.headers);
        this.timelineLimit = b.timelineLimit;
        this.proxy = b.proxy;
        this.hardware = b.hardware;
        this.detectHardware = b.detectHardware;
        this.sslContext = b.sslContext;
    }

    /** Model name/tag (required). */
    public String model() {
        return model;
    }

    /** Backend (default OLLAMA). */
    public Backend backend() {
        return backend;
    }

    /** Base URLs (default: the backend's default URL). */
    public List<URI> baseUrls() {
        return baseUrls;
    }

    /** How requests spread over several URLs. */
    public InstanceMode instanceMode() {
        return instanceMode;
    }

    /** Use the chat endpoint instead of completion. */
    public boolean chat() {
        return chat;
    }

    /** Quantization label for a single configuration. */
    public Optional<String> quant() {
        return quant;
    }

    /** Quant sweep: level → model tag actually benchmarked (ordered). */
    public Map<String, String> quantTags() {
        return quantTags;
    }

    /** Load shape. */
    public Workload workload() {
        return workload;
    }

    /** Measured requests per configuration. */
    public int runs() {
        return runs;
    }

    /** Optional time limit per configuration (whichever of runs/duration ends first). */
    public Optional<Duration> duration() {
        return duration;
    }

    /** Concurrency values (empty: the workload's default). */
    public List<Integer> concurrencies() {
        return concurrencies;
    }

    /** Arrival rates for SERVER (empty: workload default). */
    public List<Double> rates() {
        return rates;
    }

    /** Arrival distribution for SERVER. */
    public ArrivalProcess arrival() {
        return arrival;
    }

    /** Gamma shape (GAMMA only). */
    public double burstiness() {
        return burstiness;
    }

    /** Context lengths (first is the default configuration). */
    public List<Integer> contextLengths() {
        return contextLengths;
    }

    /** Whether context lengths were given by the user (non-Ollama warning). */
    public boolean contextExplicit() {
        return contextExplicit;
    }

    /** Warm-up requests before each configuration (excluded). */
    public int warmupRequests() {
        return warmupRequests;
    }

    /** Seed of the arrival schedule and of request sampling (recorded). */
    public long seed() {
        return seed;
    }

    /** Output token limit. */
    public OptionalInt maxTokens() {
        return maxTokens;
    }

    /** Ask for exactly maxTokens (vLLM). */
    public boolean ignoreEos() {
        return ignoreEos;
    }

    /** Sampling temperature. */
    public OptionalDouble temperature() {
        return temperature;
    }

    /** Seed sent to the server with each request. */
    public Optional<Long> samplingSeed() {
        return samplingSeed;
    }

    /** Extra backend options. */
    public Map<String, Object> options() {
        return options;
    }

    /** Backend option name → values to sweep. */
    public Map<String, List<Object>> optionSweeps() {
        return optionSweeps;
    }

    /** Prompts, request i uses prompts[i mod n]. */
    public List<Prompt> prompts() {
        return prompts;
    }

    /** Prefix each prompt with a per-request marker to defeat prefix caching. */
    public boolean uniquePrefix() {
        return uniquePrefix;
    }

    /** Whole-request deadline. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Maximum silence between bytes. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** TCP connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Goodput objectives. */
    public Optional<Slo> slo() {
        return slo;
    }

    /** Directory for the result file. */
    public Optional<Path> outputDir() {
        return outputDir;
    }

    /** Exact result file (overrides outputDir naming). */
    public Optional<Path> outputFile() {
        return outputFile;
    }

    /** Also write per-request JSONL next to the result file. */
    public boolean writeRequestLog() {
        return writeRequestLog;
    }

    /**
     * Formerly the minimum time between rewrites of the whole result file; ignored since the file
     * is written once per configuration and requests are appended to the request log instead.
     *
     * @deprecated no effect
     */
    @Deprecated
    public Duration checkpointInterval() {
        return checkpointInterval;
    }

    /** Request per-chunk usage from OpenAI-compatible servers. */
    public boolean continuousUsage() {
        return continuousUsage;
    }

    /** Run health/model checks before load. */
    public boolean preflight() {
        return preflight;
    }

    /** Label quant from the server's model details when none is given. */
    public boolean autoLabelQuant() {
        return autoLabelQuant;
    }

    /** Quant sweep resolved from the server's model list (Ollama {@code /api/tags}): the levels to benchmark, in order; empty for none. */
    public List<String> quantLevels() {
        return quantLevels;
    }

    /** Quant sweep over every level the server lists for {@code model}. */
    public boolean allServerQuants() {
        return allServerQuants;
    }

    /** Single-agent output throughput (tok/s) for {@code parallel_efficiency} when the run itself has no single-agent configuration. */
    public OptionalDouble baselineTps() {
        return baselineTps;
    }

    /** Closed loop: worker w starts its first request w/N of this after the start, instead of all N at once. */
    public Optional<Duration> rampUp() {
        return rampUp;
    }

    /** Extra headers sent with every request (e.g. {@code Authorization}); values never appear in {@code toString}. */
    public Map<String, String> headers() {
        return headers;
    }

    /**
     * How many measured requests' timelines a {@link ConfigResult} keeps in memory (the first N of
     * each configuration); statistics and the result file cover every request regardless.
     */
    public int timelineLimit() {
        return timelineLimit;
    }

    /**
     * HTTP proxy for every request; when empty, {@code HTTPS_PROXY} / {@code HTTP_PROXY} /
     * {@code NO_PROXY} apply (never to loopback targets).
     */
    public Optional<URI> proxy() {
        return proxy;
    }

    /** TLS settings for https (e.g. a private CA), instead of the JDK's defaults. */
    public Optional<javax.net.ssl.SSLContext> sslContext() {
        return sslContext;
    }

    /**
     * The catalog GPU the run is labelled with, as the catalog names it (written as
     * {@code "hardware"} in every result); empty when not given.
     */
    public Optional<String> hardware() {
        return hardware;
    }

    /** Whether an unlabelled run is labelled with the GPU {@code nvidia-smi} reports, when it is one catalog GPU. */
    public boolean detectHardware() {
        return detectHardware;
    }

    /** Settings only: two configs are equal when every setting is (header values included). */
    @Override
    public boolean equals(Object other) {
        return other instanceof BenchConfig o && components().equals(o.components());
    }

    @Override
    public int hashCode() {
        return components().hashCode();
    }

    /** Every setting; base URLs with their user-info redacted, header values hidden. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BenchConfig[");
        List<Object> values = components();
        for (int i = 0; i < NAMES.size(); i++) {
            Object v = NAMES.get(i).equals("baseUrls") ? redactedBaseUrls() : values.get(i);
            s.append(i == 0 ? "" : ", ").append(NAMES.get(i)).append('=').append(v);
        }
        return s.append(']').toString();
    }

    private static final List<String> NAMES = List.of(
            "model", "backend", "baseUrls", "instanceMode", "chat", "quant", "quantTags", "workload", "runs",
            "duration", "concurrencies", "rates", "arrival", "burstiness", "contextLengths",
            "contextExplicit", "warmupRequests", "seed", "maxTokens", "ignoreEos", "temperature",
            "samplingSeed", "options", "optionSweeps", "prompts", "uniquePrefix", "requestTimeout",
            "idleTimeout", "connectTimeout", "slo", "outputDir", "outputFile", "writeRequestLog",
            "checkpointInterval", "continuousUsage", "preflight", "autoLabelQuant", "quantLevels",
            "allServerQuants", "baselineTps", "rampUp", "headers", "timelineLimit",
            "proxy", "sslContext", "hardware", "detectHardware");

    private List<Object> components() {
        return java.util.Arrays.asList(
                model, backend, baseUrls, instanceMode, chat, quant, quantTags, workload, runs, duration,
                concurrencies, rates, arrival, burstiness, contextLengths, contextExplicit, warmupRequests,
                seed, maxTokens, ignoreEos, temperature, samplingSeed, options, optionSweeps, prompts,
                uniquePrefix, requestTimeout, idleTimeout, connectTimeout, slo, outputDir, outputFile,
                writeRequestLog, checkpointInterval, continuousUsage, preflight, autoLabelQuant, quantLevels,
                allServerQuants, baselineTps, rampUp, headers, timelineLimit,
                proxy, sslContext, hardware, detectHardware);
    }

    /** Whether quant levels are resolved to model tags from the server's model list at run time. */
    public boolean resolvesQuantsFromServer() {
        return allServerQuants || !quantLevels.isEmpty();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this config: change some settings and build a new one. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.model = model;
        b.backend = backend;
        b.baseUrls = new ArrayList<>(baseUrls);
        b.instanceMode = instanceMode;
        b.chat = chat;
        b.quant = quant;
        b.quantTags = new LinkedHashMap<>(quantTags);
        b.workload = workload;
        b.runs = runs;
        b.duration = duration;
        b.concurrencies = new ArrayList<>(concurrencies);
        b.rates = new ArrayList<>(rates);
        b.arrival = arrival;
        b.burstiness = burstiness;
        b.contextLengths = new ArrayList<>(contextLengths);
        b.contextExplicit = contextExplicit;
        b.warmupRequests = warmupRequests;
        b.seed = seed;
        b.maxTokens = maxTokens;
        b.ignoreEos = ignoreEos;
        b.temperature = temperature;
        b.samplingSeed = samplingSeed;
        b.options = new LinkedHashMap<>(options);
        b.optionSweeps = new LinkedHashMap<>(optionSweeps);
        b.prompts = new ArrayList<>(prompts);
        b.uniquePrefix = uniquePrefix;
        b.requestTimeout = requestTimeout;
        b.idleTimeout = idleTimeout;
        b.connectTimeout = connectTimeout;
        b.slo = slo;
        b.outputDir = outputDir;
        b.outputFile = outputFile;
        b.writeRequestLog = writeRequestLog;
        b.checkpointInterval = checkpointInterval;
        b.continuousUsage = continuousUsage;
        b.preflight = preflight;
        b.autoLabelQuant = autoLabelQuant;
        b.quantLevels = new ArrayList<>(quantLevels);
        b.allServerQuants = allServerQuants;
        b.baselineTps = baselineTps;
        b.rampUp = rampUp;
        b.headers = new LinkedHashMap<>(headers);
        b.timelineLimit = timelineLimit;
        b.proxy = proxy;
        b.sslContext = sslContext;
        b.hardware = hardware;
        b.detectHardware = detectHardware;
        return b;
    }

    /** Effective base URLs (the backend default when none were given). */
    public List<URI> effectiveBaseUrls() {
        return baseUrls.isEmpty() ? List.of(backend.defaultBaseUrl()) : baseUrls;
    }

    /**
     * The effective base URLs as they are recorded and logged: a password in the user-info is
     * replaced by {@code ***} ({@code http://user:***@host}).
     */
    public List<String> redactedBaseUrls() {
        return effectiveBaseUrls().stream().map(UrlRedaction::redact).toList();
    }

    /**
     * A base URL checked to be http(s) with a host and a port in 1..65535, without trailing slashes.
     *
     * @throws InvalidSettingException naming {@code baseUrl}, the value and the expected form
     */
    static URI parseBaseUrl(String value) {
        URI uri;
        String form = "an http(s) URL with a host and a port in 1..65535, such as http://localhost:11434";
        try {
            uri = URI.create(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw Builder.bad("baseUrl", value, form);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null || uri.getPort() == 0 || uri.getPort() > 65535) {
            throw Builder.bad("baseUrl", value, form);
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return URI.create(text);
    }

    /** Builder for {@link BenchConfig}. */
    public static final class Builder {
        private String model;
        private Backend backend = Backend.OLLAMA;
        private List<URI> baseUrls = new ArrayList<>();
        private InstanceMode instanceMode = InstanceMode.ROUND_ROBIN;
        private boolean chat;
        private Optional<String> quant = Optional.empty();
        private Map<String, String> quantTags = new LinkedHashMap<>();
        private Workload workload = Workload.SINGLE;
        private int runs = DEFAULT_RUNS;
        private Optional<Duration> duration = Optional.empty();
        private List<Integer> concurrencies = new ArrayList<>();
        private List<Double> rates = new ArrayList<>();
        private ArrivalProcess arrival = ArrivalProcess.POISSON;
        private double burstiness = 1.0;
        private List<Integer> contextLengths = new ArrayList<>(List.of(DEFAULT_CONTEXT_LENGTH));
        private boolean contextExplicit;
        private int warmupRequests = DEFAULT_WARMUP;
        private long seed = DEFAULT_SEED;
        private OptionalInt maxTokens = OptionalInt.empty();
        private boolean ignoreEos;
        private OptionalDouble temperature = OptionalDouble.empty();
        private Optional<Long> samplingSeed = Optional.empty();
        private Map<String, Object> options = new LinkedHashMap<>();
        private Map<String, List<Object>> optionSweeps = new LinkedHashMap<>();
        private List<Prompt> prompts = new ArrayList<>(List.of(Prompt.MEDIUM));
        private boolean uniquePrefix;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Optional<Slo> slo = Optional.empty();
        private Optional<Path> outputDir = Optional.empty();
        private Optional<Path> outputFile = Optional.empty();
        private boolean writeRequestLog = true;
        private int timelineLimit = DEFAULT_TIMELINE_LIMIT;
        private Optional<URI> proxy = Optional.empty();
        private Optional<javax.net.ssl.SSLContext> sslContext = Optional.empty();
        private Duration checkpointInterval = Duration.ofMillis(250);
        private boolean continuousUsage = true;
        private boolean preflight = true;
        private boolean autoLabelQuant;
        private List<String> quantLevels = new ArrayList<>();
        private boolean allServerQuants;
        private OptionalDouble baselineTps = OptionalDouble.empty();
        private Map<String, String> headers = new LinkedHashMap<>();
        private Optional<Duration> rampUp = Optional.empty();
        private Optional<String> hardware = Optional.empty();
        private boolean detectHardware = true;

        private Builder() {
        }

        private static InvalidSettingException bad(String name, Object value, String range) {
            String text = value instanceof Duration d ? seconds(d) : String.valueOf(value);
            return new InvalidSettingException(name, UrlRedaction.redactText(text), range);
        }

        /** A duration as the seconds it is, e.g. {@code 0.001 s}, {@code 86400 s}. */
        private static String seconds(Duration d) {
            return new java.math.BigDecimal(d.toNanos()).movePointLeft(9).stripTrailingZeros().toPlainString() + " s";
        }

        /** Model name/tag, required, non-blank (CLI {@code --model/-m}). */
        public Builder model(String value) {
            if (value == null || value.isBlank()) {
                throw bad("model", value, "a non-blank name");
            }
            this.model = value;
            return this;
        }

        /**
         * Backend (default OLLAMA). SGLang is refused: it serves the OpenAI-compatible API, so
         * benchmark it as {@link Backend#VLLM}.
         */
        public Builder backend(Backend value) {
            if (value == null || value == Backend.SGLANG) {
                throw bad("backend", value == null ? null : value.id(),
                        "one of ollama, vllm, tgi (SGLang serves the OpenAI-compatible API: use vllm)");
            }
            this.backend = value;
            return this;
        }

        /**
         * Backend, by the bench module's former enum.
         *
         * @deprecated use {@link #backend(Backend)} with {@link io.chimeraforge.core.quant.Backend}
         */
        @Deprecated
        public Builder backend(io.chimeraforge.bench.Backend value) {
            return backend(value == null ? null : value.core());
        }

        /**
         * Base URL (CLI {@code --base-url}); adds to the list on repeated calls. Must be http(s) with
         * a host; a trailing slash is dropped.
         */
        public Builder baseUrl(String value) {
            baseUrls.add(parseBaseUrl(value));
            return this;
        }

        /** Replaces the base URL list. */
        public Builder baseUrls(List<String> values) {
            baseUrls = new ArrayList<>();
            values.forEach(this::baseUrl);
            return this;
        }

        /** How requests spread over several base URLs (default ROUND_ROBIN). */
        public Builder instanceMode(InstanceMode value) {
            if (value == null) {
                throw bad("instanceMode", null, "ROUND_ROBIN or PER_WORKER");
            }
            this.instanceMode = value;
            return this;
        }

        /** Use the chat endpoint (default false: completion endpoint). */
        public Builder chat(boolean value) {
            this.chat = value;
            return this;
        }

        /** Quantization label (CLI {@code --quant/-q}); default none. */
        public Builder quant(String value) {
            if (value == null || value.isBlank()) {
                throw bad("quant", value, "a non-blank label such as Q4_K_M");
            }
            this.quant = Optional.of(value);
            return this;
        }

        /**
         * Quant sweep with explicit tags: level → model tag to benchmark for it (e.g.
         * {@code Q8_0 → llama3.2:3b-instruct-q8_0}). Each level is a configuration whose
         * {@code quant} is the level and whose {@code model} is the tag.
         */
        public Builder quantTags(Map<String, String> value) {
            for (Map.Entry<String, String> e : value.entrySet()) {
                if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null || e.getValue().isBlank()) {
                    throw bad("quantTags", value, "non-blank level → non-blank tag entries");
                }
            }
            this.quantTags = new LinkedHashMap<>(value);
            return this;
        }

        /**
         * Quant sweep resolved from the server (Ollama only; CLI {@code --quants}): each level
         * (e.g. {@code Q4_K_M}, case-insensitive, a level known to the quantization table) is
         * benchmarked with the model tag the server lists for {@code model} whose quant suffix
         * names it. A level the server lacks fails the run before any load. Default none.
         */
        public Builder quantLevels(List<String> values) {
            List<String> out = new ArrayList<>();
            for (String v : values) {
                String level = v == null ? "" : v.strip().toUpperCase(java.util.Locale.ROOT);
                if (!io.chimeraforge.core.quant.Quantization.isKnown(level)) {
                    throw bad("quantLevels", values, "known quantization levels such as Q4_K_M, Q8_0, FP16");
                }
                if (!out.contains(level)) {
                    out.add(level);
                }
            }
            this.quantLevels = out;
            return this;
        }

        /**
         * Quant sweep over every level the server lists for {@code model} (Ollama only; CLI
         * {@code --all-quants} without {@code --quant-tag}). Default false.
         */
        public Builder allServerQuants(boolean value) {
            this.allServerQuants = value;
            return this;
        }

        /**
         * Single-agent output throughput, tok/s, finite and &gt; 0, used as the denominator of
         * {@code parallel_efficiency} for configurations whose run has no single-agent
         * configuration of its own (CLI {@code --baseline-tps}). Default none: without a baseline
         * the figure is omitted.
         */
        public Builder baselineTps(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw bad("baselineTps", value, "a finite number > 0 (tokens per second)");
            }
            this.baselineTps = OptionalDouble.of(value);
            return this;
        }

        /**
         * An extra header for every request, e.g. {@code header("Authorization", "Bearer " + key)}
         * for a vLLM server started with {@code --api-key} (CLI {@code --header}). Framing and
         * routing headers ({@code Host}, {@code Content-Length}, {@code Connection}, …) are the
         * client's and are refused; an {@code Accept} or {@code User-Agent} replaces the default.
         * Values are never logged or written to result files. Setting a name again replaces it.
         */
        public Builder header(String name, String value) {
            HeaderRules.put(headers, name, value);
            return this;
        }

        /** Workload (default SINGLE; CLI {@code --workload/-w}). */
        public Builder workload(Workload value) {
            if (value == null) {
                throw bad("workload", null, "one of single, batch, server, concurrent");
            }
            this.workload = value;
            return this;
        }

        /** Measured requests per configuration, 1..10,000,000 (default 5; CLI {@code --runs/-n}). */
        public Builder runs(int value) {
            if (value < 1 || value > 10_000_000) {
                throw bad("runs", value, "in [1, 10000000]");
            }
            this.runs = value;
            return this;
        }

        /** Time limit per configuration, 1 ms..7 days (default none). */
        public Builder duration(Duration value) {
            if (value == null || value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(Duration.ofDays(7)) > 0) {
                throw bad("duration", value, "in [0.001 s, 604800 s]");
            }
            this.duration = Optional.of(value);
            return this;
        }

        /**
         * Closed loop ({@code concurrent}): spread the workers' first requests evenly over this
         * time, worker w at w/N of it, instead of sending all N at the same instant (CLI
         * {@code --ramp-up}); 1 ms..1 h, default none. Each worker's later requests follow its own
         * previous one, so a server with variable service times does not fall back into lock step.
         */
        public Builder rampUp(Duration value) {
            if (value == null || value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(Duration.ofHours(1)) > 0) {
                throw bad("rampUp", value, "in [0.001 s, 3600 s]");
            }
            this.rampUp = Optional.of(value);
            return this;
        }

        /** Concurrency (or a sweep of values), each 1..100,000 (default: the workload's). */
        public Builder concurrency(int... values) {
            List<Integer> list = new ArrayList<>();
            for (int v : values) {
                if (v < 1 || v > 100_000) {
                    throw bad("concurrency", v, "in [1, 100000]");
                }
                list.add(v);
            }
            this.concurrencies = list;
            return this;
        }

        /** Arrival rate in requests/s (or a sweep), each in (0, 1,000,000] (CLI {@code --rate}). */
        public Builder rate(double... values) {
            List<Double> list = new ArrayList<>();
            for (double v : values) {
                if (!(v > 0) || v > 1_000_000) {
                    throw bad("rate", v, "in (0, 1000000] requests/s");
                }
                list.add(v);
            }
            this.rates = list;
            return this;
        }

        /** Arrival distribution (default POISSON). */
        public Builder arrival(ArrivalProcess value) {
            if (value == null) {
                throw bad("arrival", null, "one of POISSON, GAMMA, CONSTANT");
            }
            this.arrival = value;
            return this;
        }

        /** Gamma shape for GAMMA arrivals, in [0.01, 1000] (default 1.0 = Poisson-like). */
        public Builder burstiness(double value) {
            if (!(value >= 0.01 && value <= 1000)) {
                throw bad("burstiness", value, "in [0.01, 1000]");
            }
            this.burstiness = value;
            return this;
        }

        /** Context lengths to sweep, each 1..10,000,000 (default [2048]; CLI {@code --context}). */
        public Builder contextLengths(List<Integer> values) {
            if (values.isEmpty()) {
                throw bad("contextLengths", values, "a non-empty list");
            }
            for (Integer v : values) {
                if (v == null || v < 1 || v > 10_000_000) {
                    throw bad("contextLengths", values, "integers in [1, 10000000]");
                }
            }
            this.contextLengths = new ArrayList<>(values);
            this.contextExplicit = true;
            return this;
        }

        /** Warm-up requests per configuration, 0..10,000 (default 1). */
        public Builder warmupRequests(int value) {
            if (value < 0 || value > 10_000) {
                throw bad("warmupRequests", value, "in [0, 10000]");
            }
            this.warmupRequests = value;
            return this;
        }

        /** Seed of the arrival schedule (default 42). */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Output token limit, 1..1,000,000 (default: server default for Ollama, 256 for vLLM/TGI as the reference). */
        public Builder maxTokens(int value) {
            if (value < 1 || value > 1_000_000) {
                throw bad("maxTokens", value, "in [1, 1000000]");
            }
            this.maxTokens = OptionalInt.of(value);
            return this;
        }

        /** Ask the server to ignore EOS so every request yields maxTokens (vLLM; default false). */
        public Builder ignoreEos(boolean value) {
            this.ignoreEos = value;
            return this;
        }

        /** Sampling temperature, [0, 10]. */
        public Builder temperature(double value) {
            if (!(value >= 0 && value <= 10)) {
                throw bad("temperature", value, "in [0, 10]");
            }
            this.temperature = OptionalDouble.of(value);
            return this;
        }

        /** Sampling seed sent with each request (default none). */
        public Builder samplingSeed(long value) {
            this.samplingSeed = Optional.of(value);
            return this;
        }

        /** An extra backend option (Ollama {@code options.<name>}, OpenAI top-level, TGI {@code parameters.<name>}). */
        public Builder option(String name, Object value) {
            if (name == null || name.isBlank() || value == null) {
                throw bad("option", name + "=" + value, "a non-blank name with a non-null value");
            }
            options.put(name, value);
            return this;
        }

        /** Sweep a backend option over values (e.g. {@code num_gpu → [0, 99]}). */
        public Builder optionSweep(String name, List<?> values) {
            if (name == null || name.isBlank() || values == null || values.isEmpty()
                    || values.stream().anyMatch(java.util.Objects::isNull)) {
                throw bad("optionSweep", name + "=" + values, "a non-blank name with a non-empty list of values");
            }
            optionSweeps.put(name, new ArrayList<>(values));
            return this;
        }

        /** Prompts used in rotation (default [MEDIUM]). */
        public Builder prompts(List<Prompt> values) {
            if (values == null || values.isEmpty() || values.stream().anyMatch(java.util.Objects::isNull)) {
                throw bad("prompts", values, "a non-empty list of prompts");
            }
            this.prompts = new ArrayList<>(values);
            return this;
        }

        /** A single prompt. */
        public Builder prompt(Prompt value) {
            return prompts(List.of(value));
        }

        /** Prefix every prompt with a unique request marker so prefix caches cannot help (default false). */
        public Builder uniquePrefix(boolean value) {
            this.uniquePrefix = value;
            return this;
        }

        /** Whole-request deadline, 1 ms..24 h (default 300 s). */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = range("requestTimeout", value, Duration.ofMillis(1), Duration.ofHours(24));
            return this;
        }

        /** Maximum silence between received bytes, 1 ms..24 h (default 60 s). */
        public Builder idleTimeout(Duration value) {
            this.idleTimeout = range("idleTimeout", value, Duration.ofMillis(1), Duration.ofHours(24));
            return this;
        }

        /** TCP connect timeout, 1 ms..10 min (default 10 s). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = range("connectTimeout", value, Duration.ofMillis(1), Duration.ofMinutes(10));
            return this;
        }

        static Duration range(String name, Duration v, Duration min, Duration max) {
            if (v == null || v.compareTo(min) < 0 || v.compareTo(max) > 0) {
                throw bad(name, v, "in [" + seconds(min) + ", " + seconds(max) + "]");
            }
            return v;
        }

        /**
         * HTTP proxy for every request, {@code http://host:port} (https targets are tunnelled).
         * Proxied requests go through the JDK {@code HttpClient}, whose timestamps are less precise
         * (see the bench README). Default: none, or the environment's.
         */
        public Builder proxy(URI value) {
            if (value == null) {
                throw bad("proxy", null, "an http://host:port URI");
            }
            io.chimeraforge.bench.internal.http.ProxyRoutes.explicit(value);
            this.proxy = Optional.of(value);
            return this;
        }

        /** TLS settings for https, instead of the JDK's default trust store. */
        public Builder sslContext(javax.net.ssl.SSLContext value) {
            if (value == null) {
                throw bad("sslContext", null, "an SSLContext");
            }
            this.sslContext = Optional.of(value);
            return this;
        }

        /**
         * Trust exactly the CA certificates of this PEM file for https.
         *
         * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
         */
        public Builder caCertificate(Path pem) {
            if (pem == null) {
                throw bad("caCertificate", null, "a PEM file path");
            }
            return sslContext(io.chimeraforge.bench.internal.http.TrustedCertificates.sslContext(pem));
        }

        /** Goodput objectives (default none). */
        public Builder slo(Slo value) {
            if (value == null) {
                throw bad("slo", null, "an Slo");
            }
            this.slo = Optional.of(value);
            return this;
        }

        /** Directory for the result file, named as the reference names it (CLI {@code --output-dir/-o}). */
        public Builder outputDir(Path value) {
            if (value == null) {
                throw bad("outputDir", null, "a directory path");
            }
            this.outputDir = Optional.of(value);
            return this;
        }

        /** Exact result file path (takes precedence over outputDir). */
        public Builder outputFile(Path value) {
            if (value == null) {
                throw bad("outputFile", null, "a file path");
            }
            this.outputFile = Optional.of(value);
            return this;
        }

        /**
         * Append one JSON line per finished request to {@code <result>.requests.jsonl} next to the
         * result file, flushed as each request ends, so a run that dies keeps every finished
         * request (default true; only with an output file or directory).
         */
        public Builder writeRequestLog(boolean value) {
            this.writeRequestLog = value;
            return this;
        }

        /**
         * Formerly the minimum time between whole-file rewrites; accepted for compatibility and
         * ignored (the result file is written once per configuration, requests go to the log).
         *
         * @deprecated no effect
         */
        @Deprecated
        public Builder checkpointInterval(Duration value) {
            this.checkpointInterval = range("checkpointInterval", value, Duration.ZERO, Duration.ofHours(1));
            return this;
        }

        /**
         * Timelines kept per configuration in {@link ConfigResult#timelines()}, 0..10,000,000
         * (default 10,000): a bound on memory for long runs; aggregates cover every request.
         */
        public Builder timelineLimit(int value) {
            if (value < 0 || value > 10_000_000) {
                throw bad("timelineLimit", value, "in [0, 10000000]");
            }
            this.timelineLimit = value;
            return this;
        }

        /** Request per-chunk usage from OpenAI-compatible servers (default true; turn off for servers that reject it). */
        public Builder continuousUsage(boolean value) {
            this.continuousUsage = value;
            return this;
        }

        /** Run health and model checks first (default true). */
        public Builder preflight(boolean value) {
            this.preflight = value;
            return this;
        }

        /**
         * The catalog GPU the server runs on (CLI {@code --hardware}): written as {@code "hardware"}
         * in every result, so a refit files the measurements under that GPU and the planner uses
         * them as measured there. Resolved through the bundled GPU catalog by
         * {@link GpuCatalog#requireSingle}: a full name in any case, or a partial name that fits
         * one GPU ({@code "4090"}); kept as the catalog spells it. Default: none, then
         * {@link #detectHardware} applies.
         *
         * @throws InvalidSettingException when the name is not in the catalog (the message lists the
         *         catalog) or fits several GPUs (it lists them); the catalog's
         *         {@link UnknownGpuException} or {@link AmbiguousGpuException} is the cause
         */
        public Builder hardware(String value) {
            if (value == null) {
                throw bad("hardware", null, "a GPU of the catalog");
            }
            GpuCatalog catalog = GpuCatalog.bundled();
            InvalidSettingException refused;
            try {
                this.hardware = Optional.of(catalog.requireSingle(value).name());
                return this;
            } catch (UnknownGpuException e) {
                refused = bad("hardware", value, "a GPU of the catalog (known GPUs: " + catalog.knownNames() + ")");
                refused.initCause(e);
            } catch (AmbiguousGpuException e) {
                refused = bad("hardware", value, "one GPU of the catalog; it matches " + String.join(", ", e.candidates())
                        + " -- name one in full");
                refused.initCause(e);
            }
            throw refused;
        }

        /**
         * When no {@link #hardware} is given, label the run with the GPU {@code nvidia-smi} reports
         * if its name and memory identify exactly one catalog GPU ({@link GpuCatalog#identify}) and
         * every base URL is on this machine (loopback: a local GPU says nothing about a remote
         * server); otherwise the results carry no label (default true). Needs the runner's GPU
         * probe ({@code BenchRunner.Builder.captureGpu}, on by default).
         */
        public Builder detectHardware(boolean value) {
            this.detectHardware = value;
            return this;
        }

        /** Label quant from the server's model details (Ollama) when none is given (default false). */
        public Builder autoLabelQuant(boolean value) {
            this.autoLabelQuant = value;
            return this;
        }

        /**
         * Validates combinations and builds.
         *
         * @throws IllegalStateException if the model is missing or settings conflict
         */
        public BenchConfig build() {
            if (model == null && quantTags.isEmpty()) {
                throw new IllegalStateException("model is required");
            }
            if (!rates.isEmpty() && workload != Workload.SERVER) {
                throw new IllegalStateException("rate applies only to the server workload, not " + workload.id());
            }
            if (rampUp.isPresent() && workload != Workload.CONCURRENT) {
                throw new IllegalStateException("ramp-up applies only to the concurrent workload, not " + workload.id());
            }
            if (arrival != ArrivalProcess.POISSON && workload != Workload.SERVER) {
                throw new IllegalStateException("arrival applies only to the server workload, not " + workload.id());
            }
            if (!quantTags.isEmpty() && quant.isPresent()) {
                throw new IllegalStateException("quant and quantTags cannot be combined: the sweep sets the label");
            }
            if (workload == Workload.SINGLE && concurrencies.stream().anyMatch(c -> c != 1)) {
                throw new IllegalStateException("the single workload runs one request at a time; use concurrent or batch");
            }
            if (allServerQuants && !quantLevels.isEmpty()) {
                throw new IllegalStateException("allServerQuants and quantLevels cannot be combined: pick levels or take all");
            }
            if ((allServerQuants || !quantLevels.isEmpty()) && !quantTags.isEmpty()) {
                throw new IllegalStateException("quantTags and server-resolved quant levels cannot be combined");
            }
            if ((allServerQuants || !quantLevels.isEmpty()) && quant.isPresent()) {
                throw new IllegalStateException("quant and a quant sweep cannot be combined: the sweep sets the label");
            }
            if ((allServerQuants || !quantLevels.isEmpty()) && backend != Backend.OLLAMA) {
                throw new IllegalStateException("quant levels are resolved from Ollama's /api/tags; with "
                        + backend.id() + " give quantTags (level -> served model) instead");
            }
            for (String k : optionSweeps.keySet()) {
                if (options.containsKey(k)) {
                    throw new IllegalStateException("option " + k + " is both fixed and swept");
                }
            }
            return new BenchConfig(this);
        }
    }
}
