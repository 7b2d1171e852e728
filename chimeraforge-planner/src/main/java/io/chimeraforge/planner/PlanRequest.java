package io.chimeraforge.planner;

import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.core.estimate.KvPrecision;
import io.chimeraforge.core.estimate.LoraModel;
import io.chimeraforge.core.model.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What to plan for: the workload, the constraints, the GPU, and which models to consider.
 * Build one with {@link #builder()}; every setting has the reference tool's default, so
 * {@code PlanRequest.defaults()} is the plain {@code chimeraforge plan}.
 *
 * <p>Models are chosen either by a size class ({@link Builder#modelSize}, default {@code "3b"}:
 * every registry model within 50% of 3B) or explicitly ({@link Builder#model}), optionally with
 * pre-resolved facts ({@link Builder#spec}).
 */
public final class PlanRequest {

    /** Default size class. */
    public static final String DEFAULT_MODEL_SIZE = "3b";
    /** Default GPU. */
    public static final String DEFAULT_HARDWARE = "RTX 4080 12GB";
    public static final double DEFAULT_REQUEST_RATE = 1.0;
    public static final double DEFAULT_LATENCY_SLO_MS = 5000.0;
    public static final double DEFAULT_QUALITY_TARGET = 0.5;
    public static final double DEFAULT_BUDGET_USD_PER_MONTH = 100.0;
    public static final int DEFAULT_CONTEXT_LENGTH = 2048;
    public static final int DEFAULT_AVG_TOKENS = 128;
    public static final int DEFAULT_PROMPT_TOKENS = 512;
    public static final int DEFAULT_LORA_RANK = 16;
    /** The most replicas a plan considers per configuration (the reference's limit). */
    public static final int DEFAULT_MAX_REPLICAS = 16;
    /** Highest LoRA rank the adapter model covers. */
    public static final int MAX_LORA_RANK = 64;

    private final String modelSize;
    private final List<String> models;
    private final Map<String, ModelSpec> specs;
    private final double requestRate;
    private final double latencySloMs;
    private final double qualityTarget;
    private final OptionalDouble safetyTarget;
    private final double budgetUsdPerMonth;
    private final String hardware;
    private final int contextLength;
    private final int avgTokens;
    private final int reasoningTokens;
    private final int promptTokens;
    private final double prefixCacheHitRate;
    private final double dutyCycle;
    private final double gpuPriceMultiplier;
    private final boolean allowOffload;
    private final OptionalDouble hostBandwidthGbps;
    private final int loraAdapters;
    private final int loraRank;
    private final LoraModel.Target loraTarget;
    private final OptionalDouble ttftSloMs;
    private final OptionalDouble tpotSloMs;
    private final double serviceCv2;
    private final double electricityRate;
    private final KvPrecision kvPrecision;
    private final Parallelism tensorParallel;
    private final Parallelism pipelineParallel;
    private final int maxReplicas;

    private PlanRequest(Builder b, LoraModel.Target loraTarget) {
        this.modelSize = b.modelSize;
        this.models = List.copyOf(b.models);
        this.specs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.specs));
        this.requestRate = b.requestRate;
        this.latencySloMs = b.latencySloMs;
        this.qualityTarget = b.qualityTarget;
        this.safetyTarget = b.safetyTarget;
        this.budgetUsdPerMonth = b.budgetUsdPerMonth;
        this.hardware = b.hardware;
        this.contextLength = b.contextLength;
        this.avgTokens = b.avgTokens;
        this.reasoningTokens = b.reasoningTokens;
        this.promptTokens = b.promptTokens;
        this.prefixCacheHitRate = b.prefixCacheHitRate;
        this.dutyCycle = b.dutyCycle;
        this.gpuPriceMultiplier = b.gpuPriceMultiplier;
        this.allowOffload = b.allowOffload;
        this.hostBandwidthGbps = b.hostBandwidthGbps;
        this.loraAdapters = b.loraAdapters;
        this.loraRank = b.loraRank;
        this.loraTarget = loraTarget;
        this.ttftSloMs = b.ttftSloMs;
        this.tpotSloMs = b.tpotSloMs;
        this.serviceCv2 = b.serviceCv2;
        this.electricityRate = b.electricityRate;
        this.kvPrecision = b.kvPrecision;
        this.tensorParallel = b.tensorParallel;
        this.pipelineParallel = b.pipelineParallel;
        this.maxReplicas = b.maxReplicas;
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The request with every default: 3B class, 1 req/s, p95 5 s, quality 0.5, $100/month, RTX 4080 12GB. */
    public static PlanRequest defaults() {
        return builder().build();
    }

    /** A builder holding this request's settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.modelSize = modelSize;
        b.models.addAll(models);
        b.specs.putAll(specs);
        b.requestRate = requestRate;
        b.latencySloMs = latencySloMs;
        b.qualityTarget = qualityTarget;
        b.safetyTarget = safetyTarget;
        b.budgetUsdPerMonth = budgetUsdPerMonth;
        b.hardware = hardware;
        b.contextLength = contextLength;
        b.avgTokens = avgTokens;
        b.reasoningTokens = reasoningTokens;
        b.promptTokens = promptTokens;
        b.prefixCacheHitRate = prefixCacheHitRate;
        b.dutyCycle = dutyCycle;
        b.gpuPriceMultiplier = gpuPriceMultiplier;
        b.allowOffload = allowOffload;
        b.hostBandwidthGbps = hostBandwidthGbps;
        b.loraAdapters = loraAdapters;
        b.loraRank = loraRank;
        b.loraTarget = loraTarget.id();
        b.ttftSloMs = ttftSloMs;
        b.tpotSloMs = tpotSloMs;
        b.serviceCv2 = serviceCv2;
        b.electricityRate = electricityRate;
        b.kvPrecision = kvPrecision;
        b.tensorParallel = tensorParallel;
        b.pipelineParallel = pipelineParallel;
        b.maxReplicas = maxReplicas;
        return b;
    }

    public String modelSize() { return modelSize; }
    /** Explicit model identifiers, in order; empty when planning by size class. */
    public List<String> models() { return models; }
    /** Pre-resolved model facts by identifier. */
    public Map<String, ModelSpec> specs() { return specs; }
    public double requestRate() { return requestRate; }
    public double latencySloMs() { return latencySloMs; }
    public double qualityTarget() { return qualityTarget; }
    public OptionalDouble safetyTarget() { return safetyTarget; }
    public double budgetUsdPerMonth() { return budgetUsdPerMonth; }
    public String hardware() { return hardware; }
    public int contextLength() { return contextLength; }
    public int avgTokens() { return avgTokens; }
    public int reasoningTokens() { return reasoningTokens; }
    public int promptTokens() { return promptTokens; }
    public double prefixCacheHitRate() { return prefixCacheHitRate; }
    public double dutyCycle() { return dutyCycle; }
    public double gpuPriceMultiplier() { return gpuPriceMultiplier; }
    public boolean allowOffload() { return allowOffload; }
    public OptionalDouble hostBandwidthGbps() { return hostBandwidthGbps; }
    public int loraAdapters() { return loraAdapters; }
    public int loraRank() { return loraRank; }
    public LoraModel.Target loraTarget() { return loraTarget; }
    public OptionalDouble ttftSloMs() { return ttftSloMs; }
    public OptionalDouble tpotSloMs() { return tpotSloMs; }
    public double serviceCv2() { return serviceCv2; }
    public double electricityRate() { return electricityRate; }
    public KvPrecision kvPrecision() { return kvPrecision; }
    public Parallelism tensorParallel() { return tensorParallel; }
    public Parallelism pipelineParallel() { return pipelineParallel; }
    /** The most replicas considered per configuration ({@value #DEFAULT_MAX_REPLICAS} by default). */
    public int maxReplicas() { return maxReplicas; }

    /**
     * Builder for {@link PlanRequest}. Setters check their own range and throw
     * {@link InvalidSettingException} (an {@link IllegalArgumentException}) carrying the setting,
     * the value and the allowed range; a {@code null} argument throws {@link NullPointerException}
     * naming it; {@link #build()} checks combinations.
     */
    public static final class Builder {
        private String modelSize = DEFAULT_MODEL_SIZE;
        private final List<String> models = new ArrayList<>();
        private final Map<String, ModelSpec> specs = new LinkedHashMap<>();
        private double requestRate = DEFAULT_REQUEST_RATE;
        private double latencySloMs = DEFAULT_LATENCY_SLO_MS;
        private double qualityTarget = DEFAULT_QUALITY_TARGET;
        private OptionalDouble safetyTarget = OptionalDouble.empty();
        private double budgetUsdPerMonth = DEFAULT_BUDGET_USD_PER_MONTH;
        private String hardware = DEFAULT_HARDWARE;
        private int contextLength = DEFAULT_CONTEXT_LENGTH;
        private int avgTokens = DEFAULT_AVG_TOKENS;
        private int reasoningTokens;
        private int promptTokens = DEFAULT_PROMPT_TOKENS;
        private double prefixCacheHitRate;
        private double dutyCycle = 1.0;
        private double gpuPriceMultiplier = 1.0;
        private boolean allowOffload;
        private OptionalDouble hostBandwidthGbps = OptionalDouble.empty();
        private int loraAdapters;
        private int loraRank = DEFAULT_LORA_RANK;
        private String loraTarget = LoraModel.Target.QV.id();
        private OptionalDouble ttftSloMs = OptionalDouble.empty();
        private OptionalDouble tpotSloMs = OptionalDouble.empty();
        private double serviceCv2;
        private double electricityRate = 0.12;
        private KvPrecision kvPrecision = KvPrecision.FP16;
        private Parallelism tensorParallel = Parallelism.NONE;
        private Parallelism pipelineParallel = Parallelism.NONE;
        private int maxReplicas = DEFAULT_MAX_REPLICAS;

        private Builder() {
        }

        /** Size class such as {@code "8b"}; ignored when explicit models are given. Default {@code "3b"}. */
        public Builder modelSize(String value) {
            this.modelSize = Objects.requireNonNull(value, "modelSize");
            return this;
        }

        /** Adds an explicit model: a registry name, an Ollama tag or a Hugging Face repo id. */
        public Builder model(String id) {
            Objects.requireNonNull(id, "model");
            if (id.isBlank()) {
                throw new InvalidSettingException("model", "'" + id + "'", "a non-blank model identifier");
            }
            this.models.add(id);
            return this;
        }

        /** Adds an explicit model with its facts already resolved (no resolution is attempted). */
        public Builder model(ModelSpec spec) {
            Objects.requireNonNull(spec, "spec");
            this.models.add(spec.name());
            this.specs.put(spec.name(), spec);
            return this;
        }

        /** Arrival rate in requests/s (Poisson), > 0. Default 1.0. */
        public Builder requestRate(double value) {
            this.requestRate = positive("requestRate", value);
            return this;
        }

        /** p95 end-to-end latency bound in ms, > 0. Default 5000. */
        public Builder latencySloMs(double value) {
            this.latencySloMs = positive("latencySloMs", value);
            return this;
        }

        /** Minimum composite quality in [0, 1]. Default 0.5. */
        public Builder qualityTarget(double value) {
            this.qualityTarget = unit("qualityTarget", value);
            return this;
        }

        /** Minimum refusal rate in [0, 1]; enables the safety gate. Off by default. */
        public Builder safetyTarget(double value) {
            this.safetyTarget = OptionalDouble.of(unit("safetyTarget", value));
            return this;
        }

        /** Maximum monthly hardware bill in $, > 0. Default 100. */
        public Builder budgetUsdPerMonth(double value) {
            this.budgetUsdPerMonth = positive("budgetUsdPerMonth", value);
            return this;
        }

        /** GPU name from the catalog (case-insensitive; unambiguous partial names work). Default RTX 4080 12GB. */
        public Builder hardware(String value) {
            Objects.requireNonNull(value, "hardware");
            if (value.isBlank()) {
                throw new InvalidSettingException("hardware", "'" + value + "'", "a GPU name");
            }
            this.hardware = value;
            return this;
        }

        /** Context window that sizes KV cache and activations, tokens >= 1. Default 2048. */
        public Builder contextLength(int value) {
            this.contextLength = atLeast("contextLength", value, 1);
            return this;
        }

        /** Visible output tokens per request, >= 1. Default 128. */
        public Builder avgTokens(int value) {
            this.avgTokens = atLeast("avgTokens", value, 1);
            return this;
        }

        /** Hidden reasoning tokens per request, >= 0. Default 0. */
        public Builder reasoningTokens(int value) {
            this.reasoningTokens = atLeast("reasoningTokens", value, 0);
            return this;
        }

        /** Prompt tokens per request, >= 1. Default 512. */
        public Builder promptTokens(int value) {
            this.promptTokens = atLeast("promptTokens", value, 1);
            return this;
        }

        /** Share of prompt tokens served from a prefix cache, [0, 1]. Default 0. */
        public Builder prefixCacheHitRate(double value) {
            this.prefixCacheHitRate = unit("prefixCacheHitRate", value);
            return this;
        }

        /** Share of the month the fleet serves, (0, 1]. Default 1. */
        public Builder dutyCycle(double value) {
            if (!(value > 0 && value <= 1)) {
                throw new InvalidSettingException("dutyCycle", Double.toString(value),
                        "greater than 0.0 and at most 1.0");
            }
            this.dutyCycle = value;
            return this;
        }

        /** Scale on the GPU's $/hr (spot, reserved, negotiated), > 0. Default 1. */
        public Builder gpuPriceMultiplier(double value) {
            this.gpuPriceMultiplier = positive("gpuPriceMultiplier", value);
            return this;
        }

        /** Permit partial CPU offload of weights. Default false. */
        public Builder allowOffload(boolean value) {
            this.allowOffload = value;
            return this;
        }

        /** Host link speed for offload in GB/s, > 0. Default: the GPU's interconnect figure. */
        public Builder hostBandwidthGbps(double value) {
            this.hostBandwidthGbps = OptionalDouble.of(positive("hostBandwidthGbps", value));
            return this;
        }

        /** Resident LoRA adapters, 0 to {@value LoraModel#MAX_ADAPTERS}. Default 0. */
        public Builder loraAdapters(int value) {
            if (value < 0 || value > LoraModel.MAX_ADAPTERS) {
                throw new InvalidSettingException("loraAdapters", Integer.toString(value),
                        "between 0 and " + LoraModel.MAX_ADAPTERS);
            }
            this.loraAdapters = value;
            return this;
        }

        /** LoRA rank, 1 to 64 (checked whether or not adapters are set). Default 16. */
        public Builder loraRank(int value) {
            if (value < 1 || value > MAX_LORA_RANK) {
                throw new InvalidSettingException("loraRank", Integer.toString(value), "between 1 and " + MAX_LORA_RANK);
            }
            this.loraRank = value;
            return this;
        }

        /** LoRA target modules: {@code "qv"} or {@code "attn"} (checked whether or not adapters are set). Default {@code "qv"}. */
        public Builder loraTarget(String value) {
            Objects.requireNonNull(value, "loraTarget");
            if (LoraModel.Target.fromId(value).filter(t -> t.id().equals(value)).isEmpty()) {
                throw new InvalidSettingException("loraTarget", "'" + value + "'", "one of: attn, qv");
            }
            this.loraTarget = value;
            return this;
        }

        /** Time-to-first-token SLO in ms, > 0. Off by default. */
        public Builder ttftSloMs(double value) {
            this.ttftSloMs = OptionalDouble.of(positive("ttftSloMs", value));
            return this;
        }

        /** Time-per-output-token SLO in ms, > 0. Off by default. */
        public Builder tpotSloMs(double value) {
            this.tpotSloMs = OptionalDouble.of(positive("tpotSloMs", value));
            return this;
        }

        /** Service-time variability from a preset. Default steady. */
        public Builder workload(WorkloadPreset preset) {
            this.serviceCv2 = Objects.requireNonNull(preset, "workload").serviceCv2();
            return this;
        }

        /** Squared coefficient of variation of service time, >= 0. Default 0 (steady). */
        public Builder serviceCv2(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new InvalidSettingException("serviceCv2", Double.toString(value), "a finite number >= 0");
            }
            this.serviceCv2 = value;
            return this;
        }

        /** Electricity price in $/kWh, >= 0. Default 0.12. */
        public Builder electricityRate(double value) {
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw new InvalidSettingException("electricityRate", Double.toString(value), "a finite number >= 0");
            }
            this.electricityRate = value;
            return this;
        }

        /** KV-cache precision. Default FP16. */
        public Builder kvPrecision(KvPrecision value) {
            this.kvPrecision = Objects.requireNonNull(value, "kvPrecision");
            return this;
        }

        /** Tensor-parallel degree per replica, or {@link Parallelism#AUTO}. Default none. */
        public Builder tensorParallel(Parallelism value) {
            this.tensorParallel = Objects.requireNonNull(value, "tensorParallel");
            return this;
        }

        /** Pipeline-parallel degree per replica, or {@link Parallelism#AUTO}. Default none. */
        public Builder pipelineParallel(Parallelism value) {
            this.pipelineParallel = Objects.requireNonNull(value, "pipelineParallel");
            return this;
        }

        /**
         * The most replicas (copies of one configuration, each on its own GPUs) a plan considers,
         * 1..{@value #DEFAULT_MAX_REPLICAS}. Default {@value #DEFAULT_MAX_REPLICAS}. With 1, only
         * configurations one replica can serve are planned — the same candidates, in the same
         * order, as the single-replica ones of an unrestricted plan.
         */
        public Builder maxReplicas(int value) {
            if (value < 1 || value > DEFAULT_MAX_REPLICAS) {
                throw new InvalidSettingException("maxReplicas", Integer.toString(value),
                        "between 1 and " + DEFAULT_MAX_REPLICAS);
            }
            this.maxReplicas = value;
            return this;
        }

        /**
         * Builds the request. Each setter has already checked its own range.
         *
         * @throws IllegalStateException when tensor and pipeline parallelism are both engaged
         */
        public PlanRequest build() {
            if (tensorParallel.engaged() && pipelineParallel.engaged()) {
                throw new IllegalStateException("tensorParallel and pipelineParallel cannot both be above 1 yet;"
                        + " engage only one of them");
            }
            LoraModel.Target target = LoraModel.Target.fromId(loraTarget).orElseThrow();
            return new PlanRequest(this, target);
        }

        private static double positive(String parameter, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new InvalidSettingException(parameter, Double.toString(value), "a finite number > 0");
            }
            return value;
        }

        private static double unit(String parameter, double value) {
            if (!(value >= 0 && value <= 1)) {
                throw new InvalidSettingException(parameter, Double.toString(value), "between 0.0 and 1.0");
            }
            return value;
        }

        private static int atLeast(String parameter, int value, int minimum) {
            if (value < minimum) {
                throw new InvalidSettingException(parameter, Integer.toString(value), "an integer >= " + minimum);
            }
            return value;
        }
    }
}
