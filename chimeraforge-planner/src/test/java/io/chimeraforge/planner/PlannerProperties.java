package io.chimeraforge.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.quant.Quantization;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Planner invariants over random valid workloads: request rate 0.05-50 req/s, p95 SLO 200-60000
 * ms, quality floor 0-0.7, budget $10-50000/month, any catalog GPU, a registry size class, context
 * 512-32768 and 16-2048 output tokens, any workload preset.
 *
 * <p>Rates, contexts and token counts are drawn log-uniformly over those ranges (every decade
 * equally likely), the other numbers uniformly: with jqwik's default distribution, which favours
 * the low end, or with a uniform rate and token count, most workloads are infeasible and the
 * properties would mostly check empty plans.
 *
 * <p>These hold for the reference model by construction (spec 1.5-1.7): the budget gate comes
 * after the (replicas, batch) search, so the budget cannot change which point a cell picks; a
 * larger SLO accepts every point a smaller one did, and the search takes the first accepted
 * point, so it can only move to fewer replicas. Rounding of the reported figures is allowed for:
 * VRAM and cost to 2 dp, quality to 3 dp, throughput to 1 dp. p95 is compared to the SLO after
 * rounding in the reference too, so it needs no slack; the SLO range stays far below the 1e6 ms
 * at which the reference turns p95 into infinity.
 */
class PlannerProperties {

    private static final Planner PLANNER = Plans.PLANNER;
    private static final List<String> SIZES = List.of("0.5b", "1b", "1.5b", "2b", "3b", "4b", "8b");

    @Provide
    Arbitrary<String> hardware() {
        return Arbitraries.of(GpuCatalog.bundled().all().stream().map(Gpu::name).toList());
    }

    @Provide
    Arbitrary<String> sizes() {
        return Arbitraries.of(SIZES);
    }

    /** Log-uniform in [min, max]: each decade equally likely, so small and large workloads both occur. */
    private static Arbitrary<Double> logUniform(double min, double max) {
        return Arbitraries.integers().between(0, 1_000_000).withDistribution(RandomDistribution.uniform())
                .map(i -> Math.min(max, Math.max(min, min * Math.pow(max / min, i / 1e6))));
    }

    private static Arbitrary<Integer> logUniformInt(int min, int max) {
        return logUniform(min, max).map(x -> (int) Math.min(max, Math.max(min, Math.round(x))));
    }

