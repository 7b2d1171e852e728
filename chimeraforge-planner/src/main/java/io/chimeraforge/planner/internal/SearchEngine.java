package io.chimeraforge.planner.internal;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.estimate.CostModel;
import io.chimeraforge.core.estimate.HardwareRows;
import io.chimeraforge.core.estimate.LatencyModel;
import io.chimeraforge.core.estimate.LoraModel;
import io.chimeraforge.core.estimate.MemoryModel;
import io.chimeraforge.core.estimate.PhysicsConstants;
import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.estimate.QualityModel;
import io.chimeraforge.core.estimate.SafetyModel;
import io.chimeraforge.core.estimate.ThroughputModel;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.model.Architecture;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.quant.FormatFamily;
import io.chimeraforge.core.quant.Quantization;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.CandidateProvenance;
import io.chimeraforge.planner.CapacityReport;
import io.chimeraforge.planner.Deployment;
import io.chimeraforge.planner.GateCheck;
import io.chimeraforge.planner.Gate;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Rejection;
import io.chimeraforge.planner.WorkloadPreset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The search: for each model, quantization and backend, the gates in order, then the smallest
 * (replicas, batch) that meets rate and latency, then the budget. Stateless after construction
 * and safe to share between threads.
 */
public final class SearchEngine {

    /** Replicas tried, 1 to this. */
    public static final int MAX_REPLICAS = 16;
    private static final int[] AUTO_DEGREES = {1, 2, 4, 8};
    /** Cheapest first, then higher quality; {@code List.sort} is stable, so ties keep search order. */
    private static final Comparator<Candidate> RANKING = (a, b) -> {
        int byCost = Double.compare(a.monthlyCostUsd(), b.monthlyCostUsd());
        return byCost != 0 ? byCost : Double.compare(b.quality(), a.quality());
    };
    private static final String W4A16_WARNING = " quality is UNSCREENED: the TR corpus measures GGUF k-quants, and a"
            + " 4-bit GGUF delta is not evidence about AWQ or GPTQ -- different calibration, different error. VRAM is"
            + " exact; the quality figure is an FP16-baseline estimate";
    private static final String UNMEASURED_BACKEND_WARNING = " has no measured rows in the bundled corpus, so its"
            + " throughput is a first-principles estimate. It is deliberately NOT borrowed from another backend --"
            + " run `measure` on your own box to replace the estimate with a measurement";

    private final GpuCatalog catalog;
    private final ModelRegistry registry;
    private final PhysicsConstants physics;
    private final MemoryModel memory;
    private final ThroughputModel throughput;
    private final QualityModel quality;
    private final SafetyModel safety;
    private final double saturationFactor;
    private final Map<Backend, Boolean> backendHasRows = new EnumMap<>(Backend.class);
    /** Corpus facts per (corpus model name, family); bounded, since model names come from users. */
    private final Map<String, ModelFacts> factsCache = new ConcurrentHashMap<>();
    private static final int FACTS_CACHE_LIMIT = 512;

    public SearchEngine(FittedModels corpus, GpuCatalog catalog, ModelRegistry registry, PhysicsConstants physics) {
        this.catalog = catalog;
        this.registry = registry;
        this.physics = physics;
        this.memory = new MemoryModel(corpus.vram(), physics);
        this.throughput = new ThroughputModel(corpus.throughput(), catalog, registry, physics);
        this.quality = new QualityModel(corpus.quality(), registry);
        this.safety = new SafetyModel(corpus.safety());
        this.saturationFactor = corpus.latency().safetyFactor();
        for (Backend backend : Backend.evaluationOrder()) {
            backendHasRows.put(backend, throughput.backendHasRows(backend.id()));
        }
    }

    /** Candidates (ranked) and the rejection trace of one search. */
    public record Outcome(List<Candidate> candidates, List<Rejection> trace) {
    }

    /** Quantities derived once per search from the request and the GPU. */
    static final class Run {
        PlanRequest request;
        Gpu gpu;
        Optional<Gpu> knownGpu;
        double bandwidthRatio;
        boolean referenceGpu;
        int reasoningHidden;
        long decodeTokens; // visible + hidden tokens can exceed an int
        long peakSequenceTokens;
        double prefixHit;
        int prefillTokens;
        double gpuVramGb;
        double dutyCycle;
        double priceMultiplier;
        double hostBandwidthGbps;
        double costPerHourUsd;
        double kvBytes;
        double requiredTps;
        double tokensPerMonth;
        // reported as they are on every candidate of the run: rounded once
        double roundedHit;
        double roundedDuty;
        double roundedPriceMultiplier;
        double roundedTdp;
        double roundedTokensPerMonth;
        double roundedHostBandwidth;
        String extrapolationWarning; // the same on every extrapolated candidate of the run
        List<Rejection> trace;
        List<Candidate> candidates;
    }

    /** Facts about one target model, fixed across its quantizations and backends. */
    static final class Target {
        String id;
        ModelSpec spec;
        double paramsB;
        double activeParamsB;
        Architecture arch;
        String alias; // null when the model has no registry stand-in
        String lookupName;
        double ttftMs;
        int hiddenForComms;
        ModelFacts facts;
        double roundedParamsB;
        double roundedActiveParamsB;
        double roundedTtftMs;
    }

