package io.chimeraforge.examples;

import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.planner.WorkloadPreset;

/**
 * "Plan for my workload": an 8B-class chatbot at 2 req/s on RTX 4090s, p95 under 5 s, $200 a
 * month. Prints the recommendation, the first alternatives, and why nothing fit if nothing did.
 */
public final class PlanForMyWorkload {

    private PlanForMyWorkload() {
    }

    public static void main(String[] args) {
        PlanResult result = plan();
        if (result.recommendation().isEmpty()) {
            System.out.println("Nothing fits. Why:");
            result.whyNothingFit().forEach(line -> System.out.println("  - " + line));
            return;
        }
        Candidate best = result.recommendation().get();
        System.out.println("Recommendation: " + describe(best));
        System.out.println("  p95 " + best.p95LatencyMs() + " ms, TTFT " + best.ttftMs() + " ms, quality "
                + best.quality() + " (" + best.provenance().quality().id() + "), $" + best.costPerMillionTokensUsd()
                + " per 1M tokens");
        best.warnings().forEach(w -> System.out.println("  ! " + w));
        System.out.println("Alternatives:");
        for (Candidate alternative : result.alternatives(4)) {
            System.out.println("  " + describe(alternative));
        }
        System.out.println(result.candidates().size() + " viable configurations");
    }

    static PlanResult plan() {
        Planner planner = Planner.builder().build();
        return planner.plan(PlanRequest.builder()
                .modelSize("8b")
                .hardware("RTX 4090 24GB")
                .requestRate(2.0)
                .latencySloMs(5000)
                .budgetUsdPerMonth(200)
                .workload(WorkloadPreset.CHATBOT)
                .build());
    }

    private static String describe(Candidate c) {
        return c.model() + " " + c.quant() + " on " + c.backend().id() + ", " + c.replicas() + " replica(s)"
                + (c.batchPerGpu() > 1 ? " x batch " + c.batchPerGpu() : "") + ", $" + c.monthlyCostUsd() + "/month";
    }
}
