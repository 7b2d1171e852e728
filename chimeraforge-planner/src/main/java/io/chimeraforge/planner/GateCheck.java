package io.chimeraforge.planner;

import java.util.Objects;

/**
 * The verdict of one gate for a fixed deployment.
 *
 * @param gate   the gate
 * @param passed whether the deployment passes it
 * @param detail the comparison with its numbers, e.g. {@code "p95 1234.5 ms <= SLO 2000 ms"}
 */
public record GateCheck(Gate gate, boolean passed, String detail) {
    public GateCheck {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(detail, "detail");
    }
}