    /**
     * Runs the search.
     *
     * @param request the request (validated by its builder)
     * @param gpu     the resolved GPU
     * @param targets target model identifiers in order
     * @param specs   resolved facts for every target
     */
    public Outcome search(PlanRequest request, Gpu gpu, List<String> targets, Map<String, ModelSpec> specs) {
        Run run = prepare(request, gpu);
        for (String id : targets) {
            searchModel(run, target(run, id, specs.get(id)));
        }
        run.candidates.sort(RANKING);
        return new Outcome(run.candidates, run.trace);
    }

    /**
     * Evaluates every gate for one fixed deployment (no search over replicas), reporting the
     * numbers behind each verdict and the predicted operating point.
     */
    public CapacityReport check(PlanRequest request, Gpu gpu, Deployment deployment, ModelSpec spec) {
        Run run = prepare(request, gpu);
        Target t = target(run, deployment.model(), spec);
        String quant = deployment.quant();
        int tp = deployment.tensorParallel();
        int pp = deployment.pipelineParallel();
        int n = deployment.replicas();
        Backend backend = deployment.backend();
        List<GateCheck> gates = new ArrayList<>();

        MemoryFit fit = fitMemory(run, t, quant, tp, pp);
        Cell cell = cell(run, t, quant, tp, pp, fit);
        PlanGates.Input in = gateInput(run, t, fit, cell);
        in.backend = backend;
        for (PlanGates.PlanGate gate : PlanGates.MODEL_GATES) {
            gates.add(gate.report(in));
        }
        gates.add(PlanGates.FORMAT.report(in));
        boolean fits = PlanGates.MODEL_GATES.get(0).passes(in);
        boolean formatOk = PlanGates.FORMAT.passes(in);

        Choice c = singleStream(run, t, cell, backend);
        c.replicas = n;
        c.gpus = deployment.gpus();

        int batchMax = backend.continuousBatching() && cell.maxSeqs > 1 ? cell.maxSeqs : 1;
        int[] grid = grid(batchMax);
        double ttftSlo = request.ttftSloMs().orElse(0.0);
        double tpotSlo = request.tpotSloMs().orElse(0.0);
        int chosen = -1;
        int best = -1;
        double bestP95 = Double.POSITIVE_INFINITY;
        LatencyModel.QueueEstimate[] estimates = new LatencyModel.QueueEstimate[grid.length];
        double[] unit = new double[grid.length];
        for (int i = 0; i < grid.length; i++) {
            unit[i] = unitTps(run, t, cell, c.n1, grid[i]);
            double perRequest = unit[i] / grid[i];
            estimates[i] = LatencyModel.p95(request.requestRate(), n, grid[i], run.decodeTokens, perRequest, t.ttftMs,
                    request.serviceCv2(), saturationFactor);
            boolean enough = n * unit[i] >= run.requiredTps;
            boolean slos = !(ttftSlo > 0 && t.ttftMs > ttftSlo) && !(tpotSlo > 0 && 1000 / perRequest > tpotSlo);
            if (enough && estimates[i].p95Ms() < bestP95) {
                bestP95 = estimates[i].p95Ms();
                best = i;
            }
            if (chosen < 0 && enough && slos && estimates[i].p95Ms() <= request.latencySloMs()) {
                chosen = i;
            }
        }
        int at = chosen >= 0 ? chosen : best >= 0 ? best : grid.length - 1;
        double capacityTps = n * unit[grid.length - 1];
        boolean throughputOk = capacityTps >= run.requiredTps;
        gates.add(GateCheck.measured(Gate.THROUGHPUT, throughputOk, capacityTps, run.requiredTps, GateCheck.Bound.AT_LEAST,
                "tok/s", n + " x " + PyNumbers.fixed(unit[grid.length - 1], 1)
                + " tok/s at batch " + batchMax + " = " + PyNumbers.fixed(capacityTps, 1) + " tok/s "
                + (throughputOk ? ">=" : "<") + " " + PyNumbers.fixed(run.requiredTps, 1) + " needed"));
        c.batch = grid[at];
        c.totalTps = n * unit[at];
        c.perRequestTps = unit[at] / grid[at];
        c.latency = estimates[at];
        String latencyDetail;
        if (ttftSlo > 0 && t.ttftMs > ttftSlo) {
            latencyDetail = "TTFT " + PyNumbers.fixed(t.ttftMs, 1) + " ms > SLO " + PyNumbers.repr(ttftSlo)
                    + " ms (prefill-bound; a bigger batch will not help)";
        } else {
            latencyDetail = "p95 " + (Double.isInfinite(c.latency.p95Ms()) ? "unbounded (saturated)"
                    : PyNumbers.fixed(c.latency.p95Ms(), 1) + " ms") + (chosen >= 0 ? " <= " : " > ") + "SLO "
                    + PyNumbers.repr(request.latencySloMs()) + " ms at batch " + c.batch + ", utilisation "
                    + PyNumbers.percent(c.latency.utilisation(), 1)
                    + (tpotSlo > 0 ? ", TPOT " + PyNumbers.fixed(1000 / c.perRequestTps, 1) + " ms vs SLO "
                    + PyNumbers.repr(tpotSlo) + " ms" : "");
        }
        boolean ttftFailed = ttftSlo > 0 && t.ttftMs > ttftSlo;
        gates.add(GateCheck.measured(Gate.LATENCY, chosen >= 0, ttftFailed ? t.ttftMs : c.latency.p95Ms(),
                ttftFailed ? ttftSlo : request.latencySloMs(), GateCheck.Bound.AT_MOST, "ms", latencyDetail));

        double monthly = run.costPerHourUsd * 720 * c.gpus;
        boolean affordable = monthly <= request.budgetUsdPerMonth();
        gates.add(GateCheck.measured(Gate.BUDGET, affordable, monthly, request.budgetUsdPerMonth(),
                GateCheck.Bound.AT_MOST, "USD/month", "$" + PyNumbers.fixed(monthly, 2) + "/mo for " + c.gpus
                + " GPU" + (c.gpus == 1 ? "" : "s") + " " + (affordable ? "<=" : ">") + " budget $"
                + PyNumbers.fixed(request.budgetUsdPerMonth(), 2)));

        Optional<Candidate> operating = fits && formatOk ? Optional.of(candidate(run, t, cell, c))
                : Optional.empty();
        return new CapacityReport(deployment, gpu.name(), gates, operating);
    }

