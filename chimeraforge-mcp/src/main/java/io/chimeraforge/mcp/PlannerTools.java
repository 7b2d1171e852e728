package io.chimeraforge.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.estimate.KvPrecision;
import io.chimeraforge.core.hardware.AmbiguousGpuException;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.hardware.UnknownGpuException;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.model.ModelSpecJson;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.ManualOverrides;
import io.chimeraforge.planner.ModelResolutionException;
import io.chimeraforge.planner.ModelResolver;
import io.chimeraforge.planner.ModelSources;
import io.chimeraforge.planner.Parallelism;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.planner.WorkloadPreset;
import io.chimeraforge.planner.apicost.ApiComparison;
import io.chimeraforge.planner.apicost.ApiPrices;
import io.chimeraforge.planner.launch.LaunchCommand;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The MCP tools' logic as plain functions from arguments to a JSON answer, so it is testable without
 * a transport and shares every rule with the CLI (the same {@link Planner}, resolver, launch and
 * price code). Every answer has {@code ok}; a refusal is {@code ok: false} with an {@code error}
 * and, where it helps the calling model, a {@code hint} — never an exception.
 */
public final class PlannerTools {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String RESOLVE_HINT = "pass a valid HF repo (org/name), an Ollama tag (name:tag), or a registry"
            + " model; set allow_network=true if it needs a live lookup.";
    private static final String NO_FIT_HINT = "relax quality_target/budget/latency_slo_ms, quantize (kv_quant), or use"
            + " a larger GPU or tensor/pipeline parallelism.";
    /** The budget a tool call plans with when none is given: large, so the budget gate rarely binds. */
    static final double DEFAULT_BUDGET = 100_000;

    private final Planner planner;
    private final Optional<Path> cacheDirectory;
    private final Clock clock;
    private final SuggestTool suggestTool;

    /**
     * Tools over {@code planner}.
     *
     * @param cacheDirectory the spec cache for model resolution, if any
     * @param clock          dates the API price age
     */
    public PlannerTools(Planner planner, Optional<Path> cacheDirectory, Clock clock) {
        this(planner, cacheDirectory, clock, ModelSources.HUGGING_FACE);
    }

