package io.chimeraforge.planner;

import static io.chimeraforge.planner.Plans.get;
import static io.chimeraforge.planner.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.estimate.LoraModel;
import io.chimeraforge.core.quant.Backend;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Scenario inputs: CPU offload, reasoning tokens, prefix cache, goodput SLOs, duty cycle and price
 * multiplier, multi-LoRA (spec section 8 items 44-49).
 *
 * <p>The reference clamps some library inputs that our {@link PlanRequest.Builder} refuses
 * outright (negative reasoning tokens, hit rates outside [0, 1], duty cycles outside (0, 1],
 * negative price multipliers); those expectations are checked as refusals here.
 */
class PlannerScenarioTest {

    // --- item 44: partial CPU offload ------------------------------------------------------

    private static PlanRequest.Builder offloadBase() {
        return PlanRequest.builder().modelSize("8b").hardware("RTX 4060 8GB").requestRate(0.2)
                .budgetUsdPerMonth(1e9).latencySloMs(1e9);
    }

    @Test
    void withoutOffloadNothingIsOffloaded() {
        PlanResult off = plan(offloadBase());
        assertThat(off.candidates()).hasSize(11);
        assertThat(off.candidates()).allSatisfy(c -> {
            assertThat(c.offloadFraction()).isEqualTo(0.0);
            assertThat(c.hostBandwidthGbps()).isEqualTo(0.0);
            assertThat(c.warnings()).noneMatch(w -> w.startsWith("partial CPU offload"));
        });
    }

    @Test
    void offloadAddsCellsThatSpillWeightsToHostMemory() {
        PlanResult on = plan(offloadBase().allowOffload(true));
        assertThat(on.candidates()).hasSize(19);
        Candidate most = on.candidates().stream().max(Comparator.comparingDouble(Candidate::offloadFraction))
                .orElseThrow();
        assertThat(most.quant()).isEqualTo("FP16");
        assertThat(most.offloadFraction()).isEqualTo(0.6117);
        assertThat(on.candidates()).filteredOn(c -> c.quant().equals("FP16")).isNotEmpty().allSatisfy(c -> {
            assertThat(c.offloadFraction()).isEqualTo(0.6117);
            assertThat(c.singleStreamTps()).isEqualTo(9.8);
            assertThat(c.replicas()).isEqualTo(3);
            assertThat(c.hostBandwidthGbps()).isEqualTo(64.0);
            assertThat(c.vramPerGpuGb()).isEqualTo(8.0);
            assertThat(c.warnings()).anyMatch(w -> w.startsWith("partial CPU offload: 61% of weights stream from host"
                    + " RAM over a 64 GB/s link") && w.contains("MODELLED") && w.contains("not measured")
                    && w.contains("scenario input"));
        });
    }

    @Test
    void slowerHostLinkMeansSlowerDecode() {
        Candidate slow = get(plan(offloadBase().allowOffload(true).hostBandwidthGbps(16)), "FP16", Backend.OLLAMA);
        Candidate fast = get(plan(offloadBase().allowOffload(true).hostBandwidthGbps(128)), "FP16", Backend.OLLAMA);
        assertThat(slow.singleStreamTps()).isLessThan(fast.singleStreamTps());
        assertThat(slow.hostBandwidthGbps()).isEqualTo(16.0);
        assertThat(fast.hostBandwidthGbps()).isEqualTo(128.0);
    }

    @Test
    void offloadCannotHelpWhenKvAndActivationsAloneOverflow() {
        PlanResult huge = plan(offloadBase().allowOffload(true).contextLength(1_000_000));
        assertThat(huge.candidates()).isEmpty();
        assertThat(huge.whyNothingFit()).isNotEmpty()
                .allMatch(line -> line.contains("offload cannot help"));
    }

    // --- items 45-48: reasoning, prefix cache, goodput, cost realism ------------------------

    private static PlanRequest.Builder h100() {
        return PlanRequest.builder().modelSize("8b").hardware("H100 80GB").requestRate(2).budgetUsdPerMonth(1e9)
                .qualityTarget(0).latencySloMs(60000);
    }