    private Run prepare(PlanRequest request, Gpu gpu) {
        Run run = new Run();
        run.request = request;
        run.gpu = gpu;
        run.knownGpu = Optional.of(gpu);
        run.bandwidthRatio = physics.bandwidthRatio(gpu);
        run.referenceGpu = gpu.name().equals(GpuCatalog.REFERENCE_GPU_NAME);
        run.reasoningHidden = Math.max(request.reasoningTokens(), 0);
        run.decodeTokens = Math.max((long) request.avgTokens() + run.reasoningHidden, 1L);
        run.peakSequenceTokens = request.promptTokens() + run.decodeTokens;
        run.prefixHit = clamp01(request.prefixCacheHitRate());
        run.prefillTokens = Math.max((int) Math.rint(request.promptTokens() * (1 - run.prefixHit)), 1);
        run.gpuVramGb = gpu.vramGb();
        double duty = clamp01(request.dutyCycle());
        run.dutyCycle = duty == 0 ? 1.0 : duty;
        run.priceMultiplier = Math.max(request.gpuPriceMultiplier(), 0);
        OptionalDouble host = request.hostBandwidthGbps();
        run.hostBandwidthGbps = host.isPresent() && host.getAsDouble() != 0 ? host.getAsDouble()
                : gpu.interconnectGbps();
        run.costPerHourUsd = gpu.costPerHourUsd() * run.priceMultiplier;
        run.kvBytes = request.kvPrecision().bytesPerElement();
        run.requiredTps = request.requestRate() * run.decodeTokens;
        run.tokensPerMonth = CostModel.tokensServedPerMonth(request.requestRate(), run.decodeTokens, run.dutyCycle);
        run.roundedHit = PyNumbers.round(run.prefixHit, 4);
        run.roundedDuty = PyNumbers.round(run.dutyCycle, 4);
        run.roundedPriceMultiplier = PyNumbers.round(run.priceMultiplier, 4);
        run.roundedTdp = PyNumbers.round(gpu.tdpWatts(), 1);
        run.roundedTokensPerMonth = PyNumbers.round(run.tokensPerMonth, 2);
        run.roundedHostBandwidth = PyNumbers.round(run.hostBandwidthGbps, 1);
        run.extrapolationWarning = extrapolationWarning(run.bandwidthRatio, GpuCatalog.REFERENCE_GPU_NAME);
        run.trace = new ArrayList<>(128);
        run.candidates = new ArrayList<>(128);
        return run;
    }

    /** The warning on a throughput scaled by {@code ratio} from a measurement on {@code source}. */
    private static String extrapolationWarning(double ratio, String source) {
        return "throughput is a " + PyNumbers.fixed(ratio, 1) + "x memory-bandwidth extrapolation of a " + source
                + " measurement, not a measurement of this GPU -- run `chimeraforge measure` on the target to replace it";
    }

    private Target target(Run run, String id, ModelSpec spec) {
        Target t = new Target();
        t.id = id;
        t.spec = spec;
        t.paramsB = spec.paramsB();
        t.activeParamsB = spec.activeParamsB();
        t.arch = spec.architecture();
        t.alias = spec.registryAlias().orElse(registry.contains(id) ? id : null);
        t.lookupName = t.alias != null ? t.alias : id;
        t.ttftMs = LatencyModel.ttftMs(t.activeParamsB, run.prefillTokens, run.knownGpu);
        t.hiddenForComms = spec.hiddenSize().orElse(
                (int) Math.rint(Math.sqrt(t.paramsB * 1e9 / (12 * t.arch.nLayers()))));
        t.facts = facts(t.lookupName, spec.family());
        t.roundedParamsB = PyNumbers.round(t.paramsB, 4);
        t.roundedActiveParamsB = PyNumbers.round(t.activeParamsB, 4);
        t.roundedTtftMs = PyNumbers.round(t.ttftMs, 1);
        return t;
    }

    private ModelFacts facts(String lookupName, Optional<String> family) {
        String key = family.map(f -> lookupName + '\u0000' + f).orElse(lookupName);
        ModelFacts facts = factsCache.get(key);
        if (facts == null) {
            facts = new ModelFacts(lookupName, family, quality, safety, throughput);
            if (factsCache.size() < FACTS_CACHE_LIMIT) {
                ModelFacts raced = factsCache.putIfAbsent(key, facts);
                facts = raced != null ? raced : facts;
            }
        }
        return facts;
    }

