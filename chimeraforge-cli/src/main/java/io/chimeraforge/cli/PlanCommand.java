package io.chimeraforge.cli;

import io.chimeraforge.cli.internal.PlanMessages;
import io.chimeraforge.cli.internal.PlanText;
import io.chimeraforge.cli.internal.PyNumberConverters;
import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.corpus.CorpusFileException;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.estimate.KvPrecision;
import io.chimeraforge.core.hardware.AmbiguousGpuException;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.hardware.UnknownGpuException;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.CandidateJson;
import io.chimeraforge.planner.ManualOverrides;
import io.chimeraforge.planner.ModelResolutionException;
import io.chimeraforge.planner.ModelResolver;
import io.chimeraforge.planner.ParetoEntry;
import io.chimeraforge.planner.Parallelism;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.planner.WorkloadPreset;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import io.chimeraforge.cli.internal.PlanExtrasText;
import io.chimeraforge.planner.apicost.ApiComparison;
import io.chimeraforge.planner.brief.BriefException;
import io.chimeraforge.planner.brief.DecisionBrief;
import io.chimeraforge.planner.fleet.FleetException;
import io.chimeraforge.planner.fleet.FleetPlan;
import io.chimeraforge.planner.fleet.FleetPlanner;
import io.chimeraforge.planner.apicost.ApiPrices;
import io.chimeraforge.planner.apicost.PricingException;
import io.chimeraforge.planner.launch.LaunchCommand;
import io.chimeraforge.planner.workload.ProfileKey;
import io.chimeraforge.planner.workload.WorkloadException;
import io.chimeraforge.planner.workload.WorkloadProfile;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chimeraforge plan}: the reference's flags, defaults, validation order, messages and
 * exit codes, with JSON output in its schema.
 */
@Command(name = "plan", sortOptions = false, usageHelpAutoWidth = true,
        description = "Find the cheapest model x quantization x backend x replicas that meets a workload on one GPU type.")
final class PlanCommand implements Callable<Integer> {

    /** Beyond this a degree is a typo, not a cluster (and replica x degree GPU counts stay exact). */
    private static final int MAX_PARALLEL_DEGREE = 4096;

    private final CliEnvironment environment;

    @Spec
    CommandSpec spec;

    PlanCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    @Option(names = {"--model-size", "-m"}, defaultValue = "3b", description = "Size class, e.g. 1b, 3b, 8b (default: ${DEFAULT-VALUE}).")
    String modelSize;
    @Option(names = {"--model", "-M"}, description = "Model id (registry name, ollama:tag or org/name); repeatable.")
    List<String> models = new ArrayList<>();
    @Mixin
    ConstraintOptions constraints = new ConstraintOptions();
    @Option(names = "--reasoning-tokens", defaultValue = "0", converter = PyNumberConverters.Int.class, description = "Hidden reasoning tokens per request (default: ${DEFAULT-VALUE}).")
    BigInteger reasoningTokens;
    @Option(names = "--allow-offload", description = "Permit partial CPU weight offload.")
    boolean allowOffload;
    @Option(names = "--host-bandwidth-gbps", converter = PyNumberConverters.Float.class, description = "Host link for offload, GB/s (default: the GPU's interconnect).")
    Double hostBandwidth;
    @Option(names = "--ttft-slo", converter = PyNumberConverters.Float.class, description = "Time-to-first-token SLO in ms (default: off).")
    Double ttftSlo;
    @Option(names = "--tpot-slo", converter = PyNumberConverters.Float.class, description = "Time-per-output-token SLO in ms (default: off).")
    Double tpotSlo;
    @Option(names = "--duty-cycle", defaultValue = "1.0", converter = PyNumberConverters.Float.class, description = "Share of the month serving, (0,1] (default: ${DEFAULT-VALUE}).")
    double dutyCycle;
    @Option(names = "--gpu-price-multiplier", defaultValue = "1.0", converter = PyNumberConverters.Float.class, description = "Scale on GPU $/hr (default: ${DEFAULT-VALUE}).")
    double priceMultiplier;
    @Option(names = "--prefix-cache-hit-rate", defaultValue = "0.0", converter = PyNumberConverters.Float.class, description = "Prefix-cache hit rate 0..1 (default: ${DEFAULT-VALUE}).")
    double prefixHit;
    @Option(names = "--prompt-tokens", defaultValue = "512", converter = PyNumberConverters.Int.class, description = "Prompt tokens per request (default: ${DEFAULT-VALUE}).")
    BigInteger promptTokens;
    @Option(names = "--workload", defaultValue = "steady", description = "steady, chatbot, bursty or agent (default: ${DEFAULT-VALUE}).")
    String workload;
    @Option(names = "--electricity-rate", defaultValue = "0.12", converter = PyNumberConverters.Float.class, description = "$/kWh for the energy estimate (default: ${DEFAULT-VALUE}).")
    double electricityRate;
    @Option(names = "--kv-quant", defaultValue = "fp16", description = "KV-cache precision: fp16, q8, q4 (default: ${DEFAULT-VALUE}).")
    String kvQuant;
    @Option(names = {"--tensor-parallel", "--tp"}, defaultValue = "1", description = "GPUs per replica (TP), or auto (default: ${DEFAULT-VALUE}).")
    String tensorParallel;
    @Option(names = {"--pipeline-parallel", "--pp"}, defaultValue = "1", description = "Pipeline stages per replica, or auto (default: ${DEFAULT-VALUE}).")
    String pipelineParallel;
    @Option(names = "--compat", defaultValue = "corrected", converter = WorkloadCommand.CompatConverter.class,
            description = "'corrected' (default: upstream's fixed physics) or 'reference' (chimeraforge 0.30 exactly:"
                    + " 556 GB/s reference rig, MBU 0.65, weights in GB against GiB, ...).")
    Compat compat;
    @Option(names = "--models-path", description = "Coefficient file in fitted_models.json format (default: measured corpus, else bundled).")
    Path modelsPath;
    @Option(names = "--ollama-url", description = "Resolve models from this Ollama server's /api/show (default for"
            + " name:tag ids: http://localhost:11434).")
    String ollamaUrl;
    @Option(names = "--hf-token", description = "Hugging Face token for gated configs (default: $HF_TOKEN); sent to"
            + " the Hub host only.")
    String hfToken;
    @Option(names = "--no-network", description = "Resolve models offline only (registry, cache, approximation); never"
            + " opens a socket.")
    boolean noNetwork;
    @Option(names = "--params-b", converter = PyNumberConverters.Float.class, description = "Manual override: total parameters, billions.")
    Double paramsB;
    @Option(names = "--n-layers", converter = PyNumberConverters.Int.class, description = "Manual override: layers.")
    BigInteger nLayers;
    @Option(names = "--n-kv-heads", converter = PyNumberConverters.Int.class, description = "Manual override: KV heads.")
    BigInteger nKvHeads;
    @Option(names = "--d-head", converter = PyNumberConverters.Int.class, description = "Manual override: head dimension.")
    BigInteger dHead;
    @Option(names = "--hidden-size", converter = PyNumberConverters.Int.class, description = "Manual override: hidden size (for LoRA and TP/PP traffic).")
    BigInteger hiddenSize;
    @Option(names = "--lora-adapters", defaultValue = "0", converter = PyNumberConverters.Int.class, description = "Resident LoRA adapters, 0..64 (default: ${DEFAULT-VALUE}).")
    BigInteger loraAdapters;
    @Option(names = "--lora-rank", defaultValue = "16", converter = PyNumberConverters.Int.class, description = "LoRA rank, 1..64 (default: ${DEFAULT-VALUE}).")
    BigInteger loraRank;
    @Option(names = "--lora-target", defaultValue = "qv", description = "LoRA target modules: qv or attn (default: ${DEFAULT-VALUE}).")
    String loraTarget;
    @Option(names = "--measure", description = "Benchmark each --model live on Ollama (--ollama-url, else localhost)"
            + " and fold it into the measured corpus before planning (see `chimeraforge measure`).")
    boolean measure;
    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;
    @Option(names = "--pareto", description = "Show the cost / p95 / quality Pareto frontier.")
    boolean pareto;
    @Option(names = "--launch", description = "Print the serve command for the recommendation (vLLM, TGI, SGLang or"
            + " Ollama), with one command per replica.")
    boolean launch;
    @Option(names = "--compare-api", description = "Compare the recommendation's monthly cost with hosted APIs at this"
            + " volume (break-even per API model).")
    boolean compareApi;
    @Option(names = "--api-prices", paramLabel = "FILE", description = "Hosted-API price snapshot in api_pricing.json"
            + " format for --compare-api (default: the bundled snapshot of 2026-08-18).")
    Path apiPrices;
    @Option(names = "--report", paramLabel = "PATH", description = "Also write a dated Markdown decision brief here"
            + " (refused when nothing fits or API prices are stale).")
    Path report;
    @Option(names = "--fleet", paramLabel = "GPU,GPU,...", description = "Also size the workload across a mix of up"
            + " to 6 GPU types (the cheapest covering mix, against the cheapest single type).")
    String fleet;
    @Option(names = "--workload-profile", description = "Workload profile JSON from `chimeraforge workload`: its"
            + " measured rate, prompt/output lengths, variance and cache hit rate replace the defaults (flags you give win).")
    Path workloadProfile;
    @Option(names = "--list-hardware", description = "List the GPU catalog and exit.")
    boolean listHardware;
    @Option(names = "--list-models", description = "List the model registry and exit.")
    boolean listModels;
    @Option(names = {"--verbose", "-v"}, description = "Debug output; stack traces on errors.")
    boolean verbose;
    @Option(names = {"--help", "-h"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    boolean jsonRequested() {
        return json;
    }

    @Override
    public Integer call() {
        if (listHardware) {
            return listHardware();
        }
        if (listModels) {
            return listModels();
        }
        Validated v = validate();
        if (measure && modelsPath != null) {
            throw new CliException("--measure folds into the measured corpus, which --models-path replaces; drop one of them.");
        }
        GpuCatalog.Match gpu;
        try {
            gpu = GpuCatalog.bundled(compat).match(constraints.hardware);
        } catch (UnknownGpuException e) {
            throw new CliException(e.getMessage() + " Run `chimeraforge plan --list-hardware` for the table.");
        } catch (AmbiguousGpuException e) {
            throw new CliException("--hardware " + e.getMessage() + " (see --list-hardware)");
        }
        gpu.note().ifPresent(note -> environment.err().println("note: --hardware " + note));
        if (measure) {
            measureModels();
        }
        Planner planner = planner(); // after --measure, so it loads the refreshed measured corpus
        PlanRequest.Builder request = v.request;
        if (workloadProfile != null) {
            applyProfile(request);
        }
        if (!models.isEmpty()) {
            ModelResolver resolver = resolver(planner);
            for (String id : models) {
                ModelResolver.Resolution resolution;
                try {
                    resolution = resolver.resolve(id, v.overrides);
                } catch (ModelResolutionException e) {
                    throw new CliException(PlanMessages.resolution(e, resolver));
                }
                for (String note : resolution.notes()) {
                    environment.err().println("warning: " + note);
                }
                ModelSpec spec = resolution.spec();
                if (!json) {
                    environment.out().println(PlanText.resolvedLine(id, spec));
                }
                request.model(spec.withName(id));
            }
        }
        PlanRequest built = request.build();
        PlanResult result;
        try {
            result = planner.plan(built);
        } catch (ModelResolutionException e) {
            throw new CliException(PlanMessages.resolution(e, planner.resolver()));
        }
        Optional<FleetPlan> fleetPlan = Optional.empty();
        if (fleet != null) {
            try {
                fleetPlan = Optional.of(FleetPlanner.of(planner).plan(built,
                        FleetPlanner.parse(fleet, planner.gpuCatalog()), built.requestRate()));
            } catch (FleetException e) {
                throw new CliException(PlanMessages.fleet(e));
            }
        }
        Optional<LaunchCommand> launchCommand = launch ? result.launchCommand() : Optional.empty();
        Optional<ApiComparison> api = compareApi
                ? result.apiComparison(prices(), LocalDate.now(environment.clock())) : Optional.empty();
        if (json) {
            printJson(result, launchCommand, api, fleetPlan);
        } else {
            printText(result);
            PlanExtrasText extras = new PlanExtrasText(environment.out());
            launchCommand.ifPresent(extras::launch);
            api.ifPresent(extras::apiComparison);
            fleetPlan.ifPresent(extras::fleet);
        }
        return report == null ? 0 : writeBrief(result, launchCommand, api);
    }

    /** Writes the decision brief; a refusal or a failed write is one stderr line and exit 1, no file. */
    private int writeBrief(PlanResult result, Optional<LaunchCommand> launchCommand, Optional<ApiComparison> api) {
        DecisionBrief.Builder brief = DecisionBrief.builder(result)
                .generatedAt(LocalDate.now(environment.clock()))
                .toolVersion(ChimeraforgeCli.versionNumber());
        if (workloadProfile == null || spec.commandLine().getParseResult().hasMatchedOption("--workload")) {
            brief.workloadName(workload);
        }
        launchCommand.ifPresent(brief::launch);
        api.ifPresent(brief::apiComparison);
        if (modelsPath != null) {
            brief.reproFlag("--models-path", modelsPath.toString());
        }
        if (compat == Compat.REFERENCE) {
            brief.reproFlag("--compat", "reference");
        }
        if (workloadProfile != null) {
            brief.reproFlag("--workload-profile", workloadProfile.toString());
        }
        try {
            brief.build().write(report);
        } catch (BriefException e) {
            environment.err().println("Brief not written: " + e.getMessage()
                    + (e.reason() == BriefException.Reason.STALE_PRICES
                            ? " (pass a newer snapshot with --api-prices, or drop --compare-api)" : ""));
            return 1;
        } catch (java.io.UncheckedIOException e) {
            environment.err().println("Brief not written: " + e.getMessage());
            return 1;
        }
        (json ? environment.err() : environment.out()).println("Decision brief written to " + report.toAbsolutePath());
        return 0;
    }

    /**
     * Applies a workload profile's measured inputs, except those given as flags; says what was
     * applied (stdout, text mode) and what the profile did not measure (stderr).
     */
    private void applyProfile(PlanRequest.Builder request) {
        WorkloadProfile profile;
        try {
            profile = WorkloadProfile.read(workloadProfile, compat);
        } catch (WorkloadException e) {
            throw new CliException(e.getMessage());
        }
        Set<ProfileKey> explicit = EnumSet.noneOf(ProfileKey.class);
        var parsed = spec.commandLine().getParseResult();
        if (parsed.hasMatchedOption("--request-rate")) {
            explicit.add(ProfileKey.REQUEST_RATE);
        }
        if (parsed.hasMatchedOption("--prompt-tokens")) {
            explicit.add(ProfileKey.PROMPT_TOKENS);
        }
        if (parsed.hasMatchedOption("--avg-tokens")) {
            explicit.add(ProfileKey.OUTPUT_TOKENS);
        }
        if (parsed.hasMatchedOption("--workload")) {
            explicit.add(ProfileKey.WORKLOAD_CV2); // an explicit preset wins over the measured variance
        }
        if (parsed.hasMatchedOption("--prefix-cache-hit-rate")) {
            explicit.add(ProfileKey.PREFIX_CACHE_HIT_RATE);
        }
        List<ProfileKey> applied;
        try {
            applied = profile.planInputs().applyTo(request, explicit);
        } catch (InvalidSettingException e) {
            throw new CliException("workload profile " + workloadProfile + ": " + e.getMessage());
        }
        if (!json) {
            environment.out().println(PlanExtrasText.profileLine(profile, applied));
        }
        List<String> missing = new ArrayList<>();
        for (ProfileKey k : profile.absent()) {
            if (profile.field(k).isEmpty()) { // the file may list a measured variance as absent (upstream quirk)
                missing.add(k.id());
            }
        }
        if (!missing.isEmpty()) {
            environment.err().println("Profile did not measure: " + String.join(", ", missing)
                    + " (using the values you passed / the defaults)");
        }
    }

    /** The resolver with the spec cache and, unless --no-network, Hugging Face and Ollama. */
    private ModelResolver resolver(Planner planner) {
        io.chimeraforge.planner.ModelSources.Builder sources = io.chimeraforge.planner.ModelSources.builder()
                .network(!noNetwork).cacheDirectory(environment.cacheDirectory()).clock(environment.clock())
                .compat(compat)
                .hfToken(hfToken != null ? hfToken : environment.variable("HF_TOKEN").orElse(null));
        sources.hubUrl(DiscoveryOptions.hubUrl(environment));
        if (ollamaUrl != null) {
            sources.ollamaUrl(DiscoveryOptions.ollamaUrl(ollamaUrl));
        }
        return ModelResolver.withSources(planner.modelRegistry(), sources.build());
    }

    private ApiPrices prices() {
        if (apiPrices == null) {
            return ApiPrices.bundled();
        }
        try {
            return ApiPrices.read(apiPrices);
        } catch (PricingException e) {
            throw new CliException(e.getMessage());
        }
    }

    private int printJson(PlanResult result, Optional<LaunchCommand> launchCommand, Optional<ApiComparison> api,
            Optional<FleetPlan> fleetPlan) {
        List<io.chimeraforge.planner.Candidate> shown = result.candidates();
        if (pareto) {
            shown = new ArrayList<>();
            for (ParetoEntry entry : result.frontier()) {
                shown.add(entry.candidate());
            }
        }
        if (launch || compareApi || fleetPlan.isPresent()) {
            environment.out().println(PlanExtrasText.json(CandidateJson.toJson(shown), launch, launchCommand,
                    compareApi, api, fleetPlan));
        } else {
            environment.out().println(CandidateJson.toJson(shown));
        }
        List<String> why = result.whyNothingFit();
        if (!why.isEmpty()) {
            environment.err().println("Why nothing fit:");
            for (String line : why) {
                environment.err().println("  - " + line);
            }
        }
        return 0;
    }

    private void printText(PlanResult result) {
        PlanText text = new PlanText(environment.out());
        if (pareto) {
            text.pareto(result);
        } else {
            text.plan(result);
        }
    }

    private int listHardware() {
        List<Gpu> gpus = GpuCatalog.bundled(compat).sortedByName();
        if (json) {
            java.io.StringWriter buffer = new java.io.StringWriter();
            try (var g = Json.pythonStyleGenerator(buffer)) {
                g.writeStartArray();
                for (Gpu gpu : gpus) {
                    g.writeStartObject();
                    g.writeStringField("name", gpu.name());
                    g.writeFieldName("vram_gb");
                    Json.writePyNumber(g, gpu.vramGb());
                    g.writeFieldName("bandwidth_gbps");
                    Json.writePyNumber(g, gpu.bandwidthGbps());
                    g.writeFieldName("cost_per_hour");
                    Json.writePyNumber(g, gpu.costPerHourUsd());
                    g.writeFieldName("fp16_tflops");
                    Json.writePyNumber(g, gpu.fp16Tflops());
                    g.writeEndObject();
                }
                g.writeEndArray();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            environment.out().println(buffer);
        } else {
            new PlanText(environment.out()).hardwareTable(gpus);
        }
        return 0;
    }

    private int listModels() {
        List<io.chimeraforge.core.model.RegistryModel> models = new ArrayList<>(ModelRegistry.bundled().all());
        if (json) {
            models.sort(java.util.Comparator.comparing(io.chimeraforge.core.model.RegistryModel::name));
            java.io.StringWriter buffer = new java.io.StringWriter();
            try (var g = Json.pythonStyleGenerator(buffer)) {
                g.writeStartArray();
                for (var model : models) {
                    g.writeStartObject();
                    g.writeStringField("model", model.name());
                    g.writeFieldName("params_b");
                    Json.writePyNumber(g, model.paramsB());
                    g.writeEndObject();
                }
                g.writeEndArray();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            environment.out().println(buffer);
        } else {
            models.sort(java.util.Comparator.comparingDouble(io.chimeraforge.core.model.RegistryModel::paramsB));
            new PlanText(environment.out()).modelTable(models);
        }
        return 0;
    }

    /** The validated settings: a request builder (models added later) and the manual overrides. */
    private static final class Validated {
        PlanRequest.Builder request;
        ManualOverrides overrides;
    }

    /**
     * The reference's validation, in its order; the first failure is reported. The ranges are the
     * SDK builders' ({@link PlanRequest.Builder}, {@link ManualOverrides.Builder}); this method only
     * parses, calls them in the reference's order and words their refusals as the reference does.
     */
    private Validated validate() {
        PlanRequest.Builder b = PlanRequest.builder();
        set(() -> b.requestRate(constraints.requestRate));
        set(() -> b.avgTokens(toInt(constraints.avgTokens, "--avg-tokens")));
        set(() -> b.reasoningTokens(toInt(reasoningTokens, "--reasoning-tokens")));
        set(() -> b.promptTokens(toInt(promptTokens, "--prompt-tokens")));
        set(() -> b.prefixCacheHitRate(prefixHit));
        set(() -> b.dutyCycle(dutyCycle));
        set(() -> b.gpuPriceMultiplier(priceMultiplier));
        if (hostBandwidth != null) {
            set(() -> b.hostBandwidthGbps(hostBandwidth));
        }
        if (ttftSlo != null) {
            set(() -> b.ttftSloMs(ttftSlo));
        }
        if (tpotSlo != null) {
            set(() -> b.tpotSloMs(tpotSlo));
        }
        set(() -> b.electricityRate(electricityRate));
        KvPrecision kv = KvPrecision.fromId(kvQuant.toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new CliException("--kv-quant must be one of: fp16, q8, q4."));
        Parallelism tp = parallelism(tensorParallel, "--tensor-parallel");
        Parallelism pp = parallelism(pipelineParallel, "--pipeline-parallel");
        if (tp.engaged() && pp.engaged()) {
            throw new CliException("--tensor-parallel and --pipeline-parallel cannot be combined yet; set only one above 1.");
        }
        set(() -> b.contextLength(toInt(constraints.contextLength, "--context-length")));
        set(() -> b.budgetUsdPerMonth(constraints.budget));
        set(() -> b.latencySloMs(constraints.latencySlo));
        set(() -> b.qualityTarget(constraints.qualityTarget));
        if (constraints.safetyTarget != null) {
            set(() -> b.safetyTarget(constraints.safetyTarget));
        }
        WorkloadPreset preset = WorkloadPreset.fromId(workload).filter(p -> p.id().equals(workload))
                .orElseThrow(() -> new CliException("--workload must be one of: steady, chatbot, bursty, agent."));
        if (measure && models.isEmpty()) {
            throw new CliException("--measure requires --model.");
        }
        for (String id : models) {
            set(() -> PlanRequest.builder().model(id));
        }
        ManualOverrides overrides = overrides();
        if (overrides.any() && models.size() != 1) {
            throw new CliException("manual overrides require exactly one --model.");
        }
        set(() -> b.loraAdapters(toInt(loraAdapters, "--lora-adapters")));
        set(() -> b.loraRank(toInt(loraRank, "--lora-rank")));
        set(() -> b.loraTarget(loraTarget));
        set(() -> b.modelSize(modelSize)
                .hardware(constraints.hardware.isBlank() ? PlanRequest.DEFAULT_HARDWARE : constraints.hardware)
                .allowOffload(allowOffload)
                .workload(preset)
                .kvPrecision(kv)
                .tensorParallel(tp)
                .pipelineParallel(pp));
        Validated v = new Validated();
        v.request = b;
        v.overrides = overrides;
        return v;
    }

    /** Runs one builder call, turning its refusal into the reference's wording. */
    private static void set(Runnable builderCall) {
        try {
            builderCall.run();
        } catch (InvalidSettingException e) {
            throw new CliException(PlanMessages.setting(e));
        }
    }

    private ManualOverrides overrides() {
        ManualOverrides.Builder o = ManualOverrides.builder();
        if (paramsB != null) {
            set(() -> o.paramsB(paramsB));
        }
        if (nLayers != null) {
            set(() -> o.nLayers(toInt(nLayers, "--n-layers")));
        }
        if (nKvHeads != null) {
            set(() -> o.nKvHeads(toInt(nKvHeads, "--n-kv-heads")));
        }
        if (dHead != null) {
            set(() -> o.dHead(toInt(dHead, "--d-head")));
        }
        if (hiddenSize != null) {
            set(() -> o.hiddenSize(toInt(hiddenSize, "--hidden-size")));
        }
        return o.build();
    }

    /**
     * {@code --measure}: each model measured on Ollama with measure's defaults and folded into the
     * measured corpus; what was measured goes to stderr so stdout stays the plan.
     */
    private void measureModels() {
        MeasureDriver driver = new MeasureDriver(environment);
        for (String id : models) {
            MeasureDriver.Settings settings = MeasureCommand.settings(environment, id, "ollama", null,
                    io.chimeraforge.bench.BenchConfig.DEFAULT_RUNS, MeasureDriver.DEFAULT_CONCURRENCY,
                    toInt(constraints.contextLength, "--context-length"), null, ollamaUrl, hfToken, null, !noNetwork, compat);
            MeasureDriver.Outcome o = driver.run(settings);
            environment.err().println("measured " + o.model() + " on ollama (" + o.quant() + "): "
                    + io.chimeraforge.core.PyNumbers.fixed(o.tpsN1(), 1) + " tok/s at N=1, folded into " + o.corpusPath());
            for (String w : o.warnings()) {
                environment.err().println("warning: " + w);
            }
        }
    }

    /**
     * The planner: --models-path as given, else the SDK's own corpus rule (the measured corpus of
     * the cache directory when readable, else the bundled one), so the CLI plans what
     * {@code Planner.builder().build()} plans.
     */
    private Planner planner() {
        return planner(environment, compat, modelsPath);
    }

    /** The planner rule above, for every command that plans (plan, validate). */
    static Planner planner(CliEnvironment environment, Compat compat, Path modelsPath) {
        Planner.Builder builder = Planner.builder().compat(compat);
        if (modelsPath != null) {
            try {
                builder.corpus(FittedModels.read(modelsPath));
            } catch (CorpusFileException e) {
                throw new CliException(e.getMessage());
            }
        } else {
            builder.cacheDirectory(environment.cacheDirectory());
        }
        Planner planner = builder.build();
        planner.corpusNote().ifPresent(note -> environment.err().println("warning: " + note));
        return planner;
    }

    /** ASCII digits only, as upstream's corrected CLI: no sign, underscore or other notation. */
    private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]+");

    private Parallelism parallelism(String raw, String flag) {
        String text = raw.trim().toLowerCase(Locale.ROOT);
        if (text.equals("auto")) {
            return Parallelism.AUTO;
        }
        BigInteger value;
        try {
            if (compat == Compat.CORRECTED && !DIGITS.matcher(text).matches()) {
                throw new NumberFormatException(raw);
            }
            value = compat == Compat.CORRECTED ? new BigInteger(text) : new PyNumberConverters.Int().convert(raw);
        } catch (RuntimeException e) {
            throw new CliException(flag + " must be a positive integer or 'auto'.");
        }
        if (value.compareTo(BigInteger.ONE) < 0) {
            throw new CliException(flag + " must be >= 1.");
        }
        if (value.compareTo(BigInteger.valueOf(MAX_PARALLEL_DEGREE)) > 0) {
            throw new CliException(flag + " must be at most " + MAX_PARALLEL_DEGREE + ".");
        }
        return Parallelism.of(value.intValue());
    }

    /**
     * An integer option as an int for a builder: beyond the int range upwards fails naming the
     * flag; beyond it downwards becomes {@link Integer#MIN_VALUE}, which every integer setting
     * refuses with its own message (as the reference, which reports "must be positive").
     */
    private static int toInt(BigInteger value, String flag) {
        if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
            throw new CliException(flag + " is out of range (at most " + Integer.MAX_VALUE + ").");
        }
        return value.compareTo(BigInteger.valueOf(Integer.MIN_VALUE)) < 0 ? Integer.MIN_VALUE : value.intValue();
    }
}
