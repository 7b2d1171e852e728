package io.chimeraforge.planner;

import io.chimeraforge.core.estimate.QualityModel;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.quant.Backend;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One deployable configuration that passed every gate, with its predicted performance, cost and
 * the evidence behind each figure. Figures are rounded as the reference reports them (the
 * rounding is part of the ranking). In JSON the fields are written with the reference's
 * snake_case keys in this order.
 *
 * @param model                      target model identifier
 * @param quant                      weight quantization
 * @param backend                    serving engine
 * @param replicas                   replicas N (JSON {@code n_agents})
 * @param vramPerGpuGb               VRAM per GPU incl. LoRA adapters; the GPU's VRAM when offloading (2 dp)
 * @param quality                    composite quality score (3 dp)
 * @param qualityTier                quality drop class against FP16
 * @param singleStreamTps            N=1 single-stream decode rate after offload/LoRA derates (1 dp)
 * @param totalThroughputTps         aggregate decode rate of the fleet (1 dp)
 * @param eta                        scaling efficiency; replicas scale linearly, always 1.0
 * @param p95LatencyMs               predicted end-to-end p95 (1 dp)
 * @param utilisation                offered load over capacity (3 dp)
 * @param monthlyCostUsd             monthly hardware bill (2 dp)
 * @param costPerMillionTokensUsd    $ per 1M tokens at full capacity (4 dp)
 * @param refusalRate                measured refusal rate (3 dp), empty when unscreened
 * @param rtsiRisk                   refusal-instability risk, {@code UNKNOWN} when unscreened
 * @param warnings                   caveats, in a fixed order
 * @param paramsB                    total parameters, billions (4 dp)
 * @param activeParamsB              parameters active per token, billions (4 dp)
 * @param modelSource                where the model facts came from
 * @param reasoningTokens            hidden reasoning tokens per request
 * @param decodeTokensPerRequest     visible + hidden tokens decoded per request
 * @param prefixCacheHitRate         assumed prefix-cache hit rate (4 dp)
 * @param prefillTokensEffective     prompt tokens actually prefilled
 * @param dutyCycle                  share of the month the fleet serves (4 dp)
 * @param gpuPriceMultiplier         scale applied to the GPU's $/hr (4 dp)
 * @param effectiveCostPerMillionTokensUsd $ per 1M tokens actually served (4 dp)
 * @param tokensServedPerMonth       tokens served a month at the offered load (2 dp)
 * @param provenance                 evidence behind VRAM, throughput, quality and safety
 * @param maxConcurrentSeqs          full-context sequences whose KV fits per GPU
 * @param ttftMs                     prefill time to first token (1 dp)
 * @param tpotMs                     time per output token at the chosen batch (1 dp)
 * @param batchPerGpu                concurrent sequences per replica B (JSON {@code effective_batch})
 * @param tdpWatts                   board power of one GPU (1 dp)
 * @param energyCostPerMonthUsd      board-power energy cost a month (2 dp)
 * @param energyCostPerMillionTokensUsd energy $ per 1M tokens at capacity (4 dp)
 * @param tokensPerSecondPerWatt     throughput per watt under load (4 dp; JSON {@code perf_per_watt})
 * @param tensorParallel             TP degree per replica
 * @param pipelineParallel           PP degree per replica
 * @param gpusTotal                  replicas x TP x PP
 * @param offloadFraction            share of weights streamed from host memory (4 dp)
 * @param hostBandwidthGbps          host link used for offload (1 dp), 0 unless offloading
 * @param loraAdapters               resident LoRA adapters
 * @param loraRank                   adapter rank, 0 without adapters
 * @param loraGb                     adapter VRAM per GPU (6 dp)
 * @param ttftSloMs                  TTFT SLO applied, 0 when off
 * @param tpotSloMs                  TPOT SLO applied, 0 when off
 */
public record Candidate(
        String model,
        String quant,
        Backend backend,
        int replicas,
        double vramPerGpuGb,
        double quality,
        QualityModel.Tier qualityTier,
        double singleStreamTps,
        double totalThroughputTps,
        double eta,
        double p95LatencyMs,
        double utilisation,
        double monthlyCostUsd,
        double costPerMillionTokensUsd,
        OptionalDouble refusalRate,
        String rtsiRisk,
        List<String> warnings,
        double paramsB,
        double activeParamsB,
        ModelSource modelSource,
        int reasoningTokens,
        long decodeTokensPerRequest,
        double prefixCacheHitRate,
        int prefillTokensEffective,
        double dutyCycle,
        double gpuPriceMultiplier,
        double effectiveCostPerMillionTokensUsd,
        double tokensServedPerMonth,
        CandidateProvenance provenance,
        int maxConcurrentSeqs,
        double ttftMs,
        double tpotMs,
        int batchPerGpu,
        double tdpWatts,
        double energyCostPerMonthUsd,
        double energyCostPerMillionTokensUsd,
        double tokensPerSecondPerWatt,
        int tensorParallel,
        int pipelineParallel,
        int gpusTotal,
        double offloadFraction,
        double hostBandwidthGbps,
        int loraAdapters,
        int loraRank,
        double loraGb,
        double ttftSloMs,
        double tpotSloMs) {

    public Candidate {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(qualityTier, "qualityTier");
        Objects.requireNonNull(refusalRate, "refusalRate");
        Objects.requireNonNull(rtsiRisk, "rtsiRisk");
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(modelSource, "modelSource");
        Objects.requireNonNull(provenance, "provenance");
    }
}