    private void searchModel(Run run, Target t) {
        PlanRequest req = run.request;
        List<String> quants = t.spec.nativeQuant().filter(Quantization::isKnown)
                .map(List::of).orElse(Quantization.LADDER);
        for (String quant : quants) {
            int tp = 1;
            int pp = 1;
            if (req.tensorParallel().auto()) {
                tp = smallestFittingDegree(run, t, quant, true);
                if (tp == 0) {
                    run.trace.add(new Rejection(t.id, quant, Gate.VRAM, "exceeds VRAM even at TP=8"));
                    continue;
                }
            } else if (req.pipelineParallel().auto()) {
                pp = smallestFittingDegree(run, t, quant, false);
                if (pp == 0) {
                    run.trace.add(new Rejection(t.id, quant, Gate.VRAM, "exceeds VRAM even at PP=8"));
                    continue;
                }
            } else {
                tp = req.tensorParallel().degree();
                pp = req.pipelineParallel().degree();
            }
            searchQuant(run, t, quant, tp, pp);
        }
    }

    private int smallestFittingDegree(Run run, Target t, String quant, boolean tensor) {
        for (int degree : AUTO_DEGREES) {
            double vram = memory.vramPerGpuGb(t.paramsB, quant, run.request.contextLength(), t.arch, run.kvBytes,
                    tensor ? degree : 1, tensor ? 1 : degree);
            if (vram <= run.gpuVramGb) {
                return degree;
            }
        }
        return 0;
    }

    /** Per-GPU memory of one (model, quantization, degree): weights, KV, activations, LoRA, offload. */
    static final class MemoryFit {
        double vram;
        double loraGb;
        double offloadFraction;
        /** False when adapters are requested but the model's width is unknown. */
        boolean loraSizable = true;
    }

    private MemoryFit fitMemory(Run run, Target t, String quant, int tp, int pp) {
        PlanRequest req = run.request;
        MemoryFit fit = new MemoryFit();
        fit.vram = memory.vramPerGpuGb(t.paramsB, quant, req.contextLength(), t.arch, run.kvBytes, tp, pp);
        if (req.loraAdapters() > 0) {
            if (t.spec.hiddenSize().isEmpty()) {
                fit.loraSizable = false;
                return fit;
            }
            fit.loraGb = req.loraAdapters() * LoraModel.gbPerAdapter(t.spec.hiddenSize().getAsInt(),
                    t.arch.nKvHeads(), t.arch.dHead(), t.arch.nLayers(), req.loraRank(), req.loraTarget());
            fit.vram += fit.loraGb;
        }
        if (fit.vram > run.gpuVramGb && req.allowOffload() && run.hostBandwidthGbps > 0) {
            double weightGb = memory.weightGbPerGpu(t.paramsB, quant, tp, pp);
            double overflow = fit.vram - run.gpuVramGb;
            if (weightGb > 0 && overflow < weightGb) {
                fit.offloadFraction = Math.min(overflow / weightGb, 1.0);
                fit.vram = run.gpuVramGb;
            }
        }
        return fit;
    }

    private Cell cell(Run run, Target t, String quant, int tp, int pp, MemoryFit fit) {
        int context = run.request.contextLength();
        ModelFacts.QuantFacts facts = t.facts.quant(quant);
        Cell cell = new Cell();
        cell.quant = quant;
        cell.tp = tp;
        cell.pp = pp;
        cell.vram = fit.vram;
        cell.loraGb = fit.loraGb;
        cell.offloadFraction = fit.offloadFraction;
        cell.maxSeqs = memory.maxConcurrentSeqs(t.paramsB, quant, t.arch, context, run.gpuVramGb, run.kvBytes, tp, pp);
        cell.kvPerSeqGb = MemoryModel.kvCacheGb(t.arch, context, 1, run.kvBytes);
        cell.quality = facts.quality;
        cell.tier = facts.tier;
        cell.refusal = facts.refusal;
        cell.rtsiRisk = facts.rtsiRisk;
        cell.facts = facts;
        cell.family = facts.family;
        return cell;
    }

    /**
     * The single-stream (N=1) rate of one backend, with how it was obtained: corpus-based for
     * models with a registry stand-in, the roofline otherwise; then the offload and LoRA derates.
     */
    private Choice singleStream(Run run, Target t, Cell cell, Backend backend) {
        Choice c = new Choice();
        c.backend = backend;
        boolean hasRow = cell.facts.measured(backend);
        HardwareRows rows = cell.facts.hardware(backend);
        int own = -1;
        int source = -1;
        if (!rows.isEmpty()) { // ThroughputModel.singleStream's rule, on the cached rows
            own = rows.measuredOn(run.gpu);
            source = own < 0 && !hasRow ? rows.extrapolationSource(run.gpu) : -1;
        }
        if (own >= 0) {
            c.usedRoofline = false;
            c.fromHardwareRow = true;
            c.n1 = ThroughputModel.scaled(rows.tps(own), 1.0);
            c.throughputProvenance = Provenance.MEASURED;
        } else if (source >= 0) {
            c.usedRoofline = false;
            c.fromHardwareRow = true;
            c.sourceRatio = rows.bandwidthRatio(source, run.gpu);
            c.sourceGpu = rows.gpu(source);
            c.n1 = ThroughputModel.scaled(rows.tps(source), c.sourceRatio);
            c.throughputProvenance = Provenance.EXTRAPOLATED;
        } else {
            c.usedRoofline = !(hasRow || t.alias != null);
            c.n1 = c.usedRoofline ? throughput.roofline(t.activeParamsB, cell.quant, run.knownGpu)
                    : ThroughputModel.scaled(cell.facts.unscaledTps(backend), run.bandwidthRatio);
            c.throughputProvenance = !hasRow ? Provenance.ESTIMATED
                    : run.referenceGpu ? Provenance.MEASURED : Provenance.EXTRAPOLATED;
        }
        if (cell.offloadFraction > 0 && run.hostBandwidthGbps > 0) {
            double f = cell.offloadFraction;
            c.n1 = c.n1 / ((1 - f) + f * run.gpu.bandwidthGbps() / run.hostBandwidthGbps);
        }
        c.loraMultiplier = 1.0;
        if (run.request.loraAdapters() > 0) {
            c.loraMultiplier = LoraModel.decodeMultiplier(run.request.loraRank());
            c.n1 *= c.loraMultiplier;
        }
        return c;
    }

