package io.chimeraforge.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.bench.BenchConfig;
import io.chimeraforge.bench.BenchException;
import io.chimeraforge.bench.BenchRunner;
import io.chimeraforge.bench.Workload;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.corpus.MeasuredCorpus;
import io.chimeraforge.core.model.ModelIdentity;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.planner.ManualOverrides;
import io.chimeraforge.planner.ModelResolver;
import io.chimeraforge.planner.ModelSources;
import io.chimeraforge.planner.refit.MeasureFold;
import io.chimeraforge.planner.refit.RefitOutcome;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Measure-on-demand (spec ext §8.3), shared by {@code measure} and {@code plan --measure}: an N=1
 * run of the bench harness, a concurrency-scaling run in waves, the quantization label checked
 * against what the server serves (corrections d4), and the fold into the measured corpus
 * ({@link MeasureFold}, written atomically with a backup).
 */
final class MeasureDriver {

    /** The hint every failure carries (spec §8.5). */
    static final String HINT = "The model must be served by the backend (e.g. `ollama pull <model>`) before it can be measured.";
    /** Default concurrency of the scaling run. */
    static final int DEFAULT_CONCURRENCY = 4;
    /** Waves of the scaling run: it sends {@code concurrency × 3} requests. */
    static final int CONCURRENCY_WAVES = 3;

    /**
     * What to measure and where to fold it.
     *
     * @param model         the model as the server knows it (an {@code ollama:} prefix is dropped for the request)
     * @param backend       ollama, vllm or tgi
     * @param quant         the label asked for (--quant), if any
     * @param runs          N=1 requests, > 0
     * @param concurrency   scaling run concurrency; 0 or 1 skips it
     * @param contextLength context length sent with each request
     * @param baseUrl       the server (default: the backend's)
     * @param ollamaUrl     the Ollama server model resolution asks (default: the measured server for ollama)
     * @param hfToken       Hugging Face token for resolution
     * @param network       whether resolution may use the network
     * @param hardware      the catalog GPU the server runs on (corrected behaviour only)
     * @param compat        the behaviour
     */
    record Settings(String model, Backend backend, Optional<String> quant, int runs, int concurrency, int contextLength,
                    Optional<String> baseUrl, Optional<URI> ollamaUrl, Optional<String> hfToken, boolean network,
                    Optional<String> hardware, Compat compat) {
    }

