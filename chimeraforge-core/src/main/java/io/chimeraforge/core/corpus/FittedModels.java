package io.chimeraforge.core.corpus;

import io.chimeraforge.core.internal.OrderedMaps;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The coefficient corpus the measurement models read: VRAM overhead, measured decode throughput,
 * quality and safety scores, latency and cost defaults. Immutable.
 *
 * <p>{@link #bundled()} holds the TR benchmark corpus (measured on an RTX 4080 12GB). {@link
 * #read(Path)} reads the reference tool's {@code fitted_models.json} interchange format, which
 * is also what a refit writes, so a file produced by either tool can be used.
 *
 * <p>Keys are {@code model|backend|quant} for throughput, {@code model|quant} for quality and
 * safety, {@code model|backend} for latency and scaling. Maps keep file order: one tie-break
 * (the nearest-bits quant multiplier) depends on it.
 *
 * @param vram         VRAM coefficients
 * @param throughput   decode-throughput lookup and fallbacks
 * @param scaling      legacy Amdahl serial fractions (kept for file round trips; the planner does not use them)
 * @param quality      quality lookup, FP16 baselines and per-quant deltas
 * @param costPerHourUsd default $/hr when no GPU price is known
 * @param latency      queueing safety factor and legacy service times
 * @param safety       refusal-rate lookup and RTSI risk
 * @param provenanceJson the file's {@code _provenance} block (where and how the rows were measured,
 *                     their coverage and limits) as compact JSON text, kept verbatim so a writer
 *                     can carry it on; data only, nothing reads it for planning
 */