    private void searchQuant(Run run, Target t, String quant, int tp, int pp) {
        MemoryFit fit = fitMemory(run, t, quant, tp, pp);
        Cell cell = cell(run, t, quant, tp, pp, fit);
        PlanGates.Input in = gateInput(run, t, fit, cell);
        for (PlanGates.PlanGate gate : PlanGates.MODEL_GATES) {
            if (!gate.passes(in)) {
                run.trace.add(gate.rejection(in));
                return;
            }
        }
        for (Backend backend : Backend.evaluationOrder()) {
            in.backend = backend;
            if (!PlanGates.FORMAT.passes(in)) {
                run.trace.add(PlanGates.FORMAT.rejection(in));
                continue;
            }
            searchBackend(run, t, cell, backend);
        }
    }

    private static PlanGates.Input gateInput(Run run, Target t, MemoryFit fit, Cell cell) {
        PlanGates.Input in = new PlanGates.Input();
        in.run = run;
        in.target = t;
        in.fit = fit;
        in.cell = cell;
        return in;
    }

    /** Per-(model, quantization) results shared by the backends. */
    static final class Cell {
        String quant;
        int tp;
        int pp;
        double vram;
        double loraGb;
        double offloadFraction;
        int maxSeqs;
        double kvPerSeqGb;
        QualityModel.Estimate quality;
        QualityModel.Tier tier;
        OptionalDouble refusal;
        String rtsiRisk;
        ModelFacts.QuantFacts facts;
        FormatFamily family;
    }

    private void searchBackend(Run run, Target t, Cell cell, Backend backend) {
        PlanRequest req = run.request;
        String quant = cell.quant;
        Choice choice = singleStream(run, t, cell, backend);
        double n1 = choice.n1;

        int batchMax = backend.continuousBatching() && cell.maxSeqs > 1 ? cell.maxSeqs : 1;
        int[] grid = grid(batchMax);
        // computed on first use: most cells are accepted at the first few grid points
        double[] unitTps = new double[grid.length];
        java.util.Arrays.fill(unitTps, Double.NaN);
        double ttftSlo = req.ttftSloMs().orElse(0.0);
        double tpotSlo = req.tpotSloMs().orElse(0.0);
        double cv2 = req.serviceCv2();
        int chosenN = 0;
        int chosenIndex = -1;
        LatencyModel.QueueEstimate chosenLatency = null;
        search:
        for (int n = 1; n <= req.maxReplicas(); n++) {
            for (int i = 0; i < grid.length; i++) {
                double perGpu = unitTps[i];
                if (Double.isNaN(perGpu)) {
                    perGpu = unitTps(run, t, cell, n1, grid[i]);
                    unitTps[i] = perGpu;
                }
                if (n * perGpu < run.requiredTps) {
                    continue;
                }
                double perRequest = perGpu / grid[i];
                if (ttftSlo > 0 && t.ttftMs > ttftSlo) {
                    continue;
                }
                double tpot = perRequest <= 0 ? Double.POSITIVE_INFINITY : 1000 / perRequest;
                if (tpotSlo > 0 && tpot > tpotSlo) {
                    continue;
                }
                LatencyModel.QueueEstimate latency = LatencyModel.p95(req.requestRate(), n, grid[i], run.decodeTokens,
                        perRequest, t.ttftMs, cv2, saturationFactor);
                if (latency.p95Ms() <= req.latencySloMs()) {
                    chosenN = n;
                    chosenIndex = i;
                    chosenLatency = latency;
                    break search;
                }
            }
        }
        if (chosenLatency == null) {
            int last = grid.length - 1;
            double atMax = Double.isNaN(unitTps[last]) ? unitTps(run, t, cell, n1, grid[last]) : unitTps[last];
            run.trace.add(noFit(run, t, backend, batchMax, atMax, ttftSlo, tpotSlo, quant));
            return;
        }
        int n = chosenN;
        int batch = grid[chosenIndex];
        int gpus = n * cell.tp * cell.pp;
        double budgetCheck = run.costPerHourUsd * 720 * gpus;
        if (budgetCheck > req.budgetUsdPerMonth()) {
            int tp = cell.tp;
            int pp = cell.pp;
            double budget = req.budgetUsdPerMonth();
            run.trace.add(Rejection.deferred(t.id, quant, Gate.BUDGET, () -> backend.id() + ": $"
                    + PyNumbers.fixed(budgetCheck, 0) + "/mo (N=" + n + (tp > 1 ? " x TP=" + tp : pp > 1 ? " x PP=" + pp : "")
                    + ") > $" + PyNumbers.fixed(budget, 0)));
            return;
        }
        double perGpu = unitTps[chosenIndex];
        choice.replicas = n;
        choice.batch = batch;
        choice.gpus = gpus;
        choice.totalTps = n * perGpu;
        choice.perRequestTps = perGpu / batch;
        choice.latency = chosenLatency;
        run.candidates.add(candidate(run, t, cell, choice));
    }