    private static Arbitrary<Double> uniform(double min, double max) {
        return Arbitraries.doubles().between(min, max).ofScale(4).withDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<Double> slos() {
        return uniform(200, 60000);
    }

    @Provide
    Arbitrary<Double> budgets() {
        return uniform(10, 50000);
    }

    @Provide
    Arbitrary<Double> qualities() {
        return uniform(0, 0.7);
    }

    /** Budgets spread over decades, so that raising one often crosses a configuration's price. */
    @Provide
    Arbitrary<Double> logBudgets() {
        return logUniform(10, 50000);
    }

    /** SLOs spread over decades, so that raising one often crosses a configuration's p95. */
    @Provide
    Arbitrary<Double> logSlos() {
        return logUniform(200, 60000);
    }

    @Provide
    Arbitrary<Double> budgetFactors() {
        return uniform(1, 20);
    }

    @Provide
    Arbitrary<Double> sloFactors() {
        return uniform(1, 10);
    }

    @Provide
    Arbitrary<Double> rates() {
        return logUniform(0.05, 50);
    }

    @Provide
    Arbitrary<Integer> contexts() {
        return logUniformInt(512, 32768);
    }

    @Provide
    Arbitrary<Integer> tokens() {
        return logUniformInt(16, 2048);
    }

    private static PlanRequest.Builder request(double rate, double slo, double quality, double budget, String gpu,
                                               String size, int context, int tokens, WorkloadPreset preset) {
        return PlanRequest.builder().requestRate(rate).latencySloMs(slo).qualityTarget(quality)
                .budgetUsdPerMonth(budget).hardware(gpu).modelSize(size).contextLength(context).avgTokens(tokens)
                .workload(preset);
    }

    @Property(tries = 200)
    void everyCandidatePassesEveryGateRecomputedFromItsOwnFields(
            @ForAll("rates") double rate,
            @ForAll("slos") double slo,
            @ForAll("qualities") double quality,
            @ForAll("budgets") double budget,
            @ForAll("hardware") String gpuName,
            @ForAll("sizes") String size,
            @ForAll("contexts") int context,
            @ForAll("tokens") int tokens,
            @ForAll WorkloadPreset preset) {
        PlanResult result = PLANNER.plan(request(rate, slo, quality, budget, gpuName, size, context, tokens, preset)
                .build());
        Gpu gpu = result.gpu();
        assertThat(gpu.name()).isEqualTo(gpuName);
        double required = rate * tokens;
        for (Candidate c : result.candidates()) {
            String cell = c.model() + "/" + c.quant() + "/" + c.backend().id();
            assertThat(c.vramPerGpuGb()).as("vram %s", cell).isLessThanOrEqualTo(gpu.vramGb() + 0.005);
            assertThat(c.quality()).as("quality %s", cell).isGreaterThanOrEqualTo(quality - 0.0005);
            assertThat(c.p95LatencyMs()).as("p95 %s", cell).isLessThanOrEqualTo(slo);
            assertThat(c.monthlyCostUsd()).as("cost %s", cell).isLessThanOrEqualTo(budget + 0.005);
            assertThat(c.totalThroughputTps()).as("throughput %s", cell).isGreaterThanOrEqualTo(required - 0.05 - 1e-9);
            assertThat(c.decodeTokensPerRequest()).isEqualTo(tokens);
            assertThat(c.replicas()).isBetween(1, 16);
            assertThat(c.gpusTotal()).isEqualTo(c.replicas() * c.tensorParallel() * c.pipelineParallel());
            assertThat(c.monthlyCostUsd()).as("bill %s", cell)
                    .isCloseTo(gpu.costPerHourUsd() * 720 * c.gpusTotal(), org.assertj.core.api.Assertions.within(0.006));
            assertThat(c.backend().serves(Quantization.family(c.quant()))).as("format %s", cell).isTrue();
            if (c.quant().equals("FP8")) {
                assertThat(gpu.fp8Supported()).as("FP8 on %s", gpu.name()).isTrue();
            }
            int batchMax = c.backend().continuousBatching() && c.maxConcurrentSeqs() > 1 ? c.maxConcurrentSeqs() : 1;
            assertThat(c.batchPerGpu()).as("batch %s", cell).isBetween(1, batchMax);
        }
        assertThat(result.candidates()).isSortedAccordingTo((a, b) -> {
            int byCost = Double.compare(a.monthlyCostUsd(), b.monthlyCostUsd());
            return byCost != 0 ? byCost : Double.compare(b.quality(), a.quality());
        });
        if (result.candidates().isEmpty()) {
            assertThat(result.whyNothingFit()).isNotEmpty();
        }
    }

    @Property(tries = 100)
    void raisingTheBudgetNeverRemovesACandidate(
            @ForAll("rates") double rate,
            @ForAll("slos") double slo,
            @ForAll("qualities") double quality,
            @ForAll("logBudgets") double budget,
            @ForAll("budgetFactors") double factor,
            @ForAll("hardware") String gpu,
            @ForAll("sizes") String size,
            @ForAll("contexts") int context,
            @ForAll("tokens") int tokens,
            @ForAll WorkloadPreset preset) {
        PlanRequest.Builder base = request(rate, slo, quality, budget, gpu, size, context, tokens, preset);
        PlanResult low = PLANNER.plan(base.build());
        PlanResult high = PLANNER.plan(base.budgetUsdPerMonth(budget * factor).build());
        Map<String, Candidate> richer = byCell(high);
        assertThat(richer.keySet()).containsAll(byCell(low).keySet());
        // the budget gate is last: a surviving cell keeps exactly the same operating point
        for (Map.Entry<String, Candidate> e : byCell(low).entrySet()) {
            assertThat(richer.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Property(tries = 100)
    void raisingTheLatencySloNeverRemovesACandidate(
            @ForAll("rates") double rate,
            @ForAll("logSlos") double slo,
            @ForAll("sloFactors") double factor,
            @ForAll("qualities") double quality,
            @ForAll("budgets") double budget,
            @ForAll("hardware") String gpu,
            @ForAll("sizes") String size,
            @ForAll("contexts") int context,
            @ForAll("tokens") int tokens,
            @ForAll WorkloadPreset preset) {
        PlanRequest.Builder base = request(rate, slo, quality, budget, gpu, size, context, tokens, preset);
        PlanResult tight = PLANNER.plan(base.build());
        PlanResult loose = PLANNER.plan(base.latencySloMs(Math.min(slo * factor, 60000)).build());
        Map<String, Candidate> looser = byCell(loose);
        assertThat(looser.keySet()).containsAll(byCell(tight).keySet());
        for (Map.Entry<String, Candidate> e : byCell(tight).entrySet()) {
            Candidate relaxed = looser.get(e.getKey());
            assertThat(relaxed.replicas()).as(e.getKey()).isLessThanOrEqualTo(e.getValue().replicas());
            assertThat(relaxed.monthlyCostUsd()).as(e.getKey()).isLessThanOrEqualTo(e.getValue().monthlyCostUsd());
        }
    }

    @Property(tries = 100)
    void loweringTheQualityFloorNeverRemovesACandidate(
            @ForAll("rates") double rate,
            @ForAll("slos") double slo,
            @ForAll("qualities") double quality,
            @ForAll("budgets") double budget,
            @ForAll("hardware") String gpu,
            @ForAll("sizes") String size,
            @ForAll("contexts") int context,
            @ForAll("tokens") int tokens) {
        PlanRequest.Builder base = request(rate, slo, quality, budget, gpu, size, context, tokens,
                WorkloadPreset.STEADY);
        PlanResult strict = PLANNER.plan(base.build());
        PlanResult lenient = PLANNER.plan(base.qualityTarget(0).build());
        Map<String, Candidate> more = byCell(lenient);
        for (Map.Entry<String, Candidate> e : byCell(strict).entrySet()) {
            assertThat(more.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    private static Map<String, Candidate> byCell(PlanResult result) {
        Map<String, Candidate> cells = new HashMap<>();
        for (Candidate c : result.candidates()) {
            Candidate previous = cells.put(c.model() + "/" + c.quant() + "/" + c.backend().id(), c);
            assertThat(previous).as("at most one candidate per (model, quant, backend)").isNull();
        }
        return cells;
    }
}
