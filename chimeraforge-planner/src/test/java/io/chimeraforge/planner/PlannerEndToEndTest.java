package io.chimeraforge.planner;

import static io.chimeraforge.planner.Plans.PLANNER;
import static io.chimeraforge.planner.Plans.get;
import static io.chimeraforge.planner.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.estimate.QualityModel;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.quant.Quantization;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** End-to-end plans through the library API (spec section 8 items 26-33, 36, 37). */
class PlannerEndToEndTest {

    @Test
    void defaultPlanMatchesTheReference() {
        PlanResult result = PLANNER.plan(PlanRequest.defaults());
        assertThat(result.targets()).containsExactly("qwen2.5-1.5b", "phi-2", "qwen2.5-3b", "llama3.2-3b");
        assertThat(result.gpu().name()).isEqualTo("RTX 4080 12GB");
        assertThat(result.candidates()).hasSize(72);
        assertThat(result.whyNothingFit()).isEmpty();

        Candidate w = result.recommendation().orElseThrow();
        assertThat(w.model()).isEqualTo("qwen2.5-1.5b");
        assertThat(w.quant()).isEqualTo("Q6_K");
        assertThat(w.backend()).isEqualTo(Backend.OLLAMA);
        assertThat(w.replicas()).isEqualTo(1);
        assertThat(w.batchPerGpu()).isEqualTo(1);
        assertThat(w.vramPerGpuGb()).isEqualTo(1.89);
        assertThat(w.quality()).isEqualTo(0.586);
        assertThat(w.qualityTier()).isEqualTo(QualityModel.Tier.NEGLIGIBLE);
        assertThat(w.singleStreamTps()).isEqualTo(209.4);
        assertThat(w.totalThroughputTps()).isEqualTo(209.4);
        assertThat(w.eta()).isEqualTo(1.0);
        assertThat(w.p95LatencyMs()).isEqualTo(2586.8);
        assertThat(w.utilisation()).isEqualTo(0.66);
        assertThat(w.monthlyCostUsd()).isEqualTo(25.2);
        assertThat(w.costPerMillionTokensUsd()).isEqualTo(0.0464);
        assertThat(w.refusalRate()).hasValue(0.855);
        assertThat(w.rtsiRisk()).isEqualTo("LOW");
        assertThat(w.warnings()).isEmpty();
        assertThat(w.paramsB()).isEqualTo(1.54);
        assertThat(w.activeParamsB()).isEqualTo(1.54);
        assertThat(w.modelSource()).isEqualTo(ModelSource.REGISTRY);
        assertThat(w.decodeTokensPerRequest()).isEqualTo(128);
        assertThat(w.prefillTokensEffective()).isEqualTo(512);
        assertThat(w.effectiveCostPerMillionTokensUsd()).isEqualTo(0.076);
        assertThat(w.tokensServedPerMonth()).isEqualTo(331_776_000.0);
        assertThat(w.provenance()).isEqualTo(new CandidateProvenance(Provenance.MEASURED, Provenance.ESTIMATED,
                Provenance.MEASURED, Provenance.MEASURED));
        assertThat(w.maxConcurrentSeqs()).isEqualTo(163);
        assertThat(w.ttftMs()).isEqualTo(49.2);
        assertThat(w.tpotMs()).isEqualTo(4.8);
        assertThat(w.tdpWatts()).isEqualTo(285.0);
        assertThat(w.energyCostPerMonthUsd()).isEqualTo(20.93);
        assertThat(w.energyCostPerMillionTokensUsd()).isEqualTo(0.0386);
        assertThat(w.tokensPerSecondPerWatt()).isEqualTo(0.8644);
        assertThat(w.tensorParallel()).isEqualTo(1);
        assertThat(w.pipelineParallel()).isEqualTo(1);
        assertThat(w.gpusTotal()).isEqualTo(1);
        assertThat(w.offloadFraction()).isEqualTo(0.0);
        assertThat(w.hostBandwidthGbps()).isEqualTo(0.0);
        assertThat(w.loraAdapters()).isZero();
        assertThat(w.loraRank()).isZero();
        assertThat(w.loraGb()).isEqualTo(0.0);
        assertThat(w.ttftSloMs()).isEqualTo(0.0);
        assertThat(w.tpotSloMs()).isEqualTo(0.0);

        assertThat(result.candidates()).isSortedAccordingTo(Comparator.comparingDouble(Candidate::monthlyCostUsd));
    }

