package io.chimeraforge.examples;

import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.planner.CapacityReport;
import io.chimeraforge.planner.Deployment;
import io.chimeraforge.planner.GateCheck;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Planner;

/**
 * The check an orchestration service runs at start-up: can the deployment it is about to bring
 * up hold the traffic it has been promised? Fail fast, with every reason, before taking traffic.
 *
 * <p>Here: two vLLM replicas of Llama-3.1-8B in FP8 on H100s, for 40 req/s of 128-token answers
 * at p95 <= 2 s, on a $5,000/month budget.
 */
public final class StartupCapacityCheck {

    private StartupCapacityCheck() {
    }

    /** Runs the check and prints the verdict of every gate; exits 1 when the deployment cannot hold the load. */
    public static void main(String[] args) {
        CapacityReport report = check();
        System.out.println("Deployment: " + report.deployment().replicas() + " x " + report.deployment().backend().id()
                + " " + report.deployment().model() + " " + report.deployment().quant() + " on " + report.gpuName());
        for (GateCheck gate : report.gates()) {
            System.out.printf("  %-10s %s  %s%n", gate.gate().id(), gate.passed() ? "ok  " : "FAIL", gate.detail());
        }
        report.operating().ifPresent(point -> System.out.println("Predicted: p95 " + point.p95LatencyMs()
                + " ms at batch " + point.batchPerGpu() + ", utilisation " + point.utilisation()
                + ", $" + point.monthlyCostUsd() + "/month"));
        System.out.println(report.passed() ? "READY" : "NOT READY: " + report.failures().size() + " gate(s) failed");
        if (!report.passed() && args.length > 0 && args[0].equals("--exit-code")) {
            System.exit(1);
        }
    }

    /** The check itself: what a service would call (build the planner once, reuse it). */
    static CapacityReport check() {
        Planner planner = Planner.builder().build();
        PlanRequest workload = PlanRequest.builder()
                .hardware("H100 80GB")
                .requestRate(40.0)
                .avgTokens(128)
                .latencySloMs(2000)
                .budgetUsdPerMonth(5000)
                .qualityTarget(0.5)
                .build();
        Deployment deployment = Deployment.of("llama3.1-8b", "FP8", Backend.VLLM, 2);
        return planner.check(workload, deployment);
    }
}
