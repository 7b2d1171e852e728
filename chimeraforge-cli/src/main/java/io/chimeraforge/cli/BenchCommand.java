package io.chimeraforge.cli;

import io.chimeraforge.bench.ArrivalProcess;
import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.BenchException;
import io.chimeraforge.bench.BenchReport;
import io.chimeraforge.bench.BenchRunner;
import io.chimeraforge.bench.InstanceMode;
import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.core.hardware.AmbiguousGpuException;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.hardware.UnknownGpuException;
import io.chimeraforge.bench.Prompt;
import io.chimeraforge.bench.Slo;
import io.chimeraforge.bench.Workload;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.cli.internal.BenchProgress;
import io.chimeraforge.cli.internal.BenchText;
import io.chimeraforge.cli.internal.PyNumberConverters;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyStrings;
import io.chimeraforge.core.quant.Backend;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chimeraforge bench}: the reference's flags, checks, messages and exit codes (spec §1.13,
 * §1.14), measuring over streaming clients, plus the load controls the reference lacks.
 * Diagnostics ({@code Results saved to: …}, the live progress line) go to stderr; {@code --json}
 * prints the result array and nothing else on stdout.
 */
@Command(name = "bench", sortOptions = false, usageHelpAutoWidth = true,
        description = "Benchmark a live inference server (Ollama, vLLM/OpenAI-compatible, TGI) with streaming requests.")
final class BenchCommand implements Callable<Integer> {

    /**
     * Exit code of a run stopped by Ctrl-C (128 + SIGINT), after the partial results were saved. A
     * run stopped by SIGTERM exits 143 (128 + SIGTERM): a signal-initiated JVM shutdown keeps the
     * signal's status, so each signal gets the shell's own convention.
     */
    static final int EXIT_CANCELLED = 130;
    /** How long a Ctrl-C waits for the run to stop and save before the JVM goes down anyway. */
    private static final long CANCEL_GRACE_SECONDS = 30;

    private final CliEnvironment environment;

    BenchCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    // ---- the reference's flags
    @Option(names = {"--model", "-m"}, required = true, description = "Model name/tag as the server knows it.")
    String model;
    @Option(names = {"--backend", "-B"}, defaultValue = "ollama", description = "ollama, vllm (any OpenAI-compatible server) or tgi (default: ${DEFAULT-VALUE}).")
    String backend;
    @Option(names = {"--quant", "-q"}, description = "Quantization label recorded in the result.")
    String quant;
    @Option(names = "--all-quants", description = "Sweep every quantization level the Ollama server lists for --model (tags with a quant suffix), or the --quant-tag levels when given.")
    boolean allQuants;
    @Option(names = "--quants", split = ",", paramLabel = "LEVEL[,LEVEL...]", description = "Sweep these quantization levels, each resolved to the Ollama tag of --model with that quant suffix (e.g. Q4_K_M,Q8_0); a missing level is an error.")
    List<String> quantLevels = new ArrayList<>();
    @Option(names = "--baseline-tps", converter = PyNumberConverters.Float.class, description = "Single-agent output throughput, tok/s, for parallel_efficiency when the run has no one-agent configuration (e.g. -c 1,2,4 has one).")
    Double baselineTps;
    @Option(names = {"--workload", "-w"}, defaultValue = "single", description = "single, batch, server or concurrent (default: ${DEFAULT-VALUE}).")
    String workload;
    @Option(names = "--rate", split = ",", converter = PyNumberConverters.Float.class, description = "Arrival rate, req/s, for the server workload; a comma list sweeps (default: 2.0).")
    List<Double> rates = new ArrayList<>();
    @Option(names = {"--runs", "-n"}, defaultValue = "5", converter = PyNumberConverters.Int.class, description = "Measured requests per configuration (default: ${DEFAULT-VALUE}).")
    BigInteger runs;
    @Option(names = "--context", description = "Context lengths to sweep, e.g. 512,1024,2048 (default: 2048).")
    String context;
    @Option(names = "--base-url", description = "Server base URL (default: the backend's); repeat for several instances.")
    List<String> baseUrls = new ArrayList<>();
    @Option(names = {"--output-dir", "-o"}, description = "Directory for the result file (default: the user data directory's results/).")
    Path outputDir;
    @Option(names = "--json", description = "Print the result array as one JSON document on stdout.")
    boolean json;
    @Option(names = {"--verbose", "-v"}, description = "Debug output (stack traces of unexpected errors).")
    boolean verbose;