    @Test
    void defaultPlanAlternativesMatchTheReferenceText() {
        List<Candidate> alternatives = PLANNER.plan(PlanRequest.defaults()).alternatives(4);
        assertThat(alternatives).hasSize(4);
        assertThat(alternatives).extracting(Candidate::model).containsOnly("qwen2.5-1.5b");
        assertThat(alternatives).extracting(Candidate::quant).containsExactly("FP16", "FP16", "FP16", "FP8");
        assertThat(alternatives).extracting(Candidate::backend)
                .containsExactly(Backend.VLLM, Backend.TGI, Backend.SGLANG, Backend.VLLM);
        assertThat(alternatives).extracting(Candidate::replicas).containsOnly(1);
        assertThat(alternatives).extracting(Candidate::monthlyCostUsd).containsOnly(25.2);
        assertThat(alternatives).extracting(Candidate::quality).containsOnly(0.584);
        assertThat(alternatives).extracting(Candidate::p95LatencyMs).containsExactly(3874.7, 2373.5, 2689.1, 2106.0);
        assertThat(alternatives.get(0).refusalRate()).hasValue(0.841);
        assertThat(alternatives.get(3).refusalRate()).isEmpty();
    }

    @Test
    void h100AtTheDefaultBudgetFitsNothingAndSaysWhy() {
        PlanResult result = plan(PlanRequest.builder().hardware("H100 80GB"));
        assertThat(result.candidates()).isEmpty();
        assertThat(result.recommendation()).isEmpty();
        assertThat(result.whyNothingFit()).containsExactly(
                "qwen2.5-1.5b: blocked at budget gate - ollama: $1800/mo (N=1) > $100",
                "phi-2: blocked at budget gate - ollama: $1800/mo (N=1) > $100",
                "qwen2.5-3b: blocked at budget gate - ollama: $1800/mo (N=1) > $100",
                "llama3.2-3b: blocked at budget gate - ollama: $1800/mo (N=1) > $100");
    }

    @Test
    void singleRegistryModelPlan() throws Exception {
        PlanResult result = plan(PlanRequest.builder().model("llama3.2-3b").requestRate(0.5).latencySloMs(10000)
                .qualityTarget(0.3).budgetUsdPerMonth(200));
        assertThat(result.candidates()).hasSize(19);
        Candidate first = result.candidates().get(0);
        assertThat(first.quant()).isEqualTo("Q8_0");
        assertThat(first.backend()).isEqualTo(Backend.OLLAMA);
        assertThat(first.replicas()).isEqualTo(1);
        assertThat(first.p95LatencyMs()).isEqualTo(3328.9);
        assertThat(first.monthlyCostUsd()).isEqualTo(25.2);
        for (Candidate c : result.candidates()) {
            assertThat(Quantization.LADDER).contains(c.quant());
            assertThat(Backend.evaluationOrder()).contains(c.backend());
            assertThat(c.replicas()).isGreaterThanOrEqualTo(1);
            assertThat(c.vramPerGpuGb()).isPositive();
            assertThat(c.totalThroughputTps()).isPositive();
            assertThat(c.p95LatencyMs()).isPositive();
            assertThat(c.monthlyCostUsd()).isPositive();
        }

        JsonNode json = Json.mapper().readTree(CandidateJson.toJson(result.candidates()));
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(19);
        List<String> keys = new ArrayList<>();
        json.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("model", "quant", "backend", "n_agents", "vram_gb", "quality",
                "quality_tier", "throughput_tps", "total_throughput_tps", "eta", "p95_latency_ms", "utilisation",
                "monthly_cost", "cost_per_1m_tok", "safety_refusal", "rtsi_risk", "warnings", "params_b",
                "active_params_b", "model_source", "reasoning_tokens", "decode_tokens_per_req",
                "prefix_cache_hit_rate", "prefill_tokens_effective", "duty_cycle", "gpu_price_multiplier",
                "cost_per_1m_tok_effective", "tokens_served_month", "provenance", "max_concurrent_seqs", "ttft_ms",
                "tpot_ms", "effective_batch", "tdp_watts", "energy_cost_month", "energy_cost_per_1m_tok",
                "perf_per_watt", "tensor_parallel", "pipeline_parallel", "gpus_total", "offload_fraction",
                "host_bandwidth_gbps", "lora_adapters", "lora_rank", "lora_gb", "ttft_slo_ms", "tpot_slo_ms");
        List<String> provenanceKeys = new ArrayList<>();
        json.get(0).get("provenance").fieldNames().forEachRemaining(provenanceKeys::add);
        assertThat(provenanceKeys).containsExactly("vram", "throughput", "quality", "safety");
    }

