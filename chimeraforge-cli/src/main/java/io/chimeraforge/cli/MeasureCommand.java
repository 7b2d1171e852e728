package io.chimeraforge.cli;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.hardware.AmbiguousGpuException;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.hardware.UnknownGpuException;
import io.chimeraforge.core.quant.Backend;
import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code chimeraforge measure}: benchmark a live model and fold its N=1 throughput, service time
 * and concurrency scaling into the measured corpus that {@code plan}, {@code suggest} and
 * {@code mcp} load (spec ext §8). Quality is not measured.
 */
@Command(name = "measure", sortOptions = false, usageHelpAutoWidth = true,
        description = "Benchmark a live model (N=1 throughput, service time, concurrency scaling) and fold the"
                + " result into the measured corpus the planner loads ($CHIMERAFORGE_CACHE/fitted_models.json).")
final class MeasureCommand implements Callable<Integer> {

    private final CliEnvironment environment;

    MeasureCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Option(names = {"--model", "-M"}, required = true, description = "Model name/tag as the server knows it.")
    String model;
    @Option(names = {"--backend", "-B"}, defaultValue = "ollama", description = "ollama, vllm or tgi (default: ${DEFAULT-VALUE}).")
    String backend;
    @Option(names = {"--quant", "-q"}, description = "Quantization label (default: what the server serves, else the"
            + " model's native quant, else FP16); checked against the served quantization.")
    String quant;
    @Option(names = "--runs", defaultValue = "5", description = "N=1 requests (default: ${DEFAULT-VALUE}).")
    int runs;
    @Option(names = "--concurrency", defaultValue = "4", description = "Concurrency of the scaling run, sent in 3"
            + " waves; 0 or 1 skips it (default: ${DEFAULT-VALUE}).")
    int concurrency;
    @Option(names = "--context-length", defaultValue = "2048", description = "Context length (default: ${DEFAULT-VALUE}).")
    int contextLength;
    @Option(names = "--base-url", description = "Server base URL (default: the backend's).")
    String baseUrl;
    @Option(names = "--ollama-url", description = "Ollama server for model resolution (default: the measured server"
            + " when the backend is ollama); also the server measured when --base-url is not given.")
    String ollamaUrl;
    @Option(names = "--hf-token", description = "Hugging Face token for model resolution (default: $HF_TOKEN).")
    String hfToken;
    @Option(names = "--hardware", paramLabel = "NAME", description = "The catalog GPU the server runs on; the row is"
            + " filed under it (default: the reference GPU, " + GpuCatalog.REFERENCE_GPU_NAME + ").")
    String hardware;
    @Option(names = "--no-network", description = "Resolve the model offline only (the server is still measured).")
    boolean noNetwork;
    @Option(names = "--compat", defaultValue = "corrected", converter = WorkloadCommand.CompatConverter.class,
            description = "'corrected' (default) or 'reference' (chimeraforge 0.30: --quant trusted as given).")
    Compat compat;
    @Option(names = "--json", description = "Print the MeasureResult as one JSON document.")
    boolean json;
    @Mixin
    StandardOptions standard = new StandardOptions();

    @Override
    public Integer call() {
        MeasureDriver.Settings settings = settings(environment, model, backend, quant, runs, concurrency, contextLength,
                baseUrl, ollamaUrl, hfToken, hardware, !noNetwork, compat);
        MeasureDriver.Outcome outcome = new MeasureDriver(environment).run(settings);
        if (json) {
            environment.out().println(outcome.toJson());
        } else {
            printPanel(environment.out(), outcome, compat);
        }
        return 0;
    }

    /** Checks the options (each failure one line, exit 1) and builds the driver's settings. */
    static MeasureDriver.Settings settings(CliEnvironment environment, String model, String backendId, String quant,
            int runs, int concurrency, int contextLength, String baseUrl, String ollamaUrl, String hfToken,
            String hardware, boolean network, Compat compat) {
        if (model == null || model.isBlank()) {
            throw new CliException("--model must not be empty.");
        }
        Backend chosen = Backend.fromId(backendId.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(b -> b != Backend.SGLANG)
                .orElseThrow(() -> new CliException("Unknown backend: " + backendId
                        + ". Available: ['ollama', 'vllm', 'tgi']. " + MeasureDriver.HINT));
        if (runs <= 0) {
            throw new CliException("--runs must be positive.");
        }
        if (concurrency < 0 || concurrency > 10_000) {
            throw new CliException("--concurrency must be in 0..10000 (0 or 1 skips the scaling run), got " + concurrency + ".");
        }
        if (contextLength <= 0) {
            throw new CliException("--context-length must be positive.");
        }
        if (baseUrl != null) {
            BenchCommand.checkBaseUrl(baseUrl);
        }
        Optional<URI> ollama = ollamaUrl == null ? Optional.empty() : Optional.of(DiscoveryOptions.ollamaUrl(ollamaUrl));
        Optional<String> gpu = Optional.empty();
        if (hardware != null) {
            if (compat == Compat.REFERENCE) {
                throw new CliException("--hardware cannot be used with --compat reference: chimeraforge 0.30 files"
                        + " every measurement under " + GpuCatalog.REFERENCE_GPU_NAME + ".");
            }
            try {
                gpu = Optional.of(GpuCatalog.bundled(compat).match(hardware).gpu().name());
            } catch (UnknownGpuException e) {
                throw new CliException(e.getMessage() + " Run `chimeraforge plan --list-hardware` for the table.");
            } catch (AmbiguousGpuException e) {
                throw new CliException("--hardware " + e.getMessage() + " (see `chimeraforge plan --list-hardware`)");
            }
        }
        return new MeasureDriver.Settings(model.strip(), chosen, Optional.ofNullable(quant).map(String::strip)
                .filter(q -> !q.isEmpty()), runs, concurrency, contextLength, Optional.ofNullable(baseUrl), ollama,
                Optional.ofNullable(hfToken), network, gpu, compat);
    }

    /** The human panel; the scaling row says (corrections e4) that the planner does not use eta. */
    static void printPanel(PrintStream out, MeasureDriver.Outcome o, Compat compat) {
        out.println("Measured " + o.model() + " on " + o.backend() + " (" + o.quant() + ")");
        row(out, "N=1 throughput", PyNumbers.fixed(o.tpsN1(), 1) + " tok/s  (cv " + PyNumbers.fixed(o.cvN1(), 3) + ")");
        row(out, "Service time", PyNumbers.fixed(o.serviceMs(), 1) + " ms");
        if (o.nConcurrent().isPresent()) {
            String label = compat == Compat.REFERENCE ? "(measured)" : "(measured, but not used by the planner)";
            row(out, "Scaling eta(N=" + o.nConcurrent().get() + ")", PyNumbers.fixed(o.etaAtN().getAsDouble(), 3) + "  "
                    + label + "  -> serial s=" + PyNumbers.fixed(o.serialFraction().getAsDouble(), 3));
        } else {
            row(out, "Scaling", "not measured");
        }
        o.hardware().ifPresent(h -> row(out, "Filed under GPU", h));
        row(out, "Corpus", o.corpusPath().toString());
        o.backup().ifPresent(b -> row(out, "Previous corpus", b.toString()));
        for (String w : o.warnings()) {
            out.println("Warning: " + w);
        }
    }

    private static void row(PrintStream out, String label, String value) {
        out.println("  " + String.format("%-20s", label) + " " + value);
    }
}