    @Test
    void reasoningTokensAreDecodedButHidden() {
        Candidate plain = plan(h100()).recommendation().orElseThrow();
        assertThat(plain.reasoningTokens()).isZero();
        assertThat(plain.decodeTokensPerRequest()).isEqualTo(128);
        assertThat(plain.p95LatencyMs()).isEqualTo(362.9);
        assertThat(plain.warnings()).noneMatch(w -> w.startsWith("reasoning model"));

        Candidate thinking = plan(h100().reasoningTokens(1000)).recommendation().orElseThrow();
        assertThat(thinking.reasoningTokens()).isEqualTo(1000);
        assertThat(thinking.decodeTokensPerRequest()).isEqualTo(1128);
        assertThat(thinking.p95LatencyMs()).isEqualTo(6127.8).isGreaterThan(2 * plain.p95LatencyMs());
        assertThat(thinking.warnings()).anyMatch(w -> w.contains("128 visible") && w.contains("1000 hidden")
                && w.contains("scenario input"));
        assertThat(thinking.warnings()).noneMatch(w -> w.startsWith("peak sequence"));

        Candidate overflowing = plan(h100().reasoningTokens(8000).contextLength(2048)).recommendation().orElseThrow();
        assertThat(overflowing.warnings()).anyMatch(w -> w.startsWith("peak sequence 8640 tokens (prompt 512 + decode"
                + " 8128) exceeds --context-length 2048"));
        Candidate fitting = plan(h100().reasoningTokens(1000).contextLength(8192)).recommendation().orElseThrow();
        assertThat(fitting.warnings()).noneMatch(w -> w.startsWith("peak sequence"));

        assertThatThrownBy(() -> PlanRequest.builder().reasoningTokens(-500))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reasoningTokens");
    }

    /**
     * Spec 1.3: {@code decode_tokens = max(avg_tokens + reasoning_hidden, 1)} in Python integers,
     * so 2^31-1 visible + 1 hidden token is 2^31 tokens per request; at 1 req/s no GPU fleet of 16
     * replicas decodes 2^31 tok/s and every cell stops at the throughput gate. Both inputs are
     * valid on their own (the CLI accepts them too: {@code --avg-tokens 2147483647
     * --reasoning-tokens 1}).
     */
    @Test
    void hugeTokenCountsDoNotWrapAround() {
        PlanResult r = plan(PlanRequest.builder().avgTokens(Integer.MAX_VALUE).reasoningTokens(1));
        assertThat(r.candidates()).as("decode tokens per request of the candidates")
                .extracting(Candidate::decodeTokensPerRequest).isEmpty();
        assertThat(r.whyNothingFit()).hasSize(4).allMatch(l -> l.contains("blocked at throughput gate"));
    }

    @ParameterizedTest(name = "hit {0} -> {1} prompt tokens prefilled")
    @CsvSource({"0.0, 4096", "0.25, 3072", "0.5, 2048", "0.9, 410", "1.0, 1"})
    void prefixCacheShortensPrefill(double hit, int prefilled) {
        Candidate c = plan(h100().promptTokens(4096).prefixCacheHitRate(hit)).recommendation().orElseThrow();
        assertThat(c.prefillTokensEffective()).isEqualTo(prefilled);
        assertThat(c.prefixCacheHitRate()).isEqualTo(hit);
    }