    private Rejection noFit(Run run, Target t, Backend backend, int batchMax, double unitAtMax, double ttftSlo,
                            double tpotSlo, String quant) {
        PlanRequest req = run.request;
        double capacity = req.maxReplicas() * unitAtMax;
        if (capacity < run.requiredTps) {
            return new Rejection(t.id, quant, Gate.THROUGHPUT, backend.id() + ": max " + PyNumbers.fixed(capacity, 0)
                    + " tok/s at N=" + req.maxReplicas() + " B=" + batchMax + " < " + PyNumbers.fixed(run.requiredTps, 0)
                    + " needed");
        }
        String detail;
        if (ttftSlo > 0 && t.ttftMs > ttftSlo) {
            detail = backend.id() + ": TTFT " + PyNumbers.fixed(t.ttftMs, 0) + "ms > " + PyNumbers.fixed(ttftSlo, 0)
                    + "ms SLO (prefill-bound; a bigger batch will not help)";
        } else if (tpotSlo > 0) {
            detail = backend.id() + ": no (replicas, batch) met the " + PyNumbers.fixed(tpotSlo, 0)
                    + "ms TPOT SLO without breaking another gate";
        } else {
            detail = backend.id() + ": p95 > " + PyNumbers.fixed(req.latencySloMs(), 0) + "ms SLO";
        }
        return new Rejection(t.id, quant, Gate.LATENCY, detail);
    }

    private double unitTps(Run run, Target t, Cell cell, double n1, int batch) {
        Optional<Gpu> gpu = run.knownGpu;
        if (cell.tp > 1) {
            return throughput.tensorParallel(n1, cell.kvPerSeqGb, batch, cell.tp, t.hiddenForComms,
                    t.arch.nLayers(), run.gpu.interconnectGbps(), gpu, t.activeParamsB);
        }
        if (cell.pp > 1) {
            return throughput.pipelineParallel(n1, cell.kvPerSeqGb, batch, cell.pp, t.hiddenForComms,
                    run.gpu.interconnectGbps(), gpu, t.activeParamsB);
        }
        return throughput.batched(n1, cell.kvPerSeqGb, batch, gpu, t.activeParamsB);
    }

    /** Grids by maximum batch, built on first use (read-only once published). */
    private final Map<Integer, int[]> grids = new ConcurrentHashMap<>();

    private int[] grid(int batchMax) {
        int[] grid = grids.get(batchMax);
        if (grid == null) {
            grid = batchGrid(batchMax);
            if (grids.size() < FACTS_CACHE_LIMIT) {
                grids.put(batchMax, grid);
            }
        }
        return grid;
    }

    /** Batch sizes tried: 1, 2, 4, … below the maximum, then the maximum. */
    static int[] batchGrid(int batchMax) {
        if (batchMax <= 1) {
            return new int[] {1};
        }
        int count = 0;
        for (long b = 1; b < batchMax; b *= 2) {
            count++;
        }
        int[] grid = new int[count + 1];
        int i = 0;
        for (long b = 1; b < batchMax; b *= 2) {
            grid[i++] = (int) b;
        }
        grid[count] = batchMax;
        return grid;
    }

    /** The accepted (replicas, batch) point of one backend. */
    private static final class Choice {
        Backend backend;
        double n1;
        int replicas;
        int batch;
        int gpus;
        double totalTps;
        double perRequestTps;
        LatencyModel.QueueEstimate latency;
        Provenance throughputProvenance;
        boolean usedRoofline;
        /** Whether n1 came from a row measured on a non-reference GPU (this one or {@link #sourceGpu}). */
        boolean fromHardwareRow;
        /** The non-reference GPU an extrapolated n1 was measured on; null when extrapolated from the reference GPU. */
        String sourceGpu;
        double sourceRatio;
        double loraMultiplier;
    }

