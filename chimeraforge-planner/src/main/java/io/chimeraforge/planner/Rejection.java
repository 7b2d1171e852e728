package io.chimeraforge.planner;

import java.util.Objects;

/**
 * One cell of the search that a gate stopped.
 *
 * @param model  the target model identifier
 * @param quant  the quantization
 * @param gate   the gate that rejected it
 * @param detail the reason, with the numbers behind it
 */
public record Rejection(String model, String quant, Gate gate, String detail) {
    public Rejection {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(detail, "detail");
    }

    /** The summary line: {@code <model>: blocked at <gate> gate - <detail>}. */
    public String summaryLine() {
        return model + ": blocked at " + gate.id() + " gate - " + detail;
    }
}
