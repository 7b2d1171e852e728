package io.chimeraforge.cli;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.planner.workload.ProfileField;
import io.chimeraforge.planner.workload.ProfileKey;
import io.chimeraforge.planner.workload.WorkloadException;
import io.chimeraforge.planner.workload.WorkloadProfile;
import io.chimeraforge.planner.workload.WorkloadProfiler;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chimeraforge workload}: derive plan inputs (rate, prompt and output lengths, the
 * variance term, prefix-cache hit rate) from a request log or a vLLM/SGLang metrics scrape.
 */
@Command(name = "workload", sortOptions = false, usageHelpAutoWidth = true,
        description = "Derive plan inputs from measured traffic: a JSONL request log (exact) or a vLLM/SGLang"
                + " Prometheus scrape (partial: no rate).")
final class WorkloadCommand implements Callable<Integer> {

    /** The fields a plan takes, shown as "Derived inputs". */
    private static final Set<ProfileKey> PLAN_INPUTS = EnumSet.of(ProfileKey.REQUEST_RATE, ProfileKey.PROMPT_TOKENS,
            ProfileKey.OUTPUT_TOKENS, ProfileKey.WORKLOAD_CV2, ProfileKey.PREFIX_CACHE_HIT_RATE);

    private final CliEnvironment environment;

    WorkloadCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Option(names = "--from-log", paramLabel = "PATH", description = "JSONL request log, one request per line"
            + " (timestamp/ts/time/start_time, prompt_tokens/input_tokens, completion_tokens/output_tokens, cached_tokens).")
    Path fromLog;
    @Option(names = "--from-metrics", paramLabel = "URL_OR_PATH", description = "Prometheus /metrics URL to scrape,"
            + " or a saved scrape.")
    String fromMetrics;
    @Option(names = "--engine", description = "Engine that exposed the metrics: vllm or sglang (needed with"
            + " --from-metrics).")
    String engine;
    @Option(names = "--engine-version", defaultValue = "unknown", description = "Engine version to record"
            + " (default: ${DEFAULT-VALUE}).")
    String engineVersion;
    @Option(names = "--out", paramLabel = "PATH", description = "Write the profile JSON here (atomically), for"
            + " plan --workload-profile.")
    Path out;
    @Option(names = "--compat", defaultValue = "corrected", converter = CompatConverter.class,
            description = "'corrected' (default: workload_cv2 from decode lengths, arrival_cv2 reported) or"
                    + " 'reference' (chimeraforge 0.30: workload_cv2 from inter-arrival gaps).")
    Compat compat;
    @Option(names = "--json", description = "Print the profile as one JSON document on stdout.")
    boolean json;
    @Mixin
    StandardOptions standard = new StandardOptions();

    /** Parses {@code --compat}. */
    static final class CompatConverter implements CommandLine.ITypeConverter<Compat> {
        @Override
        public Compat convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "reference" -> Compat.REFERENCE;
                case "corrected" -> Compat.CORRECTED;
                default -> throw new CommandLine.TypeConversionException(
                        "expected 'corrected' or 'reference', got '" + value + "'");
            };
        }
    }

    @Override
    public Integer call() {
        if ((fromLog == null) == (fromMetrics == null)) {
            throw new CliException("pass exactly one of --from-log or --from-metrics.");
        }
        if (fromMetrics != null && engine == null) {
            throw new CliException("--from-metrics needs --engine (vllm or sglang).");
        }
        WorkloadProfiler profiler = WorkloadProfiler.builder().compat(compat).clock(environment.clock()).build();
        WorkloadProfile profile;
        try {
            if (fromLog != null) {
                profile = engine == null ? profiler.fromLog(fromLog) : profiler.fromLog(fromLog, engine);
            } else if (fromMetrics.startsWith("http://") || fromMetrics.startsWith("https://")) {
                profile = profiler.scrape(URI.create(fromMetrics), engine, engineVersion);
            } else {
                profile = profiler.fromMetrics(Path.of(fromMetrics), engine, engineVersion);
            }
            if (out != null) {
                profile.write(out);
            }
        } catch (WorkloadException | IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        if (out != null) {
            (json ? environment.err() : environment.out()).println("Profile written to " + out.toAbsolutePath());
        }
        if (json) {
            environment.out().println(profile.toJson());
        } else {
            printHuman(profile);
        }
        return 0;
    }

    private void printHuman(WorkloadProfile p) {
        var o = environment.out();
        o.println("Workload profile from " + p.source() + " (engine " + p.engine() + ", " + p.sampleCount()
                + " requests" + (p.windowSeconds() > 0 ? " over " + PyNumbers.fixed(p.windowSeconds(), 1) + " s" : "")
                + ")");
        o.println();
        o.println("Derived inputs");
        p.fields().forEach((key, field) -> {
            if (PLAN_INPUTS.contains(key)) {
                o.println(row(key, field));
            }
        });
        if (p.fields().keySet().stream().anyMatch(k -> !PLAN_INPUTS.contains(k))) {
            o.println();
            o.println("Also observed (not plan inputs)");
            p.fields().forEach((key, field) -> {
                if (!PLAN_INPUTS.contains(key)) {
                    o.println(row(key, field));
                }
            });
        }
        // the file keeps upstream's quirk of listing workload_cv2 as absent even when the decode
        // lengths supplied it (golden parity); people are told only what is really missing
        var missing = p.absent().stream().filter(k -> !p.fields().containsKey(k)).toList();
        if (!missing.isEmpty()) {
            o.println();
            o.println("Not measured (pass these to plan yourself; nothing is defaulted): "
                    + missing.stream().map(ProfileKey::id).collect(Collectors.joining(", ")));
        }
        if (!p.notes().isEmpty()) {
            o.println();
            o.println("Notes");
            p.notes().forEach(n -> o.println("  - " + n));
        }
    }

    private static String row(ProfileKey key, ProfileField f) {
        return String.format(Locale.ROOT, "  %-22s %12s  %-9s  %s", key.id(), PyNumbers.repr(f.value()), f.provenance(),
                f.note());
    }
}
