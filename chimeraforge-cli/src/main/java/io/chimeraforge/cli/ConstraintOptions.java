package io.chimeraforge.cli;

import io.chimeraforge.cli.internal.PyNumberConverters;
import java.math.BigInteger;
import picocli.CommandLine.Option;

/**
 * The workload and constraint options {@code plan} and {@code suggest} share, with the reference's
 * names, short names and defaults (a picocli mixin: one declaration for both commands).
 */
final class ConstraintOptions {

    @Option(names = {"--request-rate", "-r"}, defaultValue = "1.0", converter = PyNumberConverters.Float.class, description = "Requests per second (default: ${DEFAULT-VALUE}).")
    double requestRate;
    @Option(names = {"--latency-slo", "-l"}, defaultValue = "5000.0", converter = PyNumberConverters.Float.class, description = "p95 latency SLO in ms (default: ${DEFAULT-VALUE}).")
    double latencySlo;
    @Option(names = {"--quality-target", "-q"}, defaultValue = "0.5", converter = PyNumberConverters.Float.class, description = "Minimum quality score 0..1 (default: ${DEFAULT-VALUE}).")
    double qualityTarget;
    @Option(names = {"--safety-target", "-s"}, converter = PyNumberConverters.Float.class, description = "Minimum refusal rate 0..1 (default: off).")
    Double safetyTarget;
    @Option(names = {"--budget", "-b"}, defaultValue = "100.0", converter = PyNumberConverters.Float.class, description = "Monthly budget in $ (default: ${DEFAULT-VALUE}).")
    double budget;
    @Option(names = {"--hardware", "-hw"}, defaultValue = "RTX 4080 12GB", description = "GPU name (default: ${DEFAULT-VALUE}); see plan --list-hardware.")
    String hardware;
    @Option(names = "--context-length", defaultValue = "2048", converter = PyNumberConverters.Int.class, description = "Context window in tokens (default: ${DEFAULT-VALUE}).")
    BigInteger contextLength;
    @Option(names = "--avg-tokens", defaultValue = "128", converter = PyNumberConverters.Int.class, description = "Output tokens per request (default: ${DEFAULT-VALUE}).")
    BigInteger avgTokens;
}