    private Candidate candidate(Run run, Target t, Cell cell, Choice c) {
        PlanRequest req = run.request;
        Gpu gpu = run.gpu;
        double monthly = CostModel.monthlyCost(run.costPerHourUsd, c.gpus);
        double costPerMillion = CostModel.costPerMillionTokens(run.costPerHourUsd, c.gpus, c.totalTps);
        double effective = CostModel.effectiveCostPerMillionTokens(monthly, run.tokensPerMonth);
        double energy = CostModel.energyCostPerMonth(gpu.tdpWatts(), c.gpus, req.electricityRate());
        double energyPerMillion = CostModel.energyCostPerMillionTokens(energy, gpu.tdpWatts(), c.totalTps);
        double perfPerWatt = CostModel.perfPerWatt(c.totalTps, gpu.tdpWatts(), c.gpus);
        double tpot = c.perRequestTps <= 0 ? Double.POSITIVE_INFINITY : 1000 / c.perRequestTps;
        double hostBandwidth = cell.offloadFraction > 0 ? run.roundedHostBandwidth : 0.0;

        List<String> warnings = warnings(run, t, cell, c, effective, costPerMillion);
        Provenance qualityProvenance = cell.quality.provenance();
        Provenance safetyProvenance = cell.refusal.isPresent() ? Provenance.MEASURED : Provenance.UNKNOWN;
        if (physics.approximatedAliasesDowngraded() && t.spec.source() == ModelSource.REGISTRY_APPROX) {
            // a stand-in's measurements describe the stand-in, not the model the user named
            qualityProvenance = qualityProvenance == Provenance.MEASURED ? Provenance.ESTIMATED : qualityProvenance;
            safetyProvenance = safetyProvenance == Provenance.MEASURED ? Provenance.UNKNOWN : safetyProvenance;
        }
        CandidateProvenance provenance = new CandidateProvenance(
                t.alias != null ? Provenance.MEASURED : Provenance.ESTIMATED,
                c.throughputProvenance,
                qualityProvenance,
                safetyProvenance);
        OptionalDouble refusal = cell.facts.roundedRefusal;
        return new Candidate(
                t.id,
                cell.quant,
                c.backend,
                c.replicas,
                PyNumbers.round(cell.vram, 2),
                cell.facts.roundedQuality,
                cell.tier,
                PyNumbers.round(c.n1, 1),
                PyNumbers.round(c.totalTps, 1),
                1.0,
                c.latency.p95Ms(),
                PyNumbers.round(c.latency.utilisation(), 3),
                PyNumbers.round(monthly, 2),
                PyNumbers.round(costPerMillion, 4),
                refusal,
                cell.rtsiRisk,
                warnings,
                t.roundedParamsB,
                t.roundedActiveParamsB,
                t.spec.source(),
                run.reasoningHidden,
                run.decodeTokens,
                run.roundedHit,
                run.prefillTokens,
                run.roundedDuty,
                run.roundedPriceMultiplier,
                PyNumbers.round(effective, 4),
                run.roundedTokensPerMonth,
                provenance,
                cell.maxSeqs,
                t.roundedTtftMs,
                PyNumbers.round(tpot, 1),
                c.batch,
                run.roundedTdp,
                PyNumbers.round(energy, 2),
                PyNumbers.round(energyPerMillion, 4),
                PyNumbers.round(perfPerWatt, 4),
                cell.tp,
                cell.pp,
                c.gpus,
                PyNumbers.round(cell.offloadFraction, 4),
                hostBandwidth,
                req.loraAdapters(),
                req.loraAdapters() > 0 ? req.loraRank() : 0,
                PyNumbers.round(cell.loraGb, 6),
                req.ttftSloMs().orElse(0.0),
                req.tpotSloMs().orElse(0.0));
    }

