package io.chimeraforge.core.estimate;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.model.ModelRegistry;
import io.chimeraforge.core.model.RegistryModel;
import io.chimeraforge.core.quant.Quantization;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decode throughput: the single-stream (N=1) rate from the corpus or a roofline, and the
 * aggregate rate of one replica under continuous batching, tensor parallelism or pipeline
 * parallelism.
 *
 * <p>Batching and parallel models back out an effective weight footprint from the calibrated
 * N=1 rate ({@code W = bandwidth x MBU / n1}) so they agree with the measurement at batch 1. MBU
 * and the reference bandwidth come from the {@link PhysicsConstants} of the behaviour in use.
 *
 * <p><b>Rows measured on other GPUs.</b> Besides the reference GPU's {@code throughput.lookup}, a
 * corpus may hold {@code throughput.hardware_lookup}: rows a refit measured on a named catalog GPU.
 * For a GPU G and a key {@code model|backend|quant} the single-stream rate is, in order
 * ({@link #singleStream}):
 * <ol>
 *   <li>G's own row: used as is, {@link Provenance#MEASURED}, no bandwidth scaling;</li>
 *   <li>the reference GPU's row, scaled by bandwidth as always ({@code measured} on the reference
 *       GPU, {@code extrapolated} elsewhere). The reference row wins over another GPU's row for
 *       the same key because the rest of the corpus (quant multipliers, power law, quality) was
 *       built on the reference rig, so it is the consistent base;</li>
 *   <li>only when the reference has no row: another GPU H's row scaled by
 *       {@code bandwidth(G) / bandwidth(H)}, {@link Provenance#EXTRAPOLATED}, H named; with rows on
 *       several GPUs, the one nearest G in bandwidth (name order on ties);</li>
 *   <li>otherwise the estimate from the reference rows (FP16 row x quant multiplier, else the size
 *       power law), {@link Provenance#ESTIMATED}. A row on another GPU stands for its own key only:
 *       it does not feed other quantizations' estimates.</li>
 * </ol>
 * Under {@link io.chimeraforge.core.Compat#REFERENCE} the other GPUs' rows are ignored entirely
 * (v0.30.0 has no such rows), so the reference's numbers are unchanged.
 */
public final class ThroughputModel {

    /** Share of peak FP16 compute a decode step can reach: the batched ceiling. */
    public static final double DECODE_COMPUTE_MFU = 0.5;
    /** Bytes per activation element exchanged between ranks. */
    public static final double ACT_DTYPE_BYTES = 2.0;
    /** Share of the nominal link rate collectives achieve. */
    public static final double INTERCONNECT_EFFICIENCY = 0.75;
    /** Floor of every predicted rate, tok/s. */
    public static final double MIN_TPS = 0.1;
    /** Parameters assumed for a model the registry does not know, in billions. */
    public static final double DEFAULT_PARAMS_B = 3.0;

    private final FittedModels.Throughput corpus;
    private final GpuCatalog catalog;
    private final ModelRegistry registry;

    private final PhysicsConstants physics;
    private final double mbu;

    private final Map<String, Double> multiplierByQuant;

    /** GPUs with rows measured off the reference GPU, sorted by name; empty when not in use. */
    private final String[] hardwareGpus;
    private final List<Map<String, Double>> hardwareTables;
    private final double[] hardwareBandwidth;

    /** A model with the default behaviour's constants ({@link PhysicsConstants#defaults()}). */
    public ThroughputModel(FittedModels.Throughput corpus, GpuCatalog catalog, ModelRegistry registry) {
        this(corpus, catalog, registry, PhysicsConstants.defaults());
    }

    /** A model with the given behaviour's constants (MBU, reference bandwidth). */
    public ThroughputModel(FittedModels.Throughput corpus, GpuCatalog catalog, ModelRegistry registry,
                           PhysicsConstants physics) {
        this.physics = Objects.requireNonNull(physics, "physics");
        this.mbu = physics.mbu();
        this.corpus = Objects.requireNonNull(corpus, "corpus");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.registry = Objects.requireNonNull(registry, "registry");
        Map<String, Double> multipliers = new java.util.HashMap<>();
        for (String quant : Quantization.known()) {
            multipliers.put(quant, resolveMultiplier(quant));
        }
        this.multiplierByQuant = multipliers;
        Map<String, Map<String, Double>> rows = physics.compat() == Compat.REFERENCE
                ? Map.of() : corpus.hardwareLookup();
        List<String> names = new ArrayList<>(rows.keySet());
        Collections.sort(names);
        names.removeIf(name -> rows.get(name).isEmpty());
        this.hardwareGpus = names.toArray(new String[0]);
        List<Map<String, Double>> tables = new ArrayList<>(names.size());
        this.hardwareBandwidth = new double[hardwareGpus.length];
        for (int i = 0; i < hardwareGpus.length; i++) {
            tables.add(rows.get(hardwareGpus[i]));
            hardwareBandwidth[i] = catalogBandwidth(catalog, hardwareGpus[i]);
        }
        this.hardwareTables = List.copyOf(tables);
    }

    /** The bandwidth of the GPU with exactly this name, NaN when the catalog lacks it (no fuzzy match: a row belongs to one card). */
    private static double catalogBandwidth(GpuCatalog catalog, String name) {
        for (Gpu gpu : catalog.all()) {
            if (gpu.name().equals(name)) {
                return gpu.bandwidthGbps();
            }
        }
        return Double.NaN;
    }

    /**
     * Whether rows measured on GPUs other than the reference one are in play: the corpus has some
     * and the behaviour is not {@link io.chimeraforge.core.Compat#REFERENCE}.
     */
    public boolean usesHardwareRows() {
        return hardwareGpus.length > 0;
    }

    /**
     * The rows measured for {@code model|backend|quant} on GPUs other than the reference one, in
     * GPU-name order; {@link HardwareRows#NONE} when there are none or they are not in use.
     */
    public HardwareRows hardwareRows(String model, String backend, String quant) {
        if (hardwareGpus.length == 0) {
            return HardwareRows.NONE;
        }
        String key = model + "|" + backend + "|" + quant;
        int count = 0;
        for (Map<String, Double> table : hardwareTables) {
            if (table.containsKey(key)) {
                count++;
            }
        }
        if (count == 0) {
            return HardwareRows.NONE;
        }
        String[] gpus = new String[count];
        double[] tps = new double[count];
        double[] bandwidth = new double[count];
        int at = 0;
        for (int i = 0; i < hardwareGpus.length; i++) {
            Double value = hardwareTables.get(i).get(key);
            if (value != null) {
                gpus[at] = hardwareGpus[i];
                tps[at] = value;
                bandwidth[at] = hardwareBandwidth[i];
                at++;
            }
        }
        return new HardwareRows(gpus, tps, bandwidth);
    }

    /**
     * A single-stream rate with its evidence.
     *
     * @param tps            tok/s on the GPU asked about, floored at {@link #MIN_TPS}
     * @param provenance     {@code MEASURED}: a row measured on this GPU; {@code EXTRAPOLATED}: a row
     *                       measured on another GPU, scaled by bandwidth; {@code ESTIMATED}: no row
     *                       for this key (FP16 row x quant multiplier, or the size power law)
     * @param measuredOn     the GPU the row was measured on (empty for an estimate)
     * @param bandwidthRatio the bandwidth factor applied (1.0 for a row of this GPU)
     */
    public record SingleStream(double tps, Provenance provenance, Optional<String> measuredOn,
                               double bandwidthRatio) {
        public SingleStream {
            Objects.requireNonNull(provenance, "provenance");
            Objects.requireNonNull(measuredOn, "measuredOn");
        }
    }

    /**
     * The corpus-based N=1 rate of {@code model|backend|quant} on a GPU, by the rule in the class
     * description: this GPU's row, else the reference row scaled, else another GPU's row scaled
     * (nearest bandwidth), else the estimate from the reference rows scaled.
     */
    public SingleStream singleStream(String model, String backend, String quant, Gpu gpu) {
        Objects.requireNonNull(gpu, "gpu");
        HardwareRows rows = hardwareRows(model, backend, quant);
        int own = rows.measuredOn(gpu);
        if (own >= 0) {
            return new SingleStream(scaled(rows.tps(own), 1.0), Provenance.MEASURED, Optional.of(gpu.name()), 1.0);
        }
        double ratio = physics.bandwidthRatio(gpu);
        boolean reference = gpu.name().equals(GpuCatalog.REFERENCE_GPU_NAME);
        if (hasMeasurement(model, backend, quant)) {
            return new SingleStream(scaled(unscaledPrediction(model, backend, quant), ratio),
                    reference ? Provenance.MEASURED : Provenance.EXTRAPOLATED,
                    Optional.of(GpuCatalog.REFERENCE_GPU_NAME), ratio);
        }
        int source = rows.extrapolationSource(gpu);
        if (source >= 0) {
            double fromSource = rows.bandwidthRatio(source, gpu);
            return new SingleStream(scaled(rows.tps(source), fromSource), Provenance.EXTRAPOLATED,
                    Optional.of(rows.gpu(source)), fromSource);
        }
        return new SingleStream(scaled(unscaledPrediction(model, backend, quant), ratio), Provenance.ESTIMATED,
                Optional.empty(), ratio);
    }

    /** The constants in use. */
    public PhysicsConstants physics() {
        return physics;
    }

    /** Whether the corpus holds a measured row for {@code model|backend|quant}. */
    public boolean hasMeasurement(String model, String backend, String quant) {
        return corpus.lookup().containsKey(model + "|" + backend + "|" + quant);
    }

    /** Whether any corpus row was measured on this backend. */
    public boolean backendHasRows(String backend) {
        String marker = "|" + backend + "|";
        for (String key : corpus.lookup().keySet()) {
            if (key.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The speed-up of a quantization over FP16: the corpus entry; else 16/bpw above 16 bits; else
     * the entry with the nearest bits per weight (first in corpus order on ties); 1.0 when the
     * quantization or the table is unknown.
     */
    public double quantMultiplier(String quant) {
        Double known = multiplierByQuant.get(quant);
        return known != null ? known : resolveMultiplier(quant);
    }

    private double resolveMultiplier(String quant) {
        Map<String, Double> multipliers = corpus.quantMultipliers();
        Double exact = multipliers.get(quant);
        if (exact != null) {
            return exact;
        }
        if (!Quantization.isKnown(quant)) {
            return 1.0;
        }
        double bpw = Quantization.bitsPerWeight(quant);
        if (bpw > 16) {
            return 16 / bpw;
        }
        Double nearest = null;
        double nearestDistance = Double.POSITIVE_INFINITY;
        for (Map.Entry<String, Double> entry : multipliers.entrySet()) {
            if (!Quantization.isKnown(entry.getKey())) {
                continue;
            }
            double distance = Math.abs(Quantization.bitsPerWeight(entry.getKey()) - bpw);
            if (distance < nearestDistance) {
                nearestDistance = distance;
                nearest = entry.getValue();
            }
        }
        return nearest == null ? 1.0 : nearest;
    }

    /**
     * The corpus-based N=1 prediction: the measured row; else the model's FP16 row times the
     * quant multiplier; else the fitted size power law times the multiplier. Scaled by memory
     * bandwidth when a GPU is named. For a catalog GPU, rows measured on other GPUs count as
     * {@link #singleStream} describes.
     *
     * @param model    corpus model name (registry name or alias)
     * @param hardware GPU name, or null/empty for the reference GPU unscaled
     */
    public double predict(String model, String backend, String quant, String hardware) {
        double ratio = 1.0;
        if (hardware != null && !hardware.isEmpty()) {
            Optional<Gpu> gpu = catalog.find(hardware);
            if (gpu.isPresent() && usesHardwareRows()) {
                return singleStream(model, backend, quant, gpu.get()).tps();
            }
            ratio = gpu.isPresent() ? physics.bandwidthRatio(gpu.get()) : 1.0;
        }
        return predict(model, backend, quant, ratio);
    }

    /**
     * As {@link #predict(String, String, String, String)} with the bandwidth ratio to the
     * reference GPU already known (1.0 for no scaling).
     */
    public double predict(String model, String backend, String quant, double bandwidthRatio) {
        return scaled(unscaledPrediction(model, backend, quant), bandwidthRatio);
    }

    /** A prediction from {@link #unscaledPrediction} scaled to a GPU and floored at {@link #MIN_TPS}. */
    public static double scaled(double unscaledTps, double bandwidthRatio) {
        return Math.max(unscaledTps * bandwidthRatio, MIN_TPS);
    }

    /**
     * The corpus-based N=1 rate on the reference GPU, before bandwidth scaling and the floor: the
     * part of {@link #predict} that depends only on the corpus, so callers can compute it once.
     */
    public double unscaledPrediction(String model, String backend, String quant) {
        Double measured = corpus.lookup().get(model + "|" + backend + "|" + quant);
        double tps;
        if (measured != null) {
            tps = measured;
        } else {
            double multiplier = quantMultiplier(quant);
            Double fp16 = corpus.lookup().get(model + "|" + backend + "|FP16");
            if (fp16 != null && fp16 != 0.0) {
                tps = fp16 * multiplier;
            } else {
                double params = registry.find(model).map(RegistryModel::paramsB).orElse(DEFAULT_PARAMS_B);
                tps = corpus.sizePowerA() * Math.pow(params, -corpus.sizePowerB()) * multiplier;
            }
        }
        return tps;
    }

    /**
     * First-principles N=1 rate: each token streams the weights once at the MBU share of the
     * GPU's bandwidth ({@link PhysicsConstants#UNKNOWN_GPU_BANDWIDTH_GBPS} when unknown), times the
     * quant multiplier.
     */
    public double roofline(double paramsB, String quant, Optional<Gpu> gpu) {
        if (paramsB <= 0) {
            return MIN_TPS;
        }
        double bandwidth = bandwidthOf(gpu);
        return Math.max(mbu * bandwidth / (paramsB * 2) * quantMultiplier(quant), MIN_TPS);
    }

    private static double bandwidthOf(Optional<Gpu> gpu) {
        // on the search's hot path: no Optional chaining (it allocates)
        if (gpu.isPresent() && gpu.get().bandwidthGbps() > 0) {
            return gpu.get().bandwidthGbps();
        }
        return PhysicsConstants.UNKNOWN_GPU_BANDWIDTH_GBPS;
    }

    /** The per-GPU decode compute ceiling in tok/s, or +infinity when it cannot be computed. */
    public static double computeCeiling(double paramsB, Optional<Gpu> gpu) {
        if (paramsB > 0 && gpu.isPresent() && gpu.get().fp16Tflops() > 0) {
            return gpu.get().fp16Tflops() * 1e12 * DECODE_COMPUTE_MFU / (2 * paramsB * 1e9);
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Aggregate decode rate of one GPU serving {@code batch} sequences with continuous batching:
     * each step streams the weights once and every sequence's KV, capped by compute, never below
     * the single-stream rate.
     *
     * @param n1Tps      single-stream rate
     * @param kvPerSeqGb one sequence's KV cache at full context
     */
    public double batched(double n1Tps, double kvPerSeqGb, int batch, Optional<Gpu> gpu, double paramsB) {
        if (batch <= 1 || n1Tps <= 0) {
            return Math.max(n1Tps, MIN_TPS);
        }
        double streamRate = bandwidthOf(gpu) * mbu;
        double weights = streamRate / n1Tps;
        double aggregate = batch * streamRate / (weights + batch * kvPerSeqGb);
        aggregate = Math.min(aggregate, computeCeiling(paramsB, gpu));
        return Math.max(aggregate, n1Tps);
    }

    /**
     * Aggregate decode rate of a tensor-parallel group of {@code tp} GPUs: memory time shrinks
     * by tp, two all-reduces per layer add link time.
     */
    public double tensorParallel(double n1Tps, double kvPerSeqGb, int batch, int tp, int hiddenSize,
                                        int nLayers, double interconnectGbps, Optional<Gpu> gpu, double paramsB) {
        if (tp <= 1) {
            return batched(n1Tps, kvPerSeqGb, batch, gpu, paramsB);
        }
        if (n1Tps <= 0) {
            return MIN_TPS;
        }
        double bandwidth = bandwidthOf(gpu);
        int b = Math.max(batch, 1);
        double weights = bandwidth * mbu / n1Tps;
        double memory = (weights + b * kvPerSeqGb) / (tp * bandwidth * mbu);
        double comms = (nLayers * 2 * (2.0 * (tp - 1) / tp) * b * hiddenSize * ACT_DTYPE_BYTES / 1e9)
                / (Math.max(interconnectGbps, 1) * INTERCONNECT_EFFICIENCY);
        double step = memory + comms;
        if (step <= 0) {
            return tp * n1Tps;
        }
        double aggregate = Math.min(b / step, tp * computeCeiling(paramsB, gpu));
        return Math.max(aggregate, MIN_TPS);
    }

    /**
     * Aggregate decode rate of a {@code pp}-stage pipeline: memory time shrinks by pp, one
     * activation hand-off per stage boundary, and a bubble of {@code b / (b + pp - 1)}.
     */
    public double pipelineParallel(double n1Tps, double kvPerSeqGb, int batch, int pp, int hiddenSize,
                                          double interconnectGbps, Optional<Gpu> gpu, double paramsB) {
        if (pp <= 1) {
            return batched(n1Tps, kvPerSeqGb, batch, gpu, paramsB);
        }
        if (n1Tps <= 0) {
            return MIN_TPS;
        }
        double bandwidth = bandwidthOf(gpu);
        int b = Math.max(batch, 1);
        double weights = bandwidth * mbu / n1Tps;
        double memory = (weights + b * kvPerSeqGb) / (pp * bandwidth * mbu);
        double comms = ((pp - 1) * (double) b * hiddenSize * ACT_DTYPE_BYTES / 1e9)
                / (Math.max(interconnectGbps, 1) * INTERCONNECT_EFFICIENCY);
        double step = memory + comms;
        if (step <= 0) {
            return pp * n1Tps;
        }
        double aggregate = (b / step) * ((double) b / (b + pp - 1));
        aggregate = Math.min(aggregate, pp * computeCeiling(paramsB, gpu));
        return Math.max(aggregate, MIN_TPS);
    }
}
