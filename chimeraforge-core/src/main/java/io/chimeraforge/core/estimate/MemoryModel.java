package io.chimeraforge.core.estimate;

import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.model.Architecture;
import io.chimeraforge.core.quant.Quantization;
import java.util.Objects;

/**
 * GPU memory: weights, KV cache, activations, and how many sequences fit.
 *
 * <p>Units: weights are computed in 1e9-byte GB (params x bytes/param), KV in GiB (bytes /
 * 1024^3), GPU sizes are GiB. Where weights meet capacity (the VRAM figure, the free memory of
 * {@link #maxConcurrentSeqs}, the offload share) they are multiplied by
 * {@link PhysicsConstants#weightCapacityUnit()}: GB to GiB in the corrected behaviour, unconverted
 * (v0.30.0's 7% overstatement) under {@link io.chimeraforge.core.Compat#REFERENCE}. Only one
 * sequence's KV at full context is counted in the VRAM figure; concurrency is sized separately.
 */
public final class MemoryModel {

    /** Share of GPU memory the serving engines give to weights plus KV cache. */
    public static final double KV_CACHE_UTILISATION = 0.9;
    private static final double GIB = 1024.0 * 1024.0 * 1024.0;

    private final FittedModels.Vram coefficients;
    private final double weightUnit;

    /** A model with the default behaviour's units ({@link PhysicsConstants#defaults()}). */
    public MemoryModel(FittedModels.Vram coefficients) {
        this(coefficients, PhysicsConstants.defaults());
    }

    /** A model with the given behaviour's weight unit at the capacity sites. */
    public MemoryModel(FittedModels.Vram coefficients, PhysicsConstants physics) {
        this.coefficients = Objects.requireNonNull(coefficients, "coefficients");
        this.weightUnit = Objects.requireNonNull(physics, "physics").weightCapacityUnit();
    }

    /**
     * KV cache in GiB for {@code batch} sequences of {@code contextTokens}, with sliding-window
     * layers capped at the window when the layer pattern is known.
     */
    public static double kvCacheGb(Architecture arch, double contextTokens, int batch, double bytesPerElement) {
        double effectiveContext = contextTokens;
        if (arch.hasSlidingWindowPattern() && arch.swaWindow() < contextTokens) {
            double globalLayers = (double) arch.nLayers() / arch.swaGlobalEvery();
            double localLayers = Math.max(arch.nLayers() - globalLayers, 0.0);
            effectiveContext = (globalLayers * contextTokens + localLayers * arch.swaWindow()) / arch.nLayers();
        }
        return (double) arch.nLayers() * batch * effectiveContext * arch.cachedElementsPerTokenPerLayer()
                * bytesPerElement / GIB;
    }

    /**
     * How many ranks the KV cache splits over: tensor parallelism cannot split finer than one KV
     * head per GPU; pipeline parallelism splits layers freely.
     */
    public static int kvShards(Architecture arch, int tp, int pp) {
        return Math.min(Math.max(tp, 1), Math.max(arch.nKvHeads(), 1)) * Math.max(pp, 1);
    }

    /** Activation memory in GB: linear in context, not sharded by TP/PP. */
    public double activationGb(Architecture arch, int contextTokens) {
        return coefficients.activationCoeff() * arch.nLayers() * (contextTokens / 1024.0);
    }

    /**
     * Weight bytes per GPU before the overhead factor, in the capacity unit: the denominator of
     * the offload share. Evaluated left to right as upstream does, for bit parity.
     */
    public double weightGbPerGpu(double paramsB, String quant, int tp, int pp) {
        return paramsB * Quantization.bitsPerWeight(quant) / 8 * weightUnit
                / ((double) Math.max(tp, 1) * Math.max(pp, 1));
    }

    /**
     * VRAM per GPU: weights x overhead + one sequence's KV at full context (sharded) + activations.
     */
    public double vramPerGpuGb(double paramsB, String quant, int contextTokens, Architecture arch,
                               double kvBytesPerElement, int tp, int pp) {
        double weights = weightGbPerGpu(paramsB, quant, tp, pp);
        double kv = kvCacheGb(arch, contextTokens, 1, kvBytesPerElement) / kvShards(arch, tp, pp);
        return weights * coefficients.overheadFactor() + kv + activationGb(arch, contextTokens);
    }

    /**
     * Sequences of full context whose KV fits in the memory left after weights and activations,
     * at {@link #KV_CACHE_UTILISATION} of the GPU; 0 when nothing is left.
     */
    public int maxConcurrentSeqs(double paramsB, String quant, Architecture arch, int contextTokens,
                                 double gpuVramGb, double kvBytesPerElement, int tp, int pp) {
        double weights = paramsB * Quantization.bitsPerWeight(quant) / 8 * weightUnit * coefficients.overheadFactor()
                / ((double) Math.max(tp, 1) * Math.max(pp, 1));
        double free = gpuVramGb * KV_CACHE_UTILISATION - weights - activationGb(arch, contextTokens);
        double perSeq = kvCacheGb(arch, contextTokens, 1, kvBytesPerElement) / kvShards(arch, tp, pp);
        if (perSeq <= 0 || free <= 0) {
            return 0;
        }
        return (int) Math.floor(free / perSeq);
    }
}