public record FittedModels(
        Vram vram,
        Throughput throughput,
        Scaling scaling,
        Quality quality,
        double costPerHourUsd,
        Latency latency,
        Safety safety,
        Optional<String> provenanceJson) {

    /** A corpus without a provenance block. */
    public FittedModels(Vram vram, Throughput throughput, Scaling scaling, Quality quality, double costPerHourUsd,
                        Latency latency, Safety safety) {
        this(vram, throughput, scaling, quality, costPerHourUsd, latency, safety, Optional.empty());
    }

    public FittedModels {
        Objects.requireNonNull(provenanceJson, "provenanceJson");
        Objects.requireNonNull(vram, "vram");
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(scaling, "scaling");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(safety, "safety");
        requireFinite("costPerHourUsd", costPerHourUsd);
    }

    /** The bundled TR corpus. */
    public static FittedModels bundled() {
        return BundledCorpus.INSTANCE;
    }

    /**
     * The largest models file {@link #read} accepts: 16 MiB. The bundled corpus is a few KiB and a
     * lookup row is about 50 bytes, so 16 MiB holds some 300,000 rows, far beyond any real corpus,
     * while the parsed tree of a file this size stays near 100 MB of heap. A larger (or endless,
     * like {@code /dev/zero}) input stops after 16 MiB + 1 byte with a {@link CorpusFileException}.
     */
    public static final long MAX_FILE_BYTES = 16L << 20;

    /**
     * Reads a file in the reference's {@code fitted_models.json} format. Missing sections and keys
     * take the reference's defaults. Every value is range-checked (VRAM and throughput figures
     * positive, quality and safety scores and fractions in [0, 1], everything finite); duplicate keys
     * and content after the document are refused. Messages name the file and the key path.
     *
     * @throws CorpusFileException when the path is empty, the file is missing, unreadable, over
     *         {@link #MAX_FILE_BYTES}, not UTF-8, not JSON, of the wrong shape, or holds a value out of range
     */
    public static FittedModels read(Path file) {
        return FittedModelsFormat.read(file);
    }

    /** Parses the reference's {@code fitted_models.json} format from a string. */
    public static FittedModels parse(String json, String origin) {
        return FittedModelsFormat.parse(json, origin);
    }

    /**
     * This corpus in the {@code fitted_models.json} format {@link #read} reads: the reference's
     * section layout, two-space indent, numbers as Python prints them. Rows measured off the
     * reference GPU and the provenance block are included when present. {@code parse(toJson())}
     * gives an equal corpus.
     */
    public String toJson() {
        return FittedModelsWriter.toJson(this);
    }

    /** The corpus with every section at the reference's defaults (nothing measured). */
    public static FittedModels empty() {
        return new FittedModels(Vram.DEFAULTS, Throughput.DEFAULTS, Scaling.DEFAULTS, Quality.EMPTY,
                DEFAULT_COST_PER_HOUR_USD, Latency.DEFAULTS, Safety.EMPTY);
    }

    /** $/hr used by the cost model when no GPU price is known. */
    public static final double DEFAULT_COST_PER_HOUR_USD = 0.035;

    static void requireFinite(String parameter, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(parameter + " must be a finite number, got " + value);
        }
    }

    /**
     * VRAM coefficients: weights x {@code overheadFactor}, plus activations of
     * {@code activationCoeff} GB per layer per 1024 tokens of context.
     */
    public record Vram(double overheadFactor, double activationCoeff, boolean fitted) {
        public static final Vram DEFAULTS = new Vram(1.10, 0.0, false);

        public Vram {
            requireFinite("vram.overheadFactor", overheadFactor);
            requireFinite("vram.activationCoeff", activationCoeff);
        }
    }

    /**
     * Decode throughput: measured single-stream tok/s per {@code model|backend|quant} on the
     * reference GPU, speed-up multipliers per quantization (file order kept), the size power law
     * {@code a * params^-b} used when a registry model has no row, and rows measured on other GPUs.
     *
     * @param lookup           tok/s per {@code model|backend|quant}, measured on the reference GPU
     *                         ({@link io.chimeraforge.core.hardware.GpuCatalog#REFERENCE_GPU_NAME})
     * @param hardwareLookup   tok/s per {@code model|backend|quant} per catalog GPU name, for
     *                         measurements taken on a GPU other than the reference one (file key
     *                         {@code throughput.hardware_lookup}; absent from the reference's files)
     */
    public record Throughput(Map<String, Double> lookup, Map<String, Double> quantMultipliers,
                             double sizePowerA, double sizePowerB, boolean fitted,
                             Map<String, Map<String, Double>> hardwareLookup) {
        public static final Throughput DEFAULTS = new Throughput(Map.of(), Map.of(), 100.0, 0.5, false);

        /** A throughput section with no rows measured off the reference GPU. */
        public Throughput(Map<String, Double> lookup, Map<String, Double> quantMultipliers,
                          double sizePowerA, double sizePowerB, boolean fitted) {
            this(lookup, quantMultipliers, sizePowerA, sizePowerB, fitted, Map.of());
        }

        public Throughput {
            lookup = OrderedMaps.copyOf(lookup, "throughput.lookup");
            quantMultipliers = OrderedMaps.copyOf(quantMultipliers, "throughput.quantMultipliers");
            requireFinite("throughput.sizePowerA", sizePowerA);
            requireFinite("throughput.sizePowerB", sizePowerB);
            Objects.requireNonNull(hardwareLookup, "throughput.hardwareLookup");
            Map<String, Map<String, Double>> rows = new java.util.LinkedHashMap<>();
            hardwareLookup.forEach((gpu, table) -> rows.put(Objects.requireNonNull(gpu, "hardware name"),
                    OrderedMaps.copyOf(table, "throughput.hardwareLookup['" + gpu + "']")));
            hardwareLookup = java.util.Collections.unmodifiableMap(rows);
        }

        /** The measured tok/s for {@code model|backend|quant} on the reference GPU. */
        public OptionalDouble measured(String model, String backend, String quant) {
            Double value = lookup.get(model + "|" + backend + "|" + quant);
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
        }

        /** The tok/s measured for {@code model|backend|quant} on the named (non-reference) GPU. */
        public OptionalDouble measuredOn(String gpuName, String model, String backend, String quant) {
            Map<String, Double> table = hardwareLookup.get(gpuName);
            Double value = table == null ? null : table.get(model + "|" + backend + "|" + quant);
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
        }
    }

    /** Legacy Amdahl serial fractions per {@code model|backend}, with per-backend defaults. */
    public record Scaling(Map<String, Double> serialFractions, Map<String, Double> defaults, boolean fitted) {
        public static final Scaling DEFAULTS = new Scaling(Map.of(),
                orderedOf("ollama", 0.45, "vllm", 0.15, "tgi", 0.20), false);

        public Scaling {
            serialFractions = OrderedMaps.copyOf(serialFractions, "scaling.serialFractions");
            defaults = OrderedMaps.copyOf(defaults, "scaling.defaults");
        }
    }

    /** Quality scores per {@code model|quant}, FP16 baselines per model, additive deltas per quant. */
    public record Quality(Map<String, Double> lookup, Map<String, Double> fp16Baselines,
                          Map<String, Double> quantDeltas, boolean fitted) {
        public static final Quality EMPTY = new Quality(Map.of(), Map.of(), Map.of(), false);

        public Quality {
            lookup = OrderedMaps.copyOf(lookup, "quality.lookup");
            fp16Baselines = OrderedMaps.copyOf(fp16Baselines, "quality.fp16Baselines");
            quantDeltas = OrderedMaps.copyOf(quantDeltas, "quality.quantDeltas");
        }
    }

    /** The utilisation above which a configuration is flagged saturated, and legacy service times. */
    public record Latency(double safetyFactor, Map<String, Double> serviceTimesMs, boolean fitted) {
        public static final Latency DEFAULTS = new Latency(0.70, Map.of(), false);

        public Latency {
            requireFinite("latency.safetyFactor", safetyFactor);
            serviceTimesMs = OrderedMaps.copyOf(serviceTimesMs, "latency.serviceTimesMs");
        }
    }

    /** Refusal-instability score and its risk class ({@code LOW}, {@code MODERATE}, {@code HIGH}). */
    public record Rtsi(double score, String risk) {
        public Rtsi {
            Objects.requireNonNull(risk, "risk");
        }
    }

    /** Refusal rates per {@code model|quant}, FP16 baselines, and RTSI risk. */
    public record Safety(Map<String, Double> lookup, Map<String, Double> fp16Baselines, Map<String, Rtsi> rtsi,
                         Optional<String> metric, Optional<String> source, boolean fitted) {
        public static final Safety EMPTY = new Safety(Map.of(), Map.of(), Map.of(), Optional.empty(),
                Optional.empty(), false);

        public Safety {
            lookup = OrderedMaps.copyOf(lookup, "safety.lookup");
            fp16Baselines = OrderedMaps.copyOf(fp16Baselines, "safety.fp16Baselines");
            rtsi = OrderedMaps.copyOf(rtsi, "safety.rtsi");
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(source, "source");
        }
    }

    private static Map<String, Double> orderedOf(String k1, double v1, String k2, double v2, String k3, double v3) {
        Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        m.put(k3, v3);
        return m;
    }
}