    /**
     * The measurement as reported (spec §8.5 MeasureResult), with the backup the write kept and the
     * GPU the row was filed under when one was named (text output only: the JSON keeps the spec's keys).
     */
    record Outcome(String model, String backend, String quant, double tpsN1, double cvN1, double serviceMs,
                   Optional<Integer> nConcurrent, OptionalDouble etaAtN, OptionalDouble serialFraction,
                   Path corpusPath, List<String> warnings, Optional<Path> backup, Optional<String> hardware) {

        /** The MeasureResult JSON document: rounded as the reference rounds, nulls when scaling was not measured. */
        String toJson() {
            StringWriter text = new StringWriter();
            try (JsonGenerator out = Json.pythonStyleGenerator(text)) {
                out.writeStartObject();
                out.writeStringField("model", model);
                out.writeStringField("backend", backend);
                out.writeStringField("quant", quant);
                Json.writePyNumberField(out, "tps_n1", PyNumbers.round(tpsN1, 1));
                Json.writePyNumberField(out, "cv_n1", PyNumbers.round(cvN1, 3));
                Json.writePyNumberField(out, "service_ms", PyNumbers.round(serviceMs, 1));
                out.writeFieldName("n_concurrent");
                if (nConcurrent.isPresent()) {
                    out.writeNumber(nConcurrent.get());
                } else {
                    out.writeNull();
                }
                optional(out, "eta_at_n", etaAtN);
                optional(out, "serial_fraction", serialFraction);
                out.writeStringField("corpus_path", corpusPath.toString());
                out.writeArrayFieldStart("warnings");
                for (String w : warnings) {
                    out.writeString(w);
                }
                out.writeEndArray();
                out.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return text.toString();
        }

        private static void optional(JsonGenerator out, String name, OptionalDouble value) throws IOException {
            out.writeFieldName(name);
            if (value.isPresent()) {
                Json.writePyNumber(out, PyNumbers.round(value.getAsDouble(), 3));
            } else {
                out.writeNull();
            }
        }
    }

    private final CliEnvironment environment;

    MeasureDriver(CliEnvironment environment) {
        this.environment = environment;
    }

    /**
     * Measures, folds and writes the measured corpus.
     *
     * @throws CliException (with {@link #HINT}) when the server is unreachable, the model is not
     *                      served, or every N=1 request failed
     */
    Outcome run(Settings s) {
        BenchConfig n1Config = n1Config(s);
        MeasureFold.checkCorpus(environment.cacheDirectory()); // refuse before measuring, not after
        BenchResult n1 = single(runBench(n1Config));
        double tps1 = n1.aggregate().throughputTps().mean();

        List<String> quantWarnings = new ArrayList<>();
        String quant = quant(s, n1, quantWarnings);

        List<String> warnings = new ArrayList<>(quantWarnings);
        warnings.addAll(n1.warnings());
        Optional<Integer> n = Optional.empty();
        OptionalDouble eta = OptionalDouble.empty();
        OptionalDouble serial = OptionalDouble.empty();
        if (s.concurrency() > 1 && tps1 > 0) {
            try {
                BenchConfig scaling = n1Config.toBuilder().workload(Workload.BATCH).concurrency(s.concurrency())
                        .runs(s.concurrency() * CONCURRENCY_WAVES).warmupRequests(0).build();
                double tpsk = single(BenchRunner.builder(scaling).wallClock(environment.clock()).build().run())
                        .aggregate().throughputTps().mean();
                double e = Math.min(1.0, tpsk / tps1);
                n = Optional.of(s.concurrency());
                eta = OptionalDouble.of(e);
                serial = OptionalDouble.of(MeasureFold.serialFractionFromEta(e, s.concurrency()));
            } catch (BenchException e) {
                warnings.add("scaling not measured (concurrent run failed): " + e.getMessage());
            }
        }

        BenchResult labelled = relabel(n1, s.model(), quant, s.hardware());
        MeasureFold.Builder fold = MeasureFold.builder().compat(s.compat()).result(labelled)
                .cacheDirectory(environment.cacheDirectory()).version(ChimeraforgeCli.versionNumber());
        serial.ifPresent(fold::serialFraction);
        RefitOutcome outcome = fold.build().run();
        if (s.compat() != Compat.REFERENCE) {
            for (String w : outcome.summary().warnings()) {
                // refit's advice names its own input; measure's is the --hardware flag
                warnings.add(w.contains("carry no hardware label") ? "no --hardware given: filed under "
                        + io.chimeraforge.core.hardware.GpuCatalog.REFERENCE_GPU_NAME + ", the reference GPU;"
                        + " pass --hardware NAME when the server runs on another GPU" : w);
            }
        }
        Path corpus = MeasuredCorpus.file(environment.cacheDirectory());
        Optional<Path> backup = outcome.writeTo(corpus);
        return new Outcome(s.model(), s.backend().id(), quant, tps1,
                n1.aggregate().throughputTps().coefficientOfVariation(), n1.aggregate().totalDurationMs().mean(),
                n, eta, serial, corpus, List.copyOf(warnings), backup, s.hardware());
    }

    private BenchConfig n1Config(Settings s) {
        String served = s.backend() == Backend.OLLAMA && s.model().startsWith("ollama:")
                ? s.model().substring("ollama:".length()) : s.model();
        try {
            BenchConfig.Builder b = BenchConfig.builder().model(served).backend(s.backend()).workload(Workload.SINGLE)
                    .runs(s.runs()).contextLengths(List.of(s.contextLength())).writeRequestLog(false);
            Optional<String> url = s.baseUrl().or(() -> s.backend() == Backend.OLLAMA
                    ? s.ollamaUrl().map(URI::toString) : Optional.empty());
            url.ifPresent(b::baseUrl);
            return b.build();
        } catch (InvalidSettingException e) {
            throw new CliException(BenchCommand.flagMessage(e));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(e.getMessage());
        }
    }

    private List<BenchResult> runBench(BenchConfig config) {
        try {
            return BenchRunner.builder(config).wallClock(environment.clock()).build().run().results();
        } catch (BenchException e) {
            throw new CliException(withHint(e.getMessage()));
        }
    }

    /** A failure's message and the hint, as one sentence after another. */
    static String withHint(String message) {
        String text = message == null ? "" : message.strip();
        return text.isEmpty() ? HINT : text + (text.endsWith(".") ? " " : ". ") + HINT;
    }

    private static BenchResult single(io.chimeraforge.bench.BenchReport report) {
        return single(report.results());
    }

    private static BenchResult single(List<BenchResult> results) {
        if (results.isEmpty()) {
            throw new CliException("the benchmark produced no result. " + HINT);
        }
        return results.get(0);
    }

    /**
     * The label the measurement is filed under. Without --quant: the served quantization (corrected),
     * else the resolved native quant, else FP16. With --quant: as given under the reference
     * behaviour; otherwise reconciled with the served quantization (corrections d4).
     */
    private String quant(Settings s, BenchResult n1, List<String> warnings) {
        boolean corrected = s.compat() != Compat.REFERENCE;
        if (s.quant().isPresent() && !corrected) {
            return s.quant().get();
        }
        Optional<String> served = corrected ? servedByServer(s.model(), n1) : Optional.empty();
        String resolveError = null;
        if (served.isEmpty()) {
            try {
                served = resolve(s).resolve(s.model(), ManualOverrides.NONE).spec().nativeQuant();
            } catch (RuntimeException e) {
                resolveError = e.getMessage();
            }
        }
        if (s.quant().isEmpty()) {
            return served.orElse("FP16");
        }
        String asked = s.quant().get();
        if (served.isPresent()) {
            if (served.get().equalsIgnoreCase(asked)) {
                return asked;
            }
            warnings.add("--quant " + asked + " does not match the artifact the backend is serving (" + served.get()
                    + "); recording as " + served.get() + " so the corpus key describes what actually ran");
            return served.get();
        }
        if (resolveError != null) {
            warnings.add("could not verify the served quantization against --quant " + asked + ": " + resolveError);
        }
        return asked;
    }

    /**
     * The quantization the server reported for the model it ran (Ollama's
     * {@code details.quantization_level}, recorded by the bench as {@code model_details}); a quant
     * named in the tag comes first, as the resolver reads an Ollama model.
     */
    private static Optional<String> servedByServer(String model, BenchResult n1) {
        if (!(n1.extra().get("model_details") instanceof Map<?, ?> details)) {
            return Optional.empty();
        }
        if (!(details.get("quantization_level") instanceof String level) || level.isBlank()) {
            return Optional.empty();
        }
        Optional<String> tagged = ModelIdentity.parseQuant(model);
        return tagged.isPresent() ? tagged : Optional.of(ModelIdentity.parseQuant(level.strip())
                .orElse(level.strip().toUpperCase(Locale.ROOT)));
    }

    private ModelResolver resolve(Settings s) {
        ModelSources.Builder sources = ModelSources.builder().network(s.network()).compat(s.compat())
                .cacheDirectory(environment.cacheDirectory()).clock(environment.clock())
                .hfToken(s.hfToken().orElse(environment.variable("HF_TOKEN").orElse(null)))
                .hubUrl(DiscoveryOptions.hubUrl(environment));
        Optional<URI> ollama = s.ollamaUrl().or(() -> s.backend() == Backend.OLLAMA
                ? s.baseUrl().map(u -> URI.create(u.strip())) : Optional.empty());
        ollama.ifPresent(sources::ollamaUrl);
        return ModelResolver.withSources(io.chimeraforge.core.model.ModelRegistry.bundled(), sources.build());
    }

    /** The N=1 result under the model name asked for, the reconciled quant and the GPU label refit files it by. */
    private static BenchResult relabel(BenchResult r, String model, String quant, Optional<String> hardware) {
        Map<String, Object> extra = new LinkedHashMap<>(r.extra());
        hardware.ifPresent(h -> extra.put("hardware", h));
        return new BenchResult(model, r.backend(), Optional.of(quant), r.workload(), r.runs(), r.contextLength(),
                r.individualRuns(), r.aggregate(), r.environment(), r.timestamp(), r.warnings(), extra);
    }
}
