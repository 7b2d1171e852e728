package io.chimeraforge.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.estimate.QualityModel;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.quant.Backend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The cost / p95 / quality Pareto frontier (spec 1.9; section 8 item 53). */
class ParetoTest {

    private static Candidate candidate(String model, double cost, double p95, double quality) {
        return new Candidate(model, "Q4_K_M", Backend.OLLAMA, 1, 1.0, quality, QualityModel.Tier.NEGLIGIBLE, 10, 10,
                1.0, p95, 0.5, cost, 0.1, OptionalDouble.empty(), "UNKNOWN", List.of(), 1.0, 1.0, ModelSource.MANUAL,
                0, 128, 0.0, 512, 1.0, 1.0, 0.1, 1000, new CandidateProvenance(Provenance.ESTIMATED,
                Provenance.ESTIMATED, Provenance.ESTIMATED, Provenance.UNKNOWN), 1, 1.0, 1.0, 1, 100, 1, 0.1, 0.1, 1,
                1, 1, 0.0, 0.0, 0, 0, 0.0, 0.0, 0.0);
    }

    private static PlanResult result(List<Candidate> candidates) {
        return new PlanResult(PlanRequest.defaults(), GpuCatalog.bundled().require("RTX 4080 12GB"), List.of(),
                candidates, List.of(), List.of());
    }

    private static List<String> names(List<ParetoEntry> frontier) {
        return frontier.stream().map(e -> e.candidate().model()).toList();
    }

    @Test
    void dominatedConfigurationsDropOut() {
        Candidate cheap = candidate("cheap", 10, 1000, 0.5);
        Candidate fast = candidate("fast", 20, 500, 0.5);
        Candidate dom = candidate("dom", 30, 2000, 0.5);
        Candidate premium = candidate("premium", 40, 300, 0.7);
        List<ParetoEntry> frontier = result(List.of(dom, premium, fast, cheap)).frontier();
        assertThat(names(frontier)).containsExactly("cheap", "fast", "premium");
        assertThat(frontier.get(0).tags()).containsExactly("cheapest");
        assertThat(frontier.get(1).tags()).isEmpty();
        assertThat(frontier.get(2).tags()).containsExactly("fastest", "best-quality");
    }

    @Test
    void emptyPlanHasAnEmptyFrontier() {
        assertThat(result(List.of()).frontier()).isEmpty();
    }

    @Test
    void identicalVectorsBothSurvive() {
        List<ParetoEntry> frontier = result(List.of(candidate("a", 10, 100, 0.5), candidate("b", 10, 100, 0.5)))
                .frontier();
        assertThat(names(frontier)).containsExactly("a", "b");
        // only the first carries the tags
        assertThat(frontier.get(0).tags()).containsExactly("cheapest", "fastest", "best-quality");
        assertThat(frontier.get(1).tags()).isEmpty();
    }

    @Test
    void frontierIsSortedByCostThenP95() {
        List<ParetoEntry> frontier = result(List.of(candidate("slow", 10, 900, 0.4), candidate("quick", 10, 800, 0.3),
                candidate("good", 5, 5000, 0.2))).frontier();
        assertThat(names(frontier)).containsExactly("good", "quick", "slow");
    }

    @Test
    void realPlanFrontierIsNonDominatedAndHoldsTheExtremes() {
        PlanResult plan = Plans.PLANNER.plan(PlanRequest.builder().hardware("RTX 4090 24GB").build());
        List<ParetoEntry> frontier = plan.frontier();
        assertThat(frontier).isNotEmpty();
        List<Candidate> members = new ArrayList<>();
        frontier.forEach(e -> members.add(e.candidate()));
        for (Candidate a : members) {
            for (Candidate b : plan.candidates()) {
                boolean dominates = b.monthlyCostUsd() <= a.monthlyCostUsd() && b.p95LatencyMs() <= a.p95LatencyMs()
                        && b.quality() >= a.quality() && (b.monthlyCostUsd() < a.monthlyCostUsd()
                        || b.p95LatencyMs() < a.p95LatencyMs() || b.quality() > a.quality());
                assertThat(dominates).as("%s dominated by %s", a, b).isFalse();
            }
        }
        double minCost = plan.candidates().stream().mapToDouble(Candidate::monthlyCostUsd).min().orElseThrow();
        double minP95 = plan.candidates().stream().mapToDouble(Candidate::p95LatencyMs).min().orElseThrow();
        double maxQuality = plan.candidates().stream().mapToDouble(Candidate::quality).max().orElseThrow();
        assertThat(members).anyMatch(c -> c.monthlyCostUsd() == minCost);
        assertThat(members).anyMatch(c -> c.p95LatencyMs() == minP95);
        assertThat(members).anyMatch(c -> c.quality() == maxQuality);
        assertThat(frontier).filteredOn(e -> e.tags().contains("cheapest")).hasSize(1);
        assertThat(frontier).filteredOn(e -> e.tags().contains("fastest")).hasSize(1);
        assertThat(frontier).filteredOn(e -> e.tags().contains("best-quality")).hasSize(1);
        assertThat(members).isSortedAccordingTo(Comparator.comparingDouble(Candidate::monthlyCostUsd)
                .thenComparingDouble(Candidate::p95LatencyMs));
        // every candidate not on the frontier is dominated by one that is
        for (Candidate c : plan.candidates()) {
            if (!members.contains(c)) {
                assertThat(members).anyMatch(m -> m.monthlyCostUsd() <= c.monthlyCostUsd()
                        && m.p95LatencyMs() <= c.p95LatencyMs() && m.quality() >= c.quality());
            }
        }
    }
}
