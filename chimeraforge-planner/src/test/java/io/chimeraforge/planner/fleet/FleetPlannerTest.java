package io.chimeraforge.planner.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Planner;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Heterogeneous fleets end to end: spec planner-extensions §3.6 items 4 and 6–8. */
class FleetPlannerTest {

    /** The fleet figures of the v0.30.0 spec: pinned under compat reference. */
    private static final GpuCatalog CATALOG = GpuCatalog.bundled(Compat.REFERENCE);
    private final FleetPlanner fleets = FleetPlanner.of(
            Planner.builder().compat(Compat.REFERENCE).measuredCorpus(false).build());

    private static PlanRequest workload() {
        return PlanRequest.builder().modelSize("8b").latencySloMs(5000).qualityTarget(0).budgetUsdPerMonth(1e9)
                .avgTokens(128).contextLength(2048).build();
    }

    @Test
    void parsesResolvesAndCapsTheList() {
        assertThat(FleetPlanner.parse("4090, h100 80gb", CATALOG)).extracting(Gpu::name)
                .containsExactly("RTX 4090 24GB", "H100 80GB");
        assertThat(FleetPlanner.parse("H100 80GB,h100 80gb, H100 80GB", CATALOG)).hasSize(1);
        assertThatThrownBy(() -> FleetPlanner.parse("H100 80GB,RTX 9999", CATALOG)).isInstanceOf(FleetException.class)
                .hasMessageStartingWith("unknown GPU 'RTX 9999' in the fleet (known GPUs include: RTX 4060 8GB,")
                .extracting(e -> ((FleetException) e).reason()).isEqualTo(FleetException.Reason.UNKNOWN_GPU);
        assertThatThrownBy(() -> FleetPlanner.parse("  , ", CATALOG)).hasMessageContaining("at least one");
        assertThatThrownBy(() -> FleetPlanner.parse("L4 24GB,T4 16GB,A100 40GB,H100 80GB,RTX 4090 24GB,RTX 3090 24GB,"
                + "B200 180GB", CATALOG)).hasMessageContaining("6");
        assertThatThrownBy(() -> FleetPlanner.parse("RTX", CATALOG)).hasMessageContaining("unknown GPU 'RTX'");
    }

    @Test
    void mixesAnH100WithAnL4ToCoverSixtyFour() {
        List<Gpu> gpus = FleetPlanner.parse("H100 80GB,A100 80GB,L4 24GB", CATALOG);
        FleetPlan f = fleets.plan(workload(), gpus, 64);
        assertThat(f.perGpu()).extracting(GpuOption::gpu).containsExactly("H100 80GB", "L4 24GB");
        assertThat(f.perGpu().get(0).ratePerGpu()).isCloseTo(63.1106, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(f.units()).containsExactly(java.util.Map.entry("H100 80GB", 1), java.util.Map.entry("L4 24GB", 1));
        assertThat(f.monthlyCostUsd()).isEqualTo(2160.0);
        assertThat(f.mixed()).isTrue();
        assertThat(f.bestHomogeneous()).hasValueSatisfying(b -> {
            assertThat(b.gpu()).isEqualTo("A100 80GB");
            assertThat(b.units()).isEqualTo(2);
            assertThat(b.monthlyCostUsd()).isEqualTo(2304.0);
        });
        assertThat(f.savingsVsBestHomogeneous()).isPositive();
        assertThat(f.warnings()).hasSize(2);
        assertThat(f.warnings().get(0)).contains("router", "2404.14527");
        assertThat(f.optimalMix().monthlyCostUsd()).isLessThanOrEqualTo(f.monthlyCostUsd());
    }

    @Test
    void aSmallDemandTakesOneGpuAndOvershootIsNamed() {
        List<Gpu> gpus = FleetPlanner.parse("H100 80GB,A100 80GB,L4 24GB", CATALOG);
        FleetPlan five = fleets.plan(workload(), gpus, 5);
        assertThat(five.units()).containsExactly(java.util.Map.entry("A100 80GB", 1));
        assertThat(five.mixed()).isFalse();
        assertThat(five.savingsVsBestHomogeneous()).isZero();
        FleetPlan one = fleets.plan(workload(), FleetPlanner.parse("H100 80GB", CATALOG), 1);
        assertThat(one.warnings()).anyMatch(w -> w.contains("overshoot") && w.contains("63.11 vs 1.00"));
        assertThatThrownBy(() -> fleets.plan(workload(), gpus, 0)).hasMessageContaining("greater than zero");
    }

    @Test
    void gpusThatCannotServeAreExcludedOrRefused() {
        PlanRequest huge = PlanRequest.builder().model(ModelSpec.builder("org/huge-405b").paramsB(405)
                .architecture(126, 8, 128).hiddenSize(16384).build()).budgetUsdPerMonth(1e9).qualityTarget(0).build();
        assertThatThrownBy(() -> fleets.plan(huge, FleetPlanner.parse("RTX 4060 8GB", CATALOG), 1))
                .isInstanceOf(FleetException.class).hasMessageContaining("can serve this workload at all");
        PlanRequest mid = PlanRequest.builder().model(ModelSpec.builder("org/mid-32b").paramsB(32)
                .architecture(64, 8, 128).hiddenSize(5120).build()).budgetUsdPerMonth(1e9).qualityTarget(0).build();
        FleetPlan f = fleets.plan(mid, FleetPlanner.parse("H100 80GB,RTX 4060 8GB", CATALOG), 1);
        assertThat(f.warnings()).anyMatch(w -> w.contains("excluded") && w.contains("RTX 4060 8GB"));
    }

    @Test
    void aOneReplicaPlanHasExactlyTheSingleReplicaCandidatesOfAFullPlan() {
        Planner planner = Planner.builder().measuredCorpus(false).build();
        for (String gpu : List.of("RTX 4090 24GB", "L4 24GB", "H100 80GB", "RTX 4080 12GB")) {
            for (double rate : new double[] {0.5, 4, 16, 64}) {
                PlanRequest full = PlanRequest.builder().modelSize("8b").hardware(gpu).requestRate(rate)
                        .budgetUsdPerMonth(1e9).qualityTarget(0).build();
                List<io.chimeraforge.planner.Candidate> single = planner.plan(full).candidates().stream()
                        .filter(c -> c.gpusTotal() == 1).toList();
                assertThat(planner.plan(full.toBuilder().maxReplicas(1).build()).candidates())
                        .as("%s at %s req/s", gpu, rate).isEqualTo(single);
            }
        }
    }
}
