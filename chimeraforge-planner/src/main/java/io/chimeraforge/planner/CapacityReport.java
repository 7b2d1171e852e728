package io.chimeraforge.planner;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether one fixed deployment holds a workload: every gate's verdict with the numbers behind it,
 * and the predicted operating point. Unlike a plan, every gate is evaluated, so a failing report
 * lists all the reasons at once.
 *
 * @param deployment  the deployment checked
 * @param gpuName     the GPU as matched in the catalog
 * @param gates       one verdict per gate, in gate order
 * @param operating   the predicted operating point when the deployment can run at all (it fits in
 *                    memory and the backend serves the format); empty otherwise
 */
public record CapacityReport(Deployment deployment, String gpuName, List<GateCheck> gates,
                             Optional<Candidate> operating) {

    public CapacityReport {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(gpuName, "gpuName");
        gates = List.copyOf(gates);
        Objects.requireNonNull(operating, "operating");
    }

    /** Whether every gate passed. */
    public boolean passed() {
        return gates.stream().allMatch(GateCheck::passed);
    }

    /** The gates that failed, in gate order. */
    public List<GateCheck> failures() {
        return gates.stream().filter(g -> !g.passed()).toList();
    }

    /** The verdict of one gate. */
    public GateCheck gate(Gate gate) {
        return gates.stream().filter(g -> g.gate() == gate).findFirst().orElseThrow();
    }
}