    private List<String> warnings(Run run, Target t, Cell cell, Choice c, double effective, double costPerMillion) {
        PlanRequest req = run.request;
        ModelSpec spec = t.spec;
        List<String> w = new ArrayList<>(8);
        if (cell.family == FormatFamily.W4A16) {
            w.add(cell.quant + W4A16_WARNING);
        }
        if (cell.offloadFraction > 0) {
            w.add("partial CPU offload: " + PyNumbers.percent(cell.offloadFraction, 0) + " of weights stream from host"
                    + " RAM over a " + PyNumbers.fixed(run.hostBandwidthGbps, 0) + " GB/s link each token. It runs,"
                    + " but the throughput derate is MODELLED from the bandwidth ratio, not measured, and the host"
                    + " link speed is a scenario input -- measure before trusting");
        }
        if (req.ttftSloMs().isPresent() || req.tpotSloMs().isPresent()) {
            w.add("TTFT/TPOT SLOs gate the PREDICTED value, not an attainment percentage: the planner models a point"
                    + " estimate, not a latency distribution, so this is not a '99% of requests' guarantee");
        }
        if (!backendHasRows.get(c.backend) && !c.fromHardwareRow) { // a row on some GPU is a measurement
            w.add(c.backend.id() + UNMEASURED_BACKEND_WARNING);
        }
        if (run.dutyCycle < 1) {
            String duty = PyNumbers.percent(run.dutyCycle, 0);
            w.add("duty cycle " + duty + ": the fleet is billed for the whole month but serves " + duty + " of it, so"
                    + " the effective cost is $" + PyNumbers.fixed(effective, 4) + "/1M tok against $"
                    + PyNumbers.fixed(costPerMillion, 4) + " at full capacity");
        }
        if (run.priceMultiplier != 1) {
            w.add("GPU price scaled " + PyNumbers.fixed(run.priceMultiplier, 2) + "x (spot/reserved/negotiated). The"
                    + " bundled $/hr are approximate on-demand rates; the multiplier is your input, and spot capacity"
                    + " can be reclaimed mid-request");
        }
        if (run.prefixHit > 0) {
            w.add("prefix cache assumed at " + PyNumbers.percent(run.prefixHit, 0) + " hit rate: " + run.prefillTokens
                    + " of " + req.promptTokens() + " prompt tokens prefilled, so TTFT reflects the uncached remainder."
                    + " The hit rate is your scenario input, not a model property, and the KV memory a shared prefix"
                    + " saves is deliberately NOT deducted");
        }
        if (spec.isMla()) {
            w.add("MLA attention: KV cached as a " + spec.kvLoraRank().getAsInt() + "-wide latent + "
                    + spec.qkRopeHeadDim().getAsInt() + " RoPE dims per layer, not per-head K/V. Sized on that shape;"
                    + " the standard GQA formula would overstate this model's cache by more than an order of magnitude");
        }
        if (spec.slidingWindow().isPresent()) {
            int window = spec.slidingWindow().getAsInt();
            if (spec.swaGlobalEvery() > 0) {
                w.add("sliding-window attention: local layers capped at " + window + " tokens with 1 full-attention"
                        + " layer every " + spec.swaGlobalEvery() + ", so KV stops growing past the window");
            } else {
                w.add("model declares a " + window + "-token sliding window but no layer pattern, so KV is sized at"
                        + " full context (conservative) -- the real cache is smaller");
            }
        }
        if (run.reasoningHidden > 0) {
            w.add("reasoning model: " + run.decodeTokens + " tokens decoded per request (" + req.avgTokens()
                    + " visible + " + run.reasoningHidden + " hidden). Throughput and latency size on the total; the"
                    + " ratio is your scenario input, not a measured property of the model");
        }
        if ((run.reasoningHidden > 0 || physics.contextGuardAlways()) && run.peakSequenceTokens > req.contextLength()) {
            w.add("peak sequence " + run.peakSequenceTokens + " tokens (prompt " + req.promptTokens() + " + decode "
                    + run.decodeTokens + ") exceeds --context-length " + req.contextLength() + ": KV was sized for"
                    + " a window this request cannot finish inside");
        }
        if (spec.isMoe()) {
            w.add("MoE: " + PyNumbers.repr(t.activeParamsB) + "B of " + PyNumbers.repr(t.paramsB)
                    + "B params active per token (" + spec.expertsPerToken().getAsInt() + "/"
                    + spec.numExperts().getAsInt() + " experts). VRAM sizes on total (all experts resident);"
                    + " throughput/TTFT on active. Expert parallelism and routing load-imbalance are not modelled");
        }
        if (req.kvPrecision().quantized()) {
            w.add("KV cache quantized (" + req.kvPrecision().id() + "): VRAM/concurrency reflect it, but the (small)"
                    + " quality impact of KV-quant is not screened here");
        }
        double interconnect = run.gpu.interconnectGbps();
        if (cell.tp > 1) {
            w.add("tensor-parallel TP=" + cell.tp + " (" + c.gpus + " GPUs total): throughput is a first-principles"
                    + " estimate (all-reduce comms modelled, not measured)");
            if (interconnect > 0 && interconnect < 200) {
                w.add("TP over PCIe (~" + PyNumbers.fixed(interconnect, 0) + " GB/s): high comms overhead -- prefer an"
                        + " NVLink GPU or pipeline parallelism (per vLLM guidance)");
            }
            if (cell.tp > 8) {
                w.add("TP=" + cell.tp + " exceeds the 8-GPU NVLink domain -- crossing a node boundary collapses TP"
                        + " throughput");
            }
        }
        if (cell.pp > 1) {
            w.add("pipeline-parallel PP=" + cell.pp + " (" + c.gpus + " GPUs total): throughput is a first-principles"
                    + " estimate (pipeline bubble modelled, not measured)");
            if (c.batch < cell.pp) {
                w.add("PP=" + cell.pp + " under-filled at batch " + c.batch + ": the pipeline bubble caps efficiency near "
                        + c.batch + "/" + (c.batch + cell.pp - 1) + " -- raise concurrency or use a"
                        + " continuous-batching backend");
            }
        }
        if (req.serviceCv2() >= WorkloadPreset.HIGH_VARIANCE_CV2) {
            w.add("high service-time variance (agent/bursty): analytical p95 under-estimates the tail -- validate"
                    + " with a load test");
        }
        if (c.latency.saturated()) {
            w.add("utilisation > 70% safety cap");
        }
        if (cell.tier == QualityModel.Tier.CONCERNING) {
            w.add("quality drop concerning (-10 to -15pp)");
        }
        if (c.replicas > 8) {
            w.add("requires " + c.replicas + " GPU instances");
        }
        if (cell.vram / run.gpuVramGb > 0.9) {
            w.add("VRAM usage > 90% of capacity");
        }
        if (req.safetyTarget().isPresent() && cell.refusal.isEmpty()) {
            w.add("safety not screened (no TR134/TR142 data)");
        }
        if (cell.rtsiRisk.equals("HIGH") || cell.rtsiRisk.equals("MODERATE")) {
            w.add("RTSI refusal-instability risk: " + cell.rtsiRisk);
        }
        if (spec.source() == ModelSource.REGISTRY_APPROX) {
            w.add("approximated to registry model '" + t.alias + "' by family/size; metadata not from the actual model");
        }
        if (c.usedRoofline) {
            w.add("off-registry model (" + spec.source().id() + "): throughput is a roofline estimate, not measured");
        }
        if (cell.quality.provenance() == Provenance.UNKNOWN) {
            w.add("quality unscreened (neutral 0.5 prior, not measured)");
        } else if (cell.quality.provenance() == Provenance.ESTIMATED && t.alias == null) {
            w.add("quality estimated from family prior, not measured");
        }
        if (c.throughputProvenance == Provenance.EXTRAPOLATED) {
            w.add(c.sourceGpu == null ? run.extrapolationWarning : extrapolationWarning(c.sourceRatio, c.sourceGpu));
        }
        if (req.loraAdapters() > 0) {
            w.add("multi-LoRA: adapter VRAM (" + PyNumbers.fixed(cell.loraGb, 2) + "GB for " + req.loraAdapters()
                    + " x rank-" + req.loraRank() + ") is exact geometry, but the "
                    + PyNumbers.fixed((1 - c.loraMultiplier) * 100, 0) + "% decode cost is ESTIMATED from a single"
                    + " published sweep (" + LoraModel.SOURCE + ") whose intermediate ranks are interpolated -- measure"
                    + " on your rig before sizing to it");
            w.add("multi-LoRA: adapter COUNT is modelled for VRAM only -- the same source saw ~10% throughput spread"
                    + " from 2 to 64 adapters, which is not modelled, and per-adapter KV fragmentation is not either");
        }
        return w;
    }

    private static double clamp01(double value) {
        return Math.max(0.0, Math.min(1.0, value));
    }
}