    @Test
    void gatesRemoveWhatTheyShould() {
        PlanResult small = plan(PlanRequest.builder().model("llama3.1-8b").hardware("RTX 4060 8GB"));
        assertThat(small.candidates()).noneMatch(c -> c.quant().equals("FP16"));
        assertThat(Plans.details(small, Gate.VRAM)).isNotEmpty();

        assertThat(plan(PlanRequest.builder().model("llama3.2-3b").hardware("H100 80GB").budgetUsdPerMonth(1))
                .candidates()).isEmpty();
        assertThat(plan(PlanRequest.builder().model("llama3.2-1b").qualityTarget(0.99)).candidates()).isEmpty();

        PlanResult tight = plan(PlanRequest.builder().model("llama3.2-3b").requestRate(2).latencySloMs(3000)
                .budgetUsdPerMonth(500));
        assertThat(tight.candidates()).isNotEmpty().allMatch(c -> c.p95LatencyMs() <= 3000);
    }

    @Test
    void offRegistrySpecUsesTheRoofline() {
        ModelSpec spec = ModelSpec.builder("acme/custom-7b").paramsB(7.24).architecture(32, 8, 128)
                .source(ModelSource.HF).build();
        PlanResult result = plan(PlanRequest.builder().model(spec).hardware("RTX 4090 24GB"));
        assertThat(result.candidates()).isNotEmpty();
        for (Candidate c : result.candidates()) {
            assertThat(c.paramsB()).isEqualTo(7.24);
            assertThat(c.modelSource()).isEqualTo(ModelSource.HF);
            assertThat(c.provenance().throughput()).isEqualTo(Provenance.ESTIMATED);
            assertThat(c.provenance().quality()).isIn(Provenance.ESTIMATED, Provenance.UNKNOWN);
            assertThat(c.provenance().safety()).isEqualTo(Provenance.UNKNOWN);
            assertThat(c.warnings()).anyMatch(w -> w.contains("roofline"));
        }
    }

    @Test
    void registryApproximationBehavesLikeTheRegistryModel() {
        PlanResult approx = plan(PlanRequest.builder().model("llama3.2:3b").qualityTarget(0).budgetUsdPerMonth(1e9));
        PlanResult registry = plan(PlanRequest.builder().model("llama3.2-3b").qualityTarget(0).budgetUsdPerMonth(1e9));
        assertThat(approx.candidates()).isNotEmpty();
        assertThat(approx.candidates()).allMatch(c -> c.modelSource() == ModelSource.REGISTRY_APPROX);
        assertThat(approx.candidates()).allMatch(c -> c.warnings().stream().anyMatch(w -> w.contains("approximated")));
        assertThat(approx.notes()).anyMatch(n -> n.contains("llama3.2-3b"));
        assertThat(max(approx, Candidate::singleStreamTps)).isEqualTo(max(registry, Candidate::singleStreamTps));
        assertThat(max(approx, Candidate::quality)).isEqualTo(max(registry, Candidate::quality));
    }

    private static double max(PlanResult r, java.util.function.ToDoubleFunction<Candidate> f) {
        return r.candidates().stream().mapToDouble(f).max().orElseThrow();
    }

    /**
     * Spec item 32 does not state the latency SLO of its runs. By the spec's own formulas (2.10,
     * 2.12) Q4_K_M on ollama is accepted at N=4 for 1 req/s only when the SLO is at least 5.41 s,
     * and at N=10 for 3 req/s only when it is below 10.79 s; the vLLM batches 8/16/24 likewise
     * need an SLO of at least 5.8 s. 10 s satisfies all of them, so these tests use 10000 ms.
     */
    private static final double ITEM_32_SLO_MS = 10_000;

    @Test
    void sevenBillionOnAnRtx4080NeedsReplicasOnOllama() {
        ModelSpec spec = Plans.dense7b("acme/dense-7b");
        PlanResult one = plan(PlanRequest.builder().model(spec).budgetUsdPerMonth(1000).latencySloMs(ITEM_32_SLO_MS));
        Candidate q4 = get(one, "Q4_K_M", Backend.OLLAMA);
        assertThat(q4.batchPerGpu()).isEqualTo(1);
        assertThat(q4.replicas()).isEqualTo(4);
        assertThat(q4.singleStreamTps()).isEqualTo(49.0);
        assertThat(one.candidates()).filteredOn(c -> c.backend() == Backend.OLLAMA).allSatisfy(c -> {
            assertThat(c.batchPerGpu()).isEqualTo(1);
            assertThat(c.replicas()).isGreaterThan(1);
            assertThat(c.totalThroughputTps()).isCloseTo(c.replicas() * c.singleStreamTps(), within(0.05 * c.replicas() + 0.05));
        });

        PlanResult three = plan(PlanRequest.builder().model(spec).requestRate(3).budgetUsdPerMonth(1000)
                .latencySloMs(ITEM_32_SLO_MS));
        Candidate q4At3 = get(three, "Q4_K_M", Backend.OLLAMA);
        assertThat(q4At3.replicas()).isEqualTo(10);
        assertThat(q4At3.costPerMillionTokensUsd()).isEqualTo(0.1982);
        assertThat(q4.costPerMillionTokensUsd()).isEqualTo(0.1982);
    }