    // ---- ours
    @Option(names = "--quant-tag", paramLabel = "LEVEL=TAG", description = "Quant sweep: benchmark TAG under the label LEVEL; repeat per level.")
    Map<String, String> quantTags = new LinkedHashMap<>();
    @Option(names = {"--concurrency", "-c"}, split = ",", converter = PyNumberConverters.Int.class, description = "Concurrency (server: in-flight cap); a comma list sweeps (default: the workload's).")
    List<BigInteger> concurrencies = new ArrayList<>();
    @Option(names = "--arrival", defaultValue = "poisson", description = "Server arrivals: poisson, gamma or constant (default: ${DEFAULT-VALUE}).")
    String arrival;
    @Option(names = "--burstiness", converter = PyNumberConverters.Float.class, description = "Gamma shape for --arrival gamma (<1 burstier; default 1.0).")
    Double burstiness;
    @Option(names = "--seed", defaultValue = "42", converter = PyNumberConverters.Int.class, description = "Seed of the arrival schedule (default: ${DEFAULT-VALUE}).")
    BigInteger seed;
    @Option(names = "--duration", converter = PyNumberConverters.Float.class, description = "Time limit per configuration, seconds (whichever of --runs/--duration ends first).")
    Double durationS;
    @Option(names = "--ramp-up", converter = PyNumberConverters.Float.class, description = "Concurrent workload: spread the workers' first requests over this many seconds instead of sending all at once.")
    Double rampUpS;
    @Option(names = "--warmup", defaultValue = "1", converter = PyNumberConverters.Int.class, description = "Warm-up requests per configuration, excluded from statistics (default: ${DEFAULT-VALUE}).")
    BigInteger warmup;
    @Option(names = "--max-tokens", converter = PyNumberConverters.Int.class, description = "Output token limit (default: the server's for Ollama, 256 for vLLM/TGI).")
    BigInteger maxTokens;
    @Option(names = "--ignore-eos", description = "Ask for exactly --max-tokens tokens (vLLM).")
    boolean ignoreEos;
    @Option(names = "--temperature", converter = PyNumberConverters.Float.class, description = "Sampling temperature.")
    Double temperature;
    @Option(names = "--sampling-seed", converter = PyNumberConverters.Int.class, description = "Sampling seed sent with every request.")
    BigInteger samplingSeed;
    @Option(names = "--prompt", defaultValue = "medium", description = "Built-in prompt: short, medium or long (default: ${DEFAULT-VALUE}).")
    String prompt;
    @Option(names = "--prompts-file", description = "Prompts, one per line, used in rotation (instead of --prompt).")
    Path promptsFile;
    @Option(names = "--unique-prefix", description = "Prefix each prompt with a request marker so prefix caches cannot help.")
    boolean uniquePrefix;
    @Option(names = "--chat", description = "Use the chat endpoint instead of the completion endpoint.")
    boolean chat;
    @Option(names = "--option", paramLabel = "NAME=VALUE", description = "Backend option (Ollama options.NAME, OpenAI top-level, TGI parameters.NAME); JSON values are parsed.")
    Map<String, String> options = new LinkedHashMap<>();
    @Option(names = "--slo-ttft-ms", converter = PyNumberConverters.Float.class, description = "Goodput objective: TTFT, ms.")
    Double sloTtftMs;
    @Option(names = "--slo-tpot-ms", converter = PyNumberConverters.Float.class, description = "Goodput objective: time per output token, ms.")
    Double sloTpotMs;
    @Option(names = "--slo-e2e-ms", converter = PyNumberConverters.Float.class, description = "Goodput objective: end-to-end latency from the scheduled send, ms.")
    Double sloE2eMs;
    @Mixin
    HeaderOptions headerOptions = new HeaderOptions();
    @Mixin
    TransportOptions transportOptions = new TransportOptions();
    @Option(names = "--instance-mode", defaultValue = "round-robin", description = "With several --base-url: round-robin or per-worker (default: ${DEFAULT-VALUE}).")
    String instanceMode;
    @Option(names = "--request-timeout", defaultValue = "300", converter = PyNumberConverters.Float.class, description = "Whole-request deadline, seconds (default: ${DEFAULT-VALUE}).")
    double requestTimeoutS;
    @Option(names = "--idle-timeout", defaultValue = "60", converter = PyNumberConverters.Float.class, description = "Longest silence within a stream, seconds (default: ${DEFAULT-VALUE}).")
    double idleTimeoutS;
    @Option(names = "--connect-timeout", defaultValue = "10", converter = PyNumberConverters.Float.class, description = "TCP connect timeout, seconds (default: ${DEFAULT-VALUE}).")
    double connectTimeoutS;
    @Option(names = "--output-file", description = "Exact result file path (instead of a dated name in --output-dir).")
    Path outputFile;
    @Option(names = "--no-request-log", description = "Do not write the per-request JSONL next to the result file (written by default, one flushed line per finished request).")
    boolean noRequestLog;
    @Option(names = "--request-log", hidden = true, description = "Kept for compatibility: the request log is on by default.")
    boolean requestLog;
    @Option(names = "--fail-on-error", description = "Exit 1 when any measured request failed (HTTP error, transport error, timeout); the summary and result file are still written. Requests cancelled at the --duration limit are not failures.")
    boolean failOnError;
    @Option(names = "--no-preflight", description = "Skip the health and model checks.")
    boolean noPreflight;
    @Option(names = "--auto-quant", description = "Label the quant from the server's model details (Ollama) when --quant is not given.")
    boolean autoQuant;
    @Option(names = "--no-continuous-usage", description = "Do not ask OpenAI-compatible servers for per-chunk usage (for servers that reject it).")
    boolean noContinuousUsage;
    @Option(names = "--hardware", paramLabel = "NAME", description = "The catalog GPU the server runs on (e.g. \"RTX 4090 24GB\"; see `plan --list-hardware`), written as \"hardware\" in every result so refit files the measurements under that GPU. Default: the GPU nvidia-smi reports, when the server is on this machine and the GPU is one catalog entry.")
    String hardware;
    @Option(names = {"--help", "-h"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        BenchConfig config = config();
        BenchRunner.Builder builder = BenchRunner.builder(config).wallClock(environment.clock());
        BenchProgress progress = null;
        if (environment.terminal() && !json) {
            progress = new BenchProgress(environment.err());
            builder.listener(progress);
        }
        BenchRunner runner = builder.build();
        // Ctrl-C (SIGINT/SIGTERM run shutdown hooks): stop sending, abort what is in flight, and
        // wait until run() has written the partial file and this command has printed its summary.
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            runner.cancel();
            try {
                finished.await(CANCEL_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "chimeraforge-bench-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BenchReport report;
            try {
                report = runner.run();
            } finally {
                if (progress != null) {
                    progress.close();
                }
            }
            printSummary(report);
            report.resultFile().ifPresent(f -> environment.err().println("Results saved to: " + f));
            report.requestLog().ifPresent(f -> environment.err().println("Request log saved to: " + f));
            if (report.cancelled()) {
                environment.err().println("Warning: run cancelled; the saved results hold the requests that finished.");
                return EXIT_CANCELLED;
            }
            return failOnError && report.counts().failed() > 0 ? 1 : 0;
        } catch (BenchException e) {
            if (e.report().isPresent()) {
                // Measured, but the file could not be written: the numbers still reach the user
                // (stdout stays the one results document even with --json), the failure goes to stderr.
                printSummary(e.report().get());
                environment.err().println("Error: " + e.getMessage());
                return 1;
            }
            String message = e.getMessage();
            if (e.kind() == BenchException.Kind.ALL_FAILED) {
                message += " Results saved to: " + config.outputFile().map(Path::toString).orElse("(not saved)");
            }
            throw new CliException(message);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // The JVM is shutting down (Ctrl-C); the hook is running and now returns.
            }
        }
    }

    /** The tables (or the JSON document), then — loudly, on stderr — any failed requests by kind. */
    private void printSummary(BenchReport report) {
        if (json) {
            // Streamed: a long run's document is tens of MB.
            java.io.PrintStream stdout = environment.out();
            // Through the PrintStream's own encoding, as println would, in 64 KiB pieces.
            java.io.Writer out = new java.io.BufferedWriter(new java.io.Writer() {
                @Override
                public void write(char[] buffer, int off, int len) {
                    stdout.print(new String(buffer, off, len));
                }

                @Override
                public void flush() {
                    stdout.flush();
                }

                @Override
                public void close() {
                    flush();
                }
            }, 1 << 16);
            try {
                BenchResultFiles.write(out, report.results());
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            environment.out().println();
        } else {
            BenchText.print(environment.out(), report.results());
        }
        BenchText.failureLine(report.counts()).ifPresent(line -> environment.err().println(line));
    }

    /** Validates flags in the reference's order, then builds the configuration (all failures exit 1). */
    private BenchConfig config() {
        if (runs.signum() <= 0) {
            throw new CliException("--runs must be positive.");
        }
        for (double r : rates) {
            if (!(r > 0)) {
                throw new CliException("--rate must be positive.");
            }
        }
        List<Integer> contexts = context == null ? List.of() : parseContext(context);
        if (baselineTps != null && !(baselineTps > 0 && baselineTps < Double.POSITIVE_INFINITY)) {
            throw new CliException("--baseline-tps must be positive.");
        }
        for (String level : quantLevels) {
            if (!io.chimeraforge.core.quant.Quantization.isKnown(level.strip().toUpperCase(Locale.ROOT))) {
                throw new CliException("--quants: unknown quantization level " + level.strip() + " (e.g. Q4_K_M, Q8_0, FP16).");
            }
        }
        if (!quantLevels.isEmpty() && (allQuants || !quantTags.isEmpty())) {
            throw new CliException("--quants picks levels to resolve from the server; it cannot be combined with "
                    + (allQuants ? "--all-quants (every level)." : "--quant-tag (explicit tags)."));
        }
        if (quant != null && (allQuants || !quantLevels.isEmpty())) {
            throw new CliException("--quant cannot be combined with a quant sweep (" + (allQuants ? "--all-quants" : "--quants")
                    + "): the sweep sets the label.");
        }
        Backend chosenBackend;
        Workload chosenWorkload;
        try {
            chosenBackend = Backend.fromId(backend).filter(b -> b != Backend.SGLANG).orElseThrow(() -> new CliException(
                    "Unknown backend: " + backend + ". Available: ['ollama', 'vllm', 'tgi']"));
            chosenWorkload = Workload.fromId(workload);
        } catch (BenchException e) {
            throw new CliException(e.getMessage());
        }
        ArrivalProcess chosenArrival = switch (arrival.toLowerCase(Locale.ROOT)) {
            case "poisson" -> ArrivalProcess.POISSON;
            case "gamma" -> ArrivalProcess.GAMMA;
            case "constant" -> ArrivalProcess.CONSTANT;
            default -> throw new CliException("--arrival must be one of: poisson, gamma, constant.");
        };
        if ((allQuants && quantTags.isEmpty() || !quantLevels.isEmpty()) && chosenBackend != Backend.OLLAMA) {
            throw new CliException((allQuants ? "--all-quants" : "--quants") + " with " + chosenBackend.id()
                    + " needs --quant-tag LEVEL=TAG for each level (levels are discovered only from Ollama's /api/tags).");
        }
        for (String url : baseUrls) {
            checkBaseUrl(url);
        }
        InstanceMode mode = switch (instanceMode.toLowerCase(Locale.ROOT)) {
            case "round-robin" -> InstanceMode.ROUND_ROBIN;
            case "per-worker" -> InstanceMode.PER_WORKER;
            default -> throw new CliException("--instance-mode must be one of: round-robin, per-worker.");
        };
        try {
            BenchConfig.Builder b = BenchConfig.builder().model(model).backend(chosenBackend).workload(chosenWorkload)
                    .runs(intValue("--runs", runs)).seed(longValue("--seed", seed))
                    .warmupRequests(intValue("--warmup", warmup)).instanceMode(mode).chat(chat)
                    .uniquePrefix(uniquePrefix).ignoreEos(ignoreEos).writeRequestLog(!noRequestLog)
                    .preflight(!noPreflight).autoLabelQuant(autoQuant).continuousUsage(!noContinuousUsage)
                    .requestTimeout(seconds("--request-timeout", requestTimeoutS))
                    .idleTimeout(seconds("--idle-timeout", idleTimeoutS))
                    .connectTimeout(seconds("--connect-timeout", connectTimeoutS));
            headerOptions.resolve(environment.env()).forEach(b::header);
            transportOptions.applyTo(b);
            if (quant != null) {
                b.quant(quant);
            }
            if (hardware != null) {
                b.hardware(hardware);
            }
            if (!quantTags.isEmpty()) {
                b.quantTags(quantTags);
            } else if (allQuants) {
                b.allServerQuants(true);
            }
            if (!quantLevels.isEmpty()) {
                b.quantLevels(quantLevels);
            }
            if (baselineTps != null) {
                b.baselineTps(baselineTps);
            }
            if (!rates.isEmpty()) {
                b.rate(rates.stream().mapToDouble(Double::doubleValue).toArray());
            }
            if (!concurrencies.isEmpty()) {
                int[] values = new int[concurrencies.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = intValue("--concurrency", concurrencies.get(i));
                }
                b.concurrency(values);
            }
            if (!contexts.isEmpty()) {
                b.contextLengths(contexts);
            }
            b.arrival(chosenArrival);
            if (burstiness != null) {
                b.burstiness(burstiness);
            }
            if (rampUpS != null) {
                b.rampUp(seconds("--ramp-up", rampUpS));
            }
            if (durationS != null) {
                b.duration(seconds("--duration", durationS));
            }
            if (maxTokens != null) {
                b.maxTokens(intValue("--max-tokens", maxTokens));
            }
            if (temperature != null) {
                b.temperature(temperature);
            }
            if (samplingSeed != null) {
                b.samplingSeed(longValue("--sampling-seed", samplingSeed));
            }
            b.prompts(promptsFile != null ? readPrompts(promptsFile) : List.of(Prompt.builtIn(prompt)));
            options.forEach((name, value) -> b.option(name, optionValue(value)));
            if (sloTtftMs != null || sloTpotMs != null || sloE2eMs != null) {
                b.slo(new Slo(optional(sloTtftMs), optional(sloTpotMs), optional(sloE2eMs)));
            }
            b.baseUrls(baseUrls);
            b.outputFile(outputFile != null ? outputFile
                    : (outputDir != null ? outputDir : environment.dataDirectory().resolve("results"))
                            .resolve(BenchResultFiles.fileName(BenchResultFiles.isoTimestamp(environment.clock().instant()))));
            return b.build();
        } catch (InvalidSettingException e) {
            throw new CliException(hardwareMessage(e).orElseGet(() -> flagMessage(e)));
        } catch (IllegalArgumentException | IllegalStateException | BenchException e) {
            throw new CliException(e.getMessage());
        }
    }

    /** The SDK's parameter names as this command's flags. */
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("model", "--model"),
            Map.entry("backend", "--backend"), Map.entry("baseUrl", "--base-url"), Map.entry("runs", "--runs"),
            Map.entry("duration", "--duration"), Map.entry("rampUp", "--ramp-up"),
            Map.entry("concurrency", "--concurrency"), Map.entry("rate", "--rate"),
            Map.entry("burstiness", "--burstiness"), Map.entry("contextLengths", "--context"),
            Map.entry("warmupRequests", "--warmup"), Map.entry("maxTokens", "--max-tokens"),
            Map.entry("temperature", "--temperature"), Map.entry("option", "--option"),
            Map.entry("requestTimeout", "--request-timeout"), Map.entry("idleTimeout", "--idle-timeout"),
            Map.entry("connectTimeout", "--connect-timeout"), Map.entry("baselineTps", "--baseline-tps"),
            Map.entry("quant", "--quant"), Map.entry("quantTags", "--quant-tag"), Map.entry("quantLevels", "--quants"),
            Map.entry("prompts", "--prompts-file"), Map.entry("outputFile", "--output-file"),
            Map.entry("outputDir", "--output-dir"), Map.entry("hardware", "--hardware"));

    /**
     * A refused {@code --hardware} in the words {@code plan --hardware} uses: the catalog's
     * rule (the SDK's cause) decides, this only words it; empty for other settings.
     */
    static java.util.Optional<String> hardwareMessage(InvalidSettingException e) {
        if (e.getCause() instanceof UnknownGpuException unknown) {
            return java.util.Optional.of("--hardware '" + unknown.query() + "' is not in the GPU catalog. Known GPUs: "
                    + GpuCatalog.bundled().knownNames() + ". Run `chimeraforge plan --list-hardware` for the table.");
        }
        if (e.getCause() instanceof AmbiguousGpuException ambiguous) {
            return java.util.Optional.of("--hardware " + ambiguous.getMessage() + " (see `chimeraforge plan --list-hardware`)");
        }
        return java.util.Optional.empty();
    }

    /** An SDK range error in this command's words: the flag, what it accepts, the value given. */
    static String flagMessage(InvalidSettingException e) {
        String flag = FLAGS.getOrDefault(e.setting(), e.setting());
        String value = e.value().matches("-?[0-9.eE+]+( s)?|NaN|-?Infinity") ? e.value() : "'" + e.value() + "'";
        return flag + " must be " + e.allowed() + ", got " + value + ".";
    }

    /** The reference crashed on a URL without a scheme (spec §1.14); here it is one line, exit 1. */
    static void checkBaseUrl(String url) {
        try {
            BenchConfig.builder().baseUrl(url);
        } catch (InvalidSettingException e) {
            // The SDK's value is the URL with any password hidden.
            throw new CliException("--base-url must be an http(s) URL such as http://localhost:11434, got '" + e.value() + "'.");
        }
    }

    private static List<Integer> parseContext(String text) {
        String message = "--context must be comma-separated positive integers (e.g., 512,1024,2048).";
        List<Integer> out = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            String v = PyStrings.strip(item);
            int parsed;
            try {
                parsed = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new CliException(message);
            }
            if (parsed <= 0) {
                throw new CliException(message);
            }
            out.add(parsed);
        }
        return out;
    }

