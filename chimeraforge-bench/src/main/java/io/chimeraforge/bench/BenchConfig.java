package io.chimeraforge.bench;

import io.chimeraforge.bench.internal.http.HeaderRules;
import io.chimeraforge.bench.internal.http.RedactedHeaders;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Everything a bench run needs: the reference CLI's flags (spec §1.13) plus the measurement
 * controls the reference lacks. Build with {@link #builder()}; every setter documents its range
 * and default, and {@link Builder#build()} rejects conflicting settings with
 * {@link IllegalStateException}.
 *
 * <p>Sweeps: a run is the cartesian product of {@code quants} (or the single {@code quant}),
 * {@code contextLengths}, {@code concurrencies}, {@code rates} and {@code optionSweeps}; each
 * element is one result object in the file, in that nesting order (quant outermost).
 *
 * @param model               model name/tag (required)
 * @param backend             backend (default OLLAMA)
 * @param baseUrls            base URLs (default: the backend's default URL)
 * @param instanceMode        how requests spread over several URLs
 * @param chat                use the chat endpoint instead of completion
 * @param quant               quantization label for a single configuration
 * @param quantTags           quant sweep: level → model tag actually benchmarked (ordered)
 * @param workload            load shape
 * @param runs                measured requests per configuration
 * @param duration            optional time limit per configuration (whichever of runs/duration ends first)
 * @param concurrencies       concurrency values (empty: the workload's default)
 * @param rates               arrival rates for SERVER (empty: workload default)
 * @param arrival             arrival distribution for SERVER
 * @param burstiness          gamma shape (GAMMA only)
 * @param contextLengths      context lengths (first is the default configuration)
 * @param contextExplicit     whether context lengths were given by the user (non-Ollama warning)
 * @param warmupRequests      warm-up requests before each configuration (excluded)
 * @param seed                seed of the arrival schedule and of request sampling (recorded)
 * @param maxTokens           output token limit
 * @param ignoreEos           ask for exactly maxTokens (vLLM)
 * @param temperature         sampling temperature
 * @param samplingSeed        seed sent to the server with each request
 * @param options             extra backend options
 * @param optionSweeps        backend option name → values to sweep
 * @param prompts             prompts, request i uses prompts[i mod n]
 * @param uniquePrefix        prefix each prompt with a per-request marker to defeat prefix caching
 * @param requestTimeout      whole-request deadline
 * @param idleTimeout         maximum silence between bytes
 * @param connectTimeout      TCP connect timeout
 * @param slo                 goodput objectives
 * @param outputDir           directory for the result file
 * @param outputFile          exact result file (overrides outputDir naming)
 * @param writeRequestLog     also write per-request JSONL next to the result file
 * @param checkpointInterval  minimum time between incremental rewrites of the result file
 * @param continuousUsage     request per-chunk usage from OpenAI-compatible servers
 * @param preflight           run health/model checks before load
 * @param autoLabelQuant      label quant from the server's model details when none is given
 * @param quantLevels         quant sweep resolved from the server's model list (Ollama
 *                            {@code /api/tags}): the levels to benchmark, in order; empty for none
 * @param allServerQuants     quant sweep over every level the server lists for {@code model}
 * @param baselineTps         single-agent output throughput (tok/s) for {@code parallel_efficiency}
 *                            when the run itself has no single-agent configuration
 * @param rampUp              closed loop: worker w starts its first request w/N of this after the
 *                            start, instead of all N at once
 * @param headers             extra headers sent with every request (e.g. {@code Authorization});
 *                            values never appear in {@code toString}
 * @param proxy               HTTP proxy for every request; when empty, {@code HTTPS_PROXY} /
 *                            {@code HTTP_PROXY} / {@code NO_PROXY} apply (never to loopback targets)
 * @param sslContext          TLS settings for https (e.g. a private CA), instead of the JDK's defaults
 */
public record BenchConfig(String model, Backend backend, List<URI> baseUrls, InstanceMode instanceMode, boolean chat,
        Optional<String> quant, Map<String, String> quantTags, Workload workload, int runs, Optional<Duration> duration,
        List<Integer> concurrencies, List<Double> rates, ArrivalProcess arrival, double burstiness,
        List<Integer> contextLengths, boolean contextExplicit, int warmupRequests, long seed, OptionalInt maxTokens,
        boolean ignoreEos, OptionalDouble temperature, Optional<Long> samplingSeed, Map<String, Object> options,
        Map<String, List<Object>> optionSweeps, List<Prompt> prompts, boolean uniquePrefix, Duration requestTimeout,
        Duration idleTimeout, Duration connectTimeout, Optional<Slo> slo, Optional<Path> outputDir,
        Optional<Path> outputFile, boolean writeRequestLog, Duration checkpointInterval, boolean continuousUsage,
        boolean preflight, boolean autoLabelQuant, List<String> quantLevels,
        boolean allServerQuants, OptionalDouble baselineTps, Optional<Duration> rampUp, Map<String, String> headers,
        Optional<URI> proxy, Optional<javax.net.ssl.SSLContext> sslContext) {

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
    /** The reference's quant levels for {@code --all-quants}. */
    public static final List<String> QUANT_LEVELS = List.of("FP16", "FP8", "Q8_0", "Q6_K", "Q5_K_M", "AWQ", "GPTQ",
            "Q4_K_M", "Q3_K_S", "Q2_K");

    /** Copies collections (validation happens in the builder). */
    public BenchConfig {
        baseUrls = List.copyOf(baseUrls);
        quantTags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quantTags));
        concurrencies = List.copyOf(concurrencies);
        rates = List.copyOf(rates);
        contextLengths = List.copyOf(contextLengths);
        options = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
        Map<String, List<Object>> sweeps = new LinkedHashMap<>();
        optionSweeps.forEach((k, v) -> sweeps.put(k, List.copyOf(v)));
        optionSweeps = java.util.Collections.unmodifiableMap(sweeps);
        prompts = List.copyOf(prompts);
        quantLevels = List.copyOf(quantLevels);
        headers = RedactedHeaders.of(headers);
    }

    /** Whether quant levels are resolved to model tags from the server's model list at run time. */
    public boolean resolvesQuantsFromServer() {
        return allServerQuants || !quantLevels.isEmpty();
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this config. */
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
        b.proxy = proxy;
        b.sslContext = sslContext;
        return b;
    }

    /** Effective base URLs (the backend default when none were given). */
    public List<URI> effectiveBaseUrls() {
        return baseUrls.isEmpty() ? List.of(backend.defaultBaseUrl()) : baseUrls;
    }

    /**
     * A base URL checked to be http(s) with a host, without trailing slashes.
     *
     * @throws IllegalArgumentException naming {@code baseUrl}, the value and the expected form
     */
    static URI parseBaseUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value == null ? "" : value.strip());
        } catch (IllegalArgumentException e) {
            throw Builder.bad("baseUrl", value, "an http(s) URL such as http://localhost:11434");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw Builder.bad("baseUrl", value, "an http(s) URL such as http://localhost:11434");
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
        private boolean writeRequestLog;
        private Duration checkpointInterval = Duration.ofMillis(250);
        private boolean continuousUsage = true;
        private boolean preflight = true;
        private boolean autoLabelQuant;
        private List<String> quantLevels = new ArrayList<>();
        private boolean allServerQuants;
        private OptionalDouble baselineTps = OptionalDouble.empty();
        private Map<String, String> headers = new LinkedHashMap<>();
        private Optional<Duration> rampUp = Optional.empty();
        private Optional<URI> proxy = Optional.empty();
        private Optional<javax.net.ssl.SSLContext> sslContext = Optional.empty();

        private Builder() {
        }

        private static IllegalArgumentException bad(String name, Object value, String range) {
            return new IllegalArgumentException(name + " must be " + range + ", got " + value);
        }

        /** Model name/tag, required, non-blank (CLI {@code --model/-m}). */
        public Builder model(String value) {
            if (value == null || value.isBlank()) {
                throw bad("model", value, "a non-blank name");
            }
            this.model = value;
            return this;
        }

        /** Backend (default OLLAMA; CLI {@code --backend/-B}). */
        public Builder backend(Backend value) {
            if (value == null) {
                throw bad("backend", null, "one of ollama, vllm, tgi");
            }
            this.backend = value;
            return this;
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
            this.instanceMode = java.util.Objects.requireNonNull(value, "instanceMode");
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
            this.workload = java.util.Objects.requireNonNull(value, "workload");
            return this;
        }

        /** Measured requests per configuration, 1..10,000,000 (default 5; CLI {@code --runs/-n}). */
        public Builder runs(int value) {
            if (value < 1 || value > 10_000_000) {
                throw new IllegalArgumentException("--runs must be positive. (runs must be in [1, 10000000], got " + value + ")");
            }
            this.runs = value;
            return this;
        }

        /** Time limit per configuration, 1 ms..7 days (default none). */
        public Builder duration(Duration value) {
            if (value == null || value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(Duration.ofDays(7)) > 0) {
                throw bad("duration", value, "in [1 ms, 7 days]");
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
                throw bad("rampUp", value, "in [1 ms, 1 h]");
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
                    throw new IllegalArgumentException("--rate must be positive. (rate must be in (0, 1000000], got " + v + ")");
                }
                list.add(v);
            }
            this.rates = list;
            return this;
        }

        /** Arrival distribution (default POISSON). */
        public Builder arrival(ArrivalProcess value) {
            this.arrival = java.util.Objects.requireNonNull(value, "arrival");
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
                    throw new IllegalArgumentException(
                            "--context must be comma-separated positive integers (e.g., 512,1024,2048). (got " + values + ")");
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
                throw bad(name, v, "in [" + min + ", " + max + "]");
            }
            return v;
        }

        /**
         * HTTP proxy for every request, {@code http://host:port} (https targets are tunnelled).
         * Proxied requests go through the JDK {@code HttpClient}, whose timestamps are less precise
         * (see the bench README). Default: none, or the environment's.
         */
        public Builder proxy(URI value) {
            io.chimeraforge.bench.internal.http.ProxyRoutes.explicit(java.util.Objects.requireNonNull(value, "proxy"));
            this.proxy = Optional.of(value);
            return this;
        }

        /** TLS settings for https, instead of the JDK's default trust store. */
        public Builder sslContext(javax.net.ssl.SSLContext value) {
            this.sslContext = Optional.of(java.util.Objects.requireNonNull(value, "sslContext"));
            return this;
        }

        /**
         * Trust exactly the CA certificates of this PEM file for https.
         *
         * @throws IllegalArgumentException naming the file when it cannot be read or holds no certificate
         */
        public Builder caCertificate(Path pem) {
            return sslContext(io.chimeraforge.bench.internal.http.TrustedCertificates.sslContext(
                    java.util.Objects.requireNonNull(pem, "caCertificate")));
        }

        /** Goodput objectives (default none). */
        public Builder slo(Slo value) {
            this.slo = Optional.of(java.util.Objects.requireNonNull(value, "slo"));
            return this;
        }

        /** Directory for the result file, named as the reference names it (CLI {@code --output-dir/-o}). */
        public Builder outputDir(Path value) {
            this.outputDir = Optional.of(java.util.Objects.requireNonNull(value, "outputDir"));
            return this;
        }

        /** Exact result file path (takes precedence over outputDir). */
        public Builder outputFile(Path value) {
            this.outputFile = Optional.of(java.util.Objects.requireNonNull(value, "outputFile"));
            return this;
        }

        /** Also write one JSON line per request next to the result file (default false). */
        public Builder writeRequestLog(boolean value) {
            this.writeRequestLog = value;
            return this;
        }

        /** Minimum time between incremental result-file rewrites, 0..1 h (default 250 ms; 0 = after every request). */
        public Builder checkpointInterval(Duration value) {
            this.checkpointInterval = range("checkpointInterval", value, Duration.ZERO, Duration.ofHours(1));
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
            return new BenchConfig(model == null ? quantTags.values().iterator().next() : model, backend, baseUrls,
                    instanceMode, chat, quant, quantTags, workload, runs, duration, concurrencies, rates, arrival,
                    burstiness, contextLengths, contextExplicit, warmupRequests, seed, maxTokens, ignoreEos,
                    temperature, samplingSeed, options, optionSweeps, prompts, uniquePrefix, requestTimeout,
                    idleTimeout, connectTimeout, slo, outputDir, outputFile, writeRequestLog, checkpointInterval,
                    continuousUsage, preflight, autoLabelQuant, quantLevels, allServerQuants,
                    baselineTps, rampUp, headers, proxy, sslContext);
        }
    }
}
