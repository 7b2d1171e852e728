package io.chimeraforge.cli;

import io.chimeraforge.bench.Backend;
import io.chimeraforge.bench.BackendClient;
import io.chimeraforge.bench.BenchException;
import io.chimeraforge.cli.internal.BackendTextGenerator;
import io.chimeraforge.cli.internal.PyNumberConverters;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.model.ModelIdentity;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.RegistryModel;
import io.chimeraforge.eval.EvalException;
import io.chimeraforge.eval.safety.GenerationOptions;
import io.chimeraforge.eval.safety.RefusalClassifier;
import io.chimeraforge.eval.safety.SafetyGate;
import io.chimeraforge.eval.safety.SafetyPrompts;
import io.chimeraforge.eval.safety.SafetyReport;
import io.chimeraforge.eval.safety.SafetyResult;
import io.chimeraforge.eval.safety.SafetyScreen;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chimeraforge safety}: the refusal screen (spec §4.2, §4.3) against a live server of any
 * backend, compared with the bundled TR134/TR142 measurements and an optional pass threshold.
 * Exit 1 when the measured refusal rate is below {@code --safety-target}, after printing.
 */
@Command(name = "safety", sortOptions = false, usageHelpAutoWidth = true,
        description = "Screen a served model's refusal rate on a prompts file and compare it with bundled measurements.")
final class SafetyCommand implements Callable<Integer> {

    private static final int MAX_WARNINGS_SHOWN = 10;

    private final CliEnvironment environment;

    SafetyCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Option(names = {"--model", "-m"}, required = true, description = "Model name/tag as the server knows it.")
    String model;
    @Option(names = {"--prompts", "-p"}, required = true, description = "Prompts file: one prompt per line, blank lines ignored.")
    Path prompts;
    @Option(names = {"--backend", "-B"}, defaultValue = "ollama", description = "ollama, vllm (any OpenAI-compatible server) or tgi (default: ${DEFAULT-VALUE}).")
    String backend;
    @Option(names = {"--quant", "-q"}, description = "Quantization label (default: parsed from the model tag for the comparison).")
    String quant;
    @Option(names = {"--safety-target", "-s"}, converter = PyNumberConverters.Float.class, description = "Minimum refusal rate 0..1; below it the command exits 1.")
    Double safetyTarget;
    @Mixin
    HeaderOptions headerOptions = new HeaderOptions();
    @Mixin
    TransportOptions transportOptions = new TransportOptions();
    @Option(names = "--base-url", description = "Server base URL (default: the backend's).")
    String baseUrl;
    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;
    @Option(names = {"--verbose", "-v"}, description = "Also print per-pattern refusal hit counts (stderr).")
    boolean verbose;
    @Option(names = "--seed", converter = PyNumberConverters.Int.class, description = "Sampling seed (default: the server's).")
    BigInteger seed;
    @Option(names = "--temperature", converter = PyNumberConverters.Float.class, description = "Sampling temperature (default: the server's; 0.7 on vLLM/TGI).")
    Double temperature;
    @Option(names = "--max-tokens", converter = PyNumberConverters.Int.class, description = "Output token limit (default: the server's; 256 on vLLM/TGI).")
    BigInteger maxTokens;
    @Option(names = "--chat", description = "Use the chat endpoint (Ollama, OpenAI-compatible) instead of plain completion.")
    boolean chat;
    @Option(names = "--request-timeout", defaultValue = "300", converter = PyNumberConverters.Float.class, description = "Per-prompt deadline, seconds (default: ${DEFAULT-VALUE}).")
    double requestTimeoutS;
    @Option(names = {"--help", "-h"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        OptionalDouble target = safetyTarget == null ? OptionalDouble.empty() : OptionalDouble.of(safetyTarget);
        List<String> promptList;
        try {
            if (target.isPresent()) {
                try {
                    SafetyReport.validateTarget(target.getAsDouble());
                } catch (io.chimeraforge.core.InvalidSettingException e) {
                    throw new CliException("--safety-target must be between 0.0 and 1.0.");
                }
            }
            promptList = SafetyPrompts.read(prompts);
        } catch (EvalException e) {
            throw new CliException(e.getMessage());
        }
        GenerationOptions options = options();
        BackendClient.Builder clientBuilder;
        try {
            clientBuilder = BackendClient.builder(Backend.fromId(backend)).chat(chat)
                    .requestTimeout(seconds("--request-timeout", requestTimeoutS));
            headerOptions.resolve(environment.env()).forEach(clientBuilder::header);
            transportOptions.applyTo(clientBuilder);
            if (baseUrl != null) {
                BenchCommand.checkBaseUrl(baseUrl);
                clientBuilder.baseUrl(baseUrl);
            }
        } catch (BenchException | IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        SafetyScreen.Builder screen = SafetyScreen.builder(model).options(options);
        if (quant != null) {
            if (quant.isBlank()) {
                throw new CliException("--quant must not be blank.");
            }
            screen.quant(quant);
        }
        boolean progress = environment.terminal() && !json;
        if (progress) {
            screen.listener((done, total) -> {
                environment.err().print("\rScreening prompts: " + done + "/" + total);
                if (done == total) {
                    environment.err().println();
                }
                environment.err().flush();
            });
        }
        SafetyResult result;
        try (BackendClient client = clientBuilder.build()) {
            result = screen.build().run(new BackendTextGenerator(client), promptList);
        } catch (EvalException e) {
            if (progress) {
                environment.err().println();
            }
            throw new CliException(e.getMessage());
        }
        Optional<String> registryModel = ModelIdentity.approximate(model, ModelRegistry.bundled()).map(RegistryModel::name);
        Optional<String> comparedQuant = quant != null ? Optional.of(quant) : ModelIdentity.parseQuant(model);
        SafetyReport report = SafetyReport.compare(result, SafetyGate.bundled(), registryModel, comparedQuant, target);
        if (json) {
            environment.out().println(report.toJson());
        } else {
            printPanel(environment.out(), report);
        }
        if (verbose) {
            List<Integer> hits = result.patternHits();
            StringBuilder line = new StringBuilder("Refusal pattern hits:");
            for (int i = 0; i < hits.size(); i++) {
                line.append(' ').append(i + 1).append('=').append(hits.get(i));
            }
            environment.err().println(line);
        }
        if (!report.passed()) {
            environment.err().println("Safety target not met: refusal rate " + PyNumbers.fixed(result.refusalRate(), 3)
                    + " is below " + PyNumbers.fixed(target.getAsDouble(), 3) + ".");
            return 1;
        }
        return 0;
    }

    private GenerationOptions options() {
        OptionalLong s = OptionalLong.empty();
        if (seed != null) {
            if (seed.bitLength() > 63) {
                throw new CliException("--seed is out of range: " + seed + ".");
            }
            s = OptionalLong.of(seed.longValueExact());
        }
        OptionalDouble t = OptionalDouble.empty();
        if (temperature != null) {
            if (!(temperature >= 0 && temperature <= 10)) {
                throw new CliException("--temperature must be between 0 and 10.");
            }
            t = OptionalDouble.of(temperature);
        }
        OptionalInt m = OptionalInt.empty();
        if (maxTokens != null) {
            if (maxTokens.signum() <= 0 || maxTokens.compareTo(BigInteger.valueOf(1_000_000)) > 0) {
                throw new CliException("--max-tokens must be between 1 and 1000000.");
            }
            m = OptionalInt.of(maxTokens.intValueExact());
        }
        return new GenerationOptions(s, t, m);
    }

    private static Duration seconds(String flag, double value) {
        if (!(value > 0) || value > 24 * 3600) {
            throw new CliException(flag + " must be a positive number of seconds (up to 24 h), got " + value + ".");
        }
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    private static void printPanel(PrintStream out, SafetyReport report) {
        SafetyResult r = report.result();
        String row = "  %-18s %s%n";
        out.println("Safety screen");
        out.printf(row, "Model", r.model());
        out.printf(row, "Quant", r.quant().orElse("(unspecified)"));
        out.printf(row, "Backend", r.backend());
        out.printf(row, "Prompts screened", r.nPrompts() + " (" + r.nErrors() + " errored)");
        out.printf(row, "Refusal rate", PyNumbers.fixed(r.refusalRate(), 3) + " (measured)");
        if (report.expectedRefusal().isPresent()) {
            out.printf(row, "Expected", PyNumbers.fixed(report.expectedRefusal().getAsDouble(), 3) + " (bundled, "
                    + report.resolvedTo().orElse("?") + ")");
            double drift = report.drift().getAsDouble();
            out.printf(row, "Drift", (drift >= 0 ? "+" : "") + PyNumbers.fixed(drift, 3)
                    + (drift >= -0.05 ? "" : " (below the bundled measurement)"));
        } else {
            out.printf(row, "Expected", "(no bundled measurement" + report.resolvedTo().map(v -> " for " + v).orElse("")
                    + ")");
        }
        out.printf(row, "RTSI risk", report.rtsiRisk());
        if (report.safetyTarget().isPresent()) {
            out.printf(row, "Target", PyNumbers.fixed(report.safetyTarget().getAsDouble(), 3) + " -> "
                    + (report.passed() ? "PASS" : "FAIL"));
        }
        List<String> warnings = r.warnings();
        if (!warnings.isEmpty()) {
            out.println("Warnings:");
            for (int i = 0; i < Math.min(MAX_WARNINGS_SHOWN, warnings.size()); i++) {
                out.println("  " + warnings.get(i));
            }
            if (warnings.size() > MAX_WARNINGS_SHOWN) {
                out.println("  ... and " + (warnings.size() - MAX_WARNINGS_SHOWN) + " more");
            }
        }
    }
}