    /**
     * Tools over {@code planner} that list and resolve Hugging Face models at {@code hubUrl} (a
     * mirror, such as {@code HF_ENDPOINT}).
     *
     * @param cacheDirectory the spec cache and catalog ({@code <dir>/catalog.json}), if any
     * @param clock          dates the API price age and spec-cache entries
     */
    public PlannerTools(Planner planner, Optional<Path> cacheDirectory, Clock clock, java.net.URI hubUrl) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.suggestTool = new SuggestTool(planner, cacheDirectory, clock, Objects.requireNonNull(hubUrl, "hubUrl"));
    }

    /** The GPU table. */
    public ObjectNode listHardware() {
        ObjectNode out = ok();
        ArrayNode gpus = NODES.arrayNode();
        for (Gpu g : planner.gpuCatalog().all()) {
            gpus.addObject().put("name", g.name()).put("vram_gb", g.vramGb()).put("bandwidth_gbps", g.bandwidthGbps())
                    .put("fp16_tflops", g.fp16Tflops()).put("tdp_watts", g.tdpWatts())
                    .put("interconnect_gbps", g.interconnectGbps()).put("cost_per_hour_usd", g.costPerHourUsd());
        }
        out.put("count", gpus.size());
        out.set("gpus", gpus);
        return out;
    }

    /** A model's facts from the registry, the cache or (when allowed) Hugging Face / Ollama. */
    public ObjectNode resolveModel(Map<String, Object> args) {
        String model = text(args, "model", null);
        if (model == null || model.isBlank()) {
            return error("model is required", null);
        }
        try {
            ModelSpec spec = resolver(bool(args, "allow_network", true)).resolve(model, ManualOverrides.NONE).spec();
            ObjectNode out = ok();
            out.setAll((ObjectNode) Json.mapper().readTree(specJson(spec)));
            return out;
        } catch (ModelResolutionException e) {
            return error("could not resolve model '" + model + "': " + e.getMessage(), RESOLVE_HINT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The best deployment for a workload on a GPU, or why nothing fits (one envelope either way). */
    public ObjectNode plan(Map<String, Object> args) {
        Object prepared = prepare(args, DEFAULT_BUDGET);
        if (prepared instanceof ObjectNode refusal) {
            return refusal;
        }
        PlanResult result = (PlanResult) prepared;
        ObjectNode out = ok();
        out.put("hardware", result.gpu().name());
        Optional<Candidate> best = result.recommendation();
        out.set("recommended", best.map(PlannerTools::summary).orElse(null));
        out.set("launch", result.launchCommand().map(PlannerTools::launch).orElse(null));
        ArrayNode alternatives = out.putArray("alternatives");
        result.alternatives(4).forEach(c -> alternatives.add(summary(c)));
        out.put("total_evaluated", result.candidates().size());
        ArrayNode why = out.putArray("why_nothing_fit");
        if (best.isEmpty()) {
            result.whyNothingFit().forEach(why::add);
        }
        out.put("hint", best.isEmpty() ? NO_FIT_HINT : "");
        out.put("note", best.isEmpty()
                ? "No configuration cleared every gate. `why_nothing_fit` names the binding one per model; nothing"
                        + " here is a recommendation."
                : "Figures are predictions unless their provenance says measured; surface the provenance labels and"
                        + " warnings when you quote them.");
        return out;
    }

    /** The plan's monthly cost against hosted APIs at the same volume. */
    public ObjectNode compareApi(Map<String, Object> args) {
        Map<String, Object> withDefaults = new java.util.HashMap<>(args);
        withDefaults.putIfAbsent("model_size", "8b");
        Object prepared = prepare(withDefaults, DEFAULT_BUDGET);
        if (prepared instanceof ObjectNode refusal) {
            return refusal;
        }
        PlanResult result = (PlanResult) prepared;
        if (result.recommendation().isEmpty()) {
            ObjectNode out = ok();
            out.put("comparable", false);
            ArrayNode why = out.putArray("why_nothing_fit");
            result.whyNothingFit().forEach(why::add);
            out.put("hint", NO_FIT_HINT);
            return out;
        }
        ApiComparison api = result.apiComparison(ApiPrices.bundled(), LocalDate.now(clock)).orElseThrow();
        ObjectNode out = ok();
        out.put("comparable", true);
        out.set("self_host", summary(result.recommendation().get()));
        StringWriter text = new StringWriter();
        try (var g = Json.factory().createGenerator(text)) {
            api.writeJson(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            out.set("api_comparison", Json.mapper().readTree(text.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.put("api_options_cheaper_than_self_host", api.options().stream().filter(o -> !o.selfHostCheaper()).count());
        out.put("note", "Prices are a dated snapshot captured " + api.pricesCapturedAt() + " (" + api.pricesAgeDays()
                + " days old" + (api.pricesStale() ? ", STALE -- re-check the vendor page before quoting" : "")
                + "). The self-host figure is GPU rental only -- it excludes engineering time, and its throughput may"
                + " be an estimate; check `self_host.provenance`.");
        return out;
    }

    /**
     * Models that fit a GPU and workload, from the catalog (no network), a local Ollama or the
     * Hugging Face Hub: one cheapest deployment per model, cheapest first.
     */
    public ObjectNode suggest(Map<String, Object> args) {
        return suggestTool.suggest(args);
    }

    /** Validates and plans; returns the {@link PlanResult} or a refusal {@link ObjectNode}. */
    private Object prepare(Map<String, Object> args, double defaultBudget) {
        try {
            String workload = text(args, "workload", "steady");
            Optional<WorkloadPreset> preset = WorkloadPreset.fromId(workload).filter(p -> p.id().equals(workload));
            if (preset.isEmpty()) {
                return error("unknown workload '" + workload + "'.", "use one of: "
                        + java.util.Arrays.stream(WorkloadPreset.values()).map(WorkloadPreset::id)
                                .collect(Collectors.joining(", ")));
            }
            String hardware = text(args, "hardware", null);
            if (hardware == null) {
                return error("hardware is required", "call chimeraforge_list_hardware for the known set.");
            }
            Gpu gpu;
            try {
                gpu = planner.gpuCatalog().match(hardware).gpu();
            } catch (UnknownGpuException | AmbiguousGpuException e) {
                return error("unknown GPU '" + hardware + "'.", "call chimeraforge_list_hardware; known GPUs include: "
                        + planner.gpuCatalog().all().stream().limit(8).map(Gpu::name).collect(Collectors.joining(", "))
                        + ", ...");
            }
            Optional<String> invalid = Validation.firstProblem(args);
            if (invalid.isPresent()) {
                return error(invalid.get(), null);
            }
            PlanRequest.Builder b = PlanRequest.builder().hardware(gpu.name())
                    .modelSize(text(args, "model_size", PlanRequest.DEFAULT_MODEL_SIZE))
                    .requestRate(number(args, "request_rate", 1.0))
                    .latencySloMs(number(args, "latency_slo_ms", 5000.0))
                    .qualityTarget(number(args, "quality_target", 0.5))
                    .budgetUsdPerMonth(number(args, "budget_usd_month", defaultBudget))
                    .avgTokens(integer(args, "avg_output_tokens", 128))
                    .reasoningTokens(integer(args, "reasoning_tokens", 0))
                    .prefixCacheHitRate(number(args, "prefix_cache_hit_rate", 0.0))
                    .dutyCycle(number(args, "duty_cycle", 1.0))
                    .promptTokens(integer(args, "prompt_tokens", 512))
                    .contextLength(integer(args, "context_length", 2048))
                    .kvPrecision(KvPrecision.fromId(text(args, "kv_quant", "fp16").toLowerCase(Locale.ROOT)).orElseThrow())
                    .tensorParallel(parallelism(args, "tensor_parallel"))
                    .pipelineParallel(parallelism(args, "pipeline_parallel"))
                    .workload(preset.get())
                    .gpuPriceMultiplier(number(args, "gpu_price_multiplier", 1.0))
                    .allowOffload(bool(args, "allow_offload", false))
                    .loraAdapters(integer(args, "lora_adapters", 0))
                    .loraRank(integer(args, "lora_rank", PlanRequest.DEFAULT_LORA_RANK))
                    .loraTarget(text(args, "lora_target", "qv"));
            optionalNumber(args, "ttft_slo_ms").ifPresent(b::ttftSloMs);
            optionalNumber(args, "tpot_slo_ms").ifPresent(b::tpotSloMs);
            optionalNumber(args, "safety_target").ifPresent(b::safetyTarget);
            optionalNumber(args, "host_bandwidth_gbps").ifPresent(b::hostBandwidthGbps);
            String model = text(args, "model", null);
            if (model != null && !model.isBlank()) {
                try {
                    b.model(resolver(bool(args, "allow_network", true)).resolve(model, ManualOverrides.NONE).spec()
                            .withName(model));
                } catch (ModelResolutionException e) {
                    return error("could not resolve model '" + model + "': " + e.getMessage(), RESOLVE_HINT);
                }
            }
            return planner.plan(b.build());
        } catch (ModelResolutionException e) {
            return error("could not resolve model: " + e.getMessage(), RESOLVE_HINT);
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            return error(e.getMessage(), null);
        }
    }

    private ModelResolver resolver(boolean network) {
        ModelSources.Builder sources = ModelSources.builder().network(network).clock(clock).compat(planner.compat());
        cacheDirectory.ifPresent(sources::cacheDirectory);
        return ModelResolver.withSources(planner.modelRegistry(), sources.build());
    }

    /** The Summary object of a candidate (planner-extensions §10.2, with corrections g9). */
    static ObjectNode summary(Candidate c) {
        ObjectNode s = NODES.objectNode();
        s.put("model", c.model()).put("quant", c.quant()).put("backend", c.backend().id())
                .put("replicas", c.replicas()).put("tensor_parallel", c.tensorParallel())
                .put("pipeline_parallel", c.pipelineParallel()).put("gpus_total", c.gpusTotal())
                .put("vram_gb_per_gpu", c.vramPerGpuGb()).put("quality", c.quality())
                .put("quality_tier", c.qualityTier().id()).put("total_throughput_tps", c.totalThroughputTps())
                .put("p95_latency_ms", c.p95LatencyMs()).put("monthly_cost_usd", c.monthlyCostUsd())
                .put("cost_per_1m_tok_usd", c.costPerMillionTokensUsd())
                .put("cost_per_1m_tok_effective_usd", PyNumbers.round(c.effectiveCostPerMillionTokensUsd(), 4))
                .put("duty_cycle", PyNumbers.round(c.dutyCycle(), 4))
                .put("energy_cost_month_usd", c.energyCostPerMonthUsd()).put("perf_per_watt", c.tokensPerSecondPerWatt())
                .put("lora_adapters", c.loraAdapters()).put("lora_rank", c.loraRank()).put("lora_vram_gb", c.loraGb());
        ObjectNode p = s.putObject("provenance");
        p.put("vram", c.provenance().vram().id()).put("throughput", c.provenance().throughput().id())
                .put("quality", c.provenance().quality().id()).put("safety", c.provenance().safety().id());
        ArrayNode w = s.putArray("warnings");
        c.warnings().forEach(w::add);
        return s;
    }

    private static ObjectNode launch(LaunchCommand l) {
        ObjectNode o = NODES.objectNode();
        o.put("backend", l.backend().id()).put("command", l.command());
        ArrayNode env = o.putArray("env");
        l.env().forEach(env::add);
        ArrayNode notes = o.putArray("notes");
        l.notes().forEach(notes::add);
        return o;
    }

    private static String specJson(ModelSpec spec) throws IOException {
        StringWriter text = new StringWriter();
        try (var g = Json.factory().createGenerator(text)) {
            g.writeStartObject();
            ModelSpecJson.writeFields(g, spec);
            g.writeEndObject();
        }
        return text.toString();
    }

    private static ObjectNode ok() {
        return NODES.objectNode().put("ok", true);
    }

    private static ObjectNode error(String message, String hint) {
        ObjectNode o = NODES.objectNode().put("ok", false).put("error", message);
        if (hint != null) {
            o.put("hint", hint);
        }
        return o;
    }

    static String text(Map<String, Object> args, String key, String fallback) {
        Object v = args.get(key);
        return v == null ? fallback : v.toString();
    }

    static double number(Map<String, Object> args, String key, double fallback) {
        return optionalNumber(args, key).orElse(fallback);
    }

    static java.util.OptionalDouble optionalNumber(Map<String, Object> args, String key) {
        Object v = args.get(key);
        if (v == null) {
            return java.util.OptionalDouble.empty();
        }
        if (v instanceof Number n) {
            return java.util.OptionalDouble.of(n.doubleValue());
        }
        throw new IllegalArgumentException(key + " must be a number, got '" + v + "'");
    }

    static int integer(Map<String, Object> args, String key, int fallback) {
        Object v = args.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
    }

    static boolean bool(Map<String, Object> args, String key, boolean fallback) {
        Object v = args.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(key + " must be true or false, got '" + v + "'");
    }

    private static Parallelism parallelism(Map<String, Object> args, String key) {
        if (args.containsKey(key) && args.get(key) == null) {
            return Parallelism.AUTO; // null means "let the search choose"
        }
        int degree = integer(args, key, 1);
        if (degree < 1) {
            throw new IllegalArgumentException(key + " must be >= 1 (or null for auto), got " + degree);
        }
        return degree == 1 ? Parallelism.NONE : Parallelism.of(degree);
    }
}
