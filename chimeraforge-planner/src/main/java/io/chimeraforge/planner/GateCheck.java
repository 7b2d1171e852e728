package io.chimeraforge.planner;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The verdict of one gate for a fixed deployment, with the numbers it compared.
 *
 * <p>{@code value} is the deployment's figure and {@code limit} what it was held against, in
 * {@code unit}: VRAM per GPU vs the GPU's VRAM ({@code GB}, at most), quality vs the target
 * ({@code score}, at least), refusal rate vs the safety target ({@code rate}, at least), capacity vs
 * the required throughput ({@code tok/s}, at least), p95 (or TTFT when that SLO failed) vs its SLO
 * ({@code ms}, at most; the p95 is infinite when saturated), monthly bill vs budget
 * ({@code USD/month}, at most). Both are empty where a gate compares no numbers (the format gate, a
 * safety gate with no target or no data, LoRA without a hidden size).
 *
 * @param gate   the gate
 * @param passed whether the deployment passes it
 * @param value  the deployment's figure, if the gate compares numbers
 * @param limit  the bound it was compared against
 * @param bound  whether {@code value} must be at most or at least {@code limit}
 * @param unit   the unit of both, e.g. {@code "GB"}; empty when there are no numbers
 * @param detail the comparison in words, e.g. {@code "p95 1234.5 ms <= SLO 2000 ms"}
 */
public record GateCheck(Gate gate, boolean passed, OptionalDouble value, OptionalDouble limit, Bound bound,
        String unit, String detail) {

    /** Which side of the limit passes. */
    public enum Bound {
        /** {@code value <= limit} passes. */
        AT_MOST,
        /** {@code value >= limit} passes. */
        AT_LEAST,
        /** The gate compares no numbers. */
        NONE
    }

    /**
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when exactly one of value and limit is present
     */
    public GateCheck {
        Objects.requireNonNull(gate, "gate");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(bound, "bound");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(detail, "detail");
        if (value.isPresent() != limit.isPresent() || value.isPresent() == (bound == Bound.NONE)) {
            throw new IllegalArgumentException("value and limit come together, with a bound: " + value + ", "
                    + limit + ", " + bound);
        }
    }

    /** A gate that compares no numbers. */
    public static GateCheck unmeasured(Gate gate, boolean passed, String detail) {
        return new GateCheck(gate, passed, OptionalDouble.empty(), OptionalDouble.empty(), Bound.NONE, "", detail);
    }

    /** A gate that compared {@code value} against {@code limit}. */
    public static GateCheck measured(Gate gate, boolean passed, double value, double limit, Bound bound, String unit,
            String detail) {
        return new GateCheck(gate, passed, OptionalDouble.of(value), OptionalDouble.of(limit), bound, unit, detail);
    }
}