    @Test
    void prefixCacheCutsTtftAndTailButNotMemory() {
        Candidate cold = plan(h100().promptTokens(4096)).recommendation().orElseThrow();
        Candidate half = plan(h100().promptTokens(4096).prefixCacheHitRate(0.5)).recommendation().orElseThrow();
        Candidate hot = plan(h100().promptTokens(4096).prefixCacheHitRate(0.9)).recommendation().orElseThrow();
        assertThat(cold.ttftMs()).isEqualTo(166.3);
        assertThat(half.ttftMs()).isEqualTo(83.1);
        assertThat(hot.ttftMs()).isEqualTo(16.6);
        assertThat(cold.p95LatencyMs()).isEqualTo(1354.8);
        assertThat(hot.p95LatencyMs()).isEqualTo(349.1);
        assertThat(hot.vramPerGpuGb()).isEqualTo(cold.vramPerGpuGb());
        assertThat(hot.maxConcurrentSeqs()).isEqualTo(cold.maxConcurrentSeqs());
        assertThat(cold.warnings()).noneMatch(w -> w.startsWith("prefix cache"));
        assertThat(hot.warnings()).anyMatch(w -> w.startsWith("prefix cache assumed at 90% hit rate: 410 of 4096 prompt"
                + " tokens prefilled") && w.contains("NOT deducted") && w.contains("scenario input"));

        Candidate both = plan(h100().promptTokens(4096).prefixCacheHitRate(0.9).reasoningTokens(1000))
                .recommendation().orElseThrow();
        assertThat(both.prefillTokensEffective()).isEqualTo(410);
        assertThat(both.decodeTokensPerRequest()).isEqualTo(1128);

        assertThatThrownBy(() -> PlanRequest.builder().prefixCacheHitRate(-0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefixCacheHitRate");
        assertThatThrownBy(() -> PlanRequest.builder().prefixCacheHitRate(5.0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefixCacheHitRate");
    }

    @Test
    void ttftSloBelowPrefillTimeBlocksEverything() {
        PlanResult r = plan(h100().promptTokens(4096).ttftSloMs(100));
        assertThat(r.candidates()).isEmpty();
        assertThat(r.whyNothingFit()).isNotEmpty().allMatch(l -> l.contains("TTFT") && l.contains("prefill-bound")
                && l.contains("bigger batch will not help"));
    }

    @Test
    void impossibleTpotSloBlocksEverything() {
        PlanResult r = plan(h100().promptTokens(4096).tpotSloMs(0.001));
        assertThat(r.candidates()).isEmpty();
        assertThat(r.whyNothingFit()).isNotEmpty().allMatch(l -> l.contains("TPOT"));
    }

    @Test
    void plainLatencyFailureDoesNotBlameTtftOrTpot() {
        PlanResult r = plan(h100().promptTokens(4096).latencySloMs(1.0));
        assertThat(r.candidates()).isEmpty();
        assertThat(r.whyNothingFit()).isNotEmpty().noneMatch(l -> l.contains("TTFT") || l.contains("TPOT"));
    }

    @Test
    void goodputSlosGateThePredictedPointValues() {
        PlanResult r = plan(h100().promptTokens(4096).ttftSloMs(5000).tpotSloMs(200));
        assertThat(r.candidates()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.ttftMs()).isLessThanOrEqualTo(5000);
            assertThat(c.tpotMs()).isLessThanOrEqualTo(200);
            assertThat(c.ttftSloMs()).isEqualTo(5000.0);
            assertThat(c.tpotSloMs()).isEqualTo(200.0);
            assertThat(c.warnings()).anyMatch(w -> w.contains("not an attainment percentage")
                    && w.contains("distribution"));
        });
    }

    @Test
    void tokensServedAndEffectiveCost() {
        Candidate full = plan(h100()).recommendation().orElseThrow();
        assertThat(full.tokensServedPerMonth()).isEqualTo(663_552_000.0);
        assertThat(full.monthlyCostUsd()).isEqualTo(1800.0);
        assertThat(full.effectiveCostPerMillionTokensUsd()).isEqualTo(2.7127);
        assertThat(full.costPerMillionTokensUsd()).isEqualTo(0.9152);

        Candidate quarter = plan(h100().dutyCycle(0.25)).recommendation().orElseThrow();
        assertThat(quarter.tokensServedPerMonth()).isEqualTo(663_552_000.0 * 0.25);
        Candidate half = plan(h100().dutyCycle(0.5)).recommendation().orElseThrow();
        assertThat(half.effectiveCostPerMillionTokensUsd()).isEqualTo(5.4253);
        assertThat(half.monthlyCostUsd()).isEqualTo(full.monthlyCostUsd());
        assertThat(half.dutyCycle()).isEqualTo(0.5);
        assertThat(half.warnings()).anyMatch(w -> w.startsWith("duty cycle 50%: the fleet is billed for the whole"
                + " month but serves 50% of it, so the effective cost is $5.4253/1M tok against $0.9152 at full"
                + " capacity"));
        for (double duty : new double[] {1.0, 0.5, 0.1}) {
            Candidate c = plan(h100().dutyCycle(duty)).recommendation().orElseThrow();
            assertThat(c.effectiveCostPerMillionTokensUsd()).as("duty %s", duty)
                    .isGreaterThanOrEqualTo(c.costPerMillionTokensUsd());
        }
        Candidate reasoning = plan(h100().reasoningTokens(128)).recommendation().orElseThrow();
        assertThat(reasoning.tokensServedPerMonth()).isEqualTo(2 * full.tokensServedPerMonth());

        assertThatThrownBy(() -> PlanRequest.builder().dutyCycle(5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dutyCycle");
        assertThatThrownBy(() -> PlanRequest.builder().dutyCycle(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dutyCycle");
    }

    @Test
    void priceMultiplierScalesTheBillNotThePerformance() {
        Candidate onDemand = plan(h100()).recommendation().orElseThrow();
        Candidate spot = plan(h100().gpuPriceMultiplier(0.3)).recommendation().orElseThrow();
        assertThat(spot.monthlyCostUsd()).isEqualTo(540.0);
        assertThat(spot.costPerMillionTokensUsd()).isCloseTo(0.3 * onDemand.costPerMillionTokensUsd(), within(0.0002));
        assertThat(spot.effectiveCostPerMillionTokensUsd())
                .isCloseTo(0.3 * onDemand.effectiveCostPerMillionTokensUsd(), within(0.0002));
        assertThat(spot.quant()).isEqualTo(onDemand.quant());
        assertThat(spot.backend()).isEqualTo(onDemand.backend());
        assertThat(spot.p95LatencyMs()).isEqualTo(onDemand.p95LatencyMs());
        assertThat(spot.totalThroughputTps()).isEqualTo(onDemand.totalThroughputTps());
        assertThat(spot.gpuPriceMultiplier()).isEqualTo(0.3);
        assertThat(spot.warnings()).anyMatch(w -> w.startsWith("GPU price scaled 0.30x") && w.contains("reclaimed"));

        assertThat(plan(h100().budgetUsdPerMonth(1000)).candidates()).isEmpty();
        assertThat(plan(h100().budgetUsdPerMonth(1000).gpuPriceMultiplier(0.3)).candidates()).isNotEmpty();
        assertThatThrownBy(() -> PlanRequest.builder().gpuPriceMultiplier(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpuPriceMultiplier");
    }

    // --- item 49: multi-LoRA ----------------------------------------------------------------

    private static PlanRequest.Builder loraBase() {
        return PlanRequest.builder().model(Plans.llama8bWithHidden()).hardware("A100 80GB").requestRate(2)
                .latencySloMs(20000).budgetUsdPerMonth(1e9);
    }

    @Test
    void loraAdaptersAddExactVramAndAnEstimatedDecodeCost() {
        Candidate plain = get(plan(loraBase()), "FP16", Backend.VLLM);
        Candidate lora = get(plan(loraBase().loraAdapters(16).loraRank(32)), "FP16", Backend.VLLM);
        assertThat(plain.vramPerGpuGb()).isEqualTo(17.82);
        assertThat(lora.loraGb()).isEqualTo(0.436208);
        assertThat(lora.vramPerGpuGb()).isEqualTo(18.26);
        assertThat(lora.loraAdapters()).isEqualTo(16);
        assertThat(lora.loraRank()).isEqualTo(32);
        assertThat(lora.warnings()).anyMatch(w -> w.contains("ESTIMATED") && w.contains(LoraModel.SOURCE)
                && w.contains("interpolated") && w.contains("exact geometry"));
        assertThat(lora.warnings()).anyMatch(w -> w.contains("VRAM only") && w.contains("not modelled"));
        assertThat(plain.warnings()).noneMatch(w -> w.startsWith("multi-LoRA"));
    }

    @Test
    void loraVramIsLinearInCountAndDecodeCostDependsOnRankOnly() {
        Candidate eight = get(plan(loraBase().loraAdapters(8).loraRank(32)), "FP16", Backend.VLLM);
        Candidate sixteen = get(plan(loraBase().loraAdapters(16).loraRank(32)), "FP16", Backend.VLLM);
        Candidate two = get(plan(loraBase().loraAdapters(2).loraRank(32)), "FP16", Backend.VLLM);
        Candidate thirtyTwo = get(plan(loraBase().loraAdapters(32).loraRank(32)), "FP16", Backend.VLLM);
        assertThat(sixteen.loraGb()).isCloseTo(2 * eight.loraGb(), within(2e-6));
        assertThat(two.singleStreamTps()).isEqualTo(thirtyTwo.singleStreamTps());

        double previous = Double.POSITIVE_INFINITY;
        for (int rank : new int[] {8, 16, 32, 64}) {
            double n1 = get(plan(loraBase().loraAdapters(4).loraRank(rank)), "FP16", Backend.VLLM).singleStreamTps();
            assertThat(n1).as("rank %d", rank).isLessThan(previous);
            previous = n1;
        }
    }

    @Test
    void zeroAdaptersIgnoresTheRank() {
        List<Candidate> byDefault = plan(loraBase()).candidates();
        List<Candidate> rankSet = plan(loraBase().loraAdapters(0).loraRank(32)).candidates();
        assertThat(rankSet).isEqualTo(byDefault);
        assertThat(rankSet).allMatch(c -> c.loraRank() == 0 && c.loraGb() == 0.0);
    }

    @Test
    void loraWithoutHiddenSizeIsRejectedAtTheVramGate() {
        PlanResult r = plan(PlanRequest.builder().model(Plans.dense7b("acme/no-hidden")).hardware("A100 80GB")
                .requestRate(2).latencySloMs(20000).budgetUsdPerMonth(1e9).loraAdapters(4));
        assertThat(r.candidates()).isEmpty();
        assertThat(r.trace()).isNotEmpty().allMatch(rej -> rej.gate() == Gate.VRAM && rej.detail().contains("hidden_size"));
    }
}