    private static int intValue(String flag, BigInteger value) {
        if (value.bitLength() > 31) {
            throw new CliException(flag + " is out of range: " + value + ".");
        }
        return value.intValueExact();
    }

    private static long longValue(String flag, BigInteger value) {
        if (value.bitLength() > 63) {
            throw new CliException(flag + " is out of range: " + value + ".");
        }
        return value.longValueExact();
    }

    private static Duration seconds(String flag, double value) {
        if (!(value > 0) || value > 7 * 24 * 3600) {
            throw new CliException(flag + " must be a positive number of seconds (up to 7 days), got " + value + ".");
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** A JSON scalar/array/object when the text parses as one (99, true, [1,2]); the text itself otherwise. */
    private static Object optionValue(String text) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = Json.mapper().readTree(text);
            if (node != null && !node.isMissingNode() && !node.isNull()) {
                return Json.mapper().treeToValue(node, Object.class);
            }
        } catch (IOException e) {
            // not JSON: a string option
        }
        return text;
    }

    private static List<Prompt> readPrompts(Path file) {
        List<String> lines;
        try {
            lines = List.of(Files.readString(file, StandardCharsets.UTF_8).split("\\R", -1));
        } catch (NoSuchFileException e) {
            throw new CliException("prompts file not found: " + file);
        } catch (IOException e) {
            throw new CliException("prompts file '" + file + "' could not be read: " + e.getMessage());
        }
        List<Prompt> prompts = new ArrayList<>();
        for (String line : lines) {
            String text = PyStrings.strip(line);
            if (!text.isEmpty()) {
                prompts.add(new Prompt("file:" + (prompts.size() + 1), text));
            }
        }
        if (prompts.isEmpty()) {
            throw new CliException("prompts file '" + file + "' has no non-empty lines.");
        }
        return prompts;
    }
}