    @ParameterizedTest(name = "{0} req/s -> vLLM FP16 batch {1}")
    @CsvSource({"2, 8", "3, 16", "5, 24"})
    void sevenBillionOnAnRtx4090BatchesOnVllm(double rate, int batch) {
        PlanResult result = plan(PlanRequest.builder().model(Plans.dense7b("acme/dense-7b")).hardware("RTX 4090 24GB")
                .requestRate(rate).budgetUsdPerMonth(1000).latencySloMs(ITEM_32_SLO_MS));
        Candidate vllm = get(result, "FP16", Backend.VLLM);
        assertThat(vllm.maxConcurrentSeqs()).isEqualTo(24);
        assertThat(vllm.batchPerGpu()).isEqualTo(batch).isGreaterThan(1).isLessThanOrEqualTo(vllm.maxConcurrentSeqs());
        Candidate ollama = get(result, "FP16", Backend.OLLAMA);
        assertThat(vllm.replicas()).isLessThanOrEqualTo(ollama.replicas());
        assertThat(result.candidates()).filteredOn(c -> c.backend() == Backend.VLLM)
                .allMatch(c -> c.batchPerGpu() <= c.maxConcurrentSeqs() || c.maxConcurrentSeqs() <= 1);
    }

    @Test
    void fourteenBillionAtFiveHundredRequestsPerSecondIsThroughputBound() {
        ModelSpec spec = ModelSpec.builder("big/m").paramsB(14).architecture(40, 8, 128).build();
        PlanResult result = plan(PlanRequest.builder().model(spec).hardware("RTX 4090 24GB").requestRate(500)
                .budgetUsdPerMonth(1e6));
        assertThat(result.candidates()).isEmpty();
        assertThat(result.whyNothingFit()).hasSize(1);
        assertThat(result.whyNothingFit().get(0)).startsWith("big/m: blocked at throughput gate - ")
                .contains("big/m").contains("throughput");
    }

    @Test
    void nativeQuantIsTheOnlyQuantPlanned() {
        ModelSpec spec = ModelSpec.builder("x/y:q4_0").paramsB(7).architecture(32, 8, 128).nativeQuant("Q4_0").build();
        PlanResult result = plan(PlanRequest.builder().model(spec).hardware("RTX 4090 24GB").budgetUsdPerMonth(1000));
        assertThat(result.candidates()).isNotEmpty().allMatch(c -> c.quant().equals("Q4_0"))
                .allMatch(c -> c.vramPerGpuGb() < 14);
    }

    @Test
    void measuredThroughputOnTheReferenceGpu() {
        PlanResult ref = plan(PlanRequest.builder().model("llama3.2-3b").qualityTarget(0).budgetUsdPerMonth(1e9));
        Candidate c = get(ref, "FP16", Backend.OLLAMA);
        assertThat(c.provenance().throughput()).isEqualTo(Provenance.MEASURED);
        assertThat(c.warnings()).noneMatch(w -> w.contains("extrapolation"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"B200 180GB, 13.8x", "MI300X 192GB, 9.5x", "H100 80GB, 6.0x", "A100 80GB, 3.7x"})
    void measuredRowsOnOtherGpusAreExtrapolated(String gpu, String ratio) {
        PlanResult result = plan(PlanRequest.builder().model("llama3.2-3b").hardware(gpu).qualityTarget(0)
                .budgetUsdPerMonth(1e9));
        Candidate c = get(result, "FP16", Backend.OLLAMA);
        assertThat(c.provenance().throughput()).isEqualTo(Provenance.EXTRAPOLATED);
        assertThat(c.warnings()).anyMatch(w -> w.contains(ratio) && w.contains("RTX 4080 12GB"));
        if (gpu.startsWith("B200")) {
            assertThat(c.singleStreamTps()).isEqualTo(1327.5).isGreaterThan(5 * 95.9);
        }
    }
}
