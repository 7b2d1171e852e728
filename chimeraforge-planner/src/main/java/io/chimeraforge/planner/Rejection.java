package io.chimeraforge.planner;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One cell of the search that a gate stopped: the model, the quantization, the gate, and the
 * reason with the numbers behind it. Immutable; two rejections are equal when all four parts are.
 *
 * <p>A search records dozens of rejections and usually reads none of them, so the reason may be
 * given as a supplier and is then formatted on first use.
 */
public final class Rejection {

    private final String model;
    private final String quant;
    private final Gate gate;
    private Supplier<String> pending;
    private volatile String detail;

    /** A rejection with its reason. */
    public Rejection(String model, String quant, Gate gate, String detail) {
        this.model = Objects.requireNonNull(model, "model");
        this.quant = Objects.requireNonNull(quant, "quant");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    private Rejection(String model, String quant, Gate gate, Supplier<String> detail) {
        this.model = Objects.requireNonNull(model, "model");
        this.quant = Objects.requireNonNull(quant, "quant");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.pending = Objects.requireNonNull(detail, "detail");
    }

    /** A rejection whose reason is formatted when first asked for (the supplier must be pure). */
    public static Rejection deferred(String model, String quant, Gate gate, Supplier<String> detail) {
        return new Rejection(model, quant, gate, detail);
    }

    /** The target model identifier. */
    public String model() {
        return model;
    }

    /** The quantization. */
    public String quant() {
        return quant;
    }

    /** The gate that rejected the cell. */
    public Gate gate() {
        return gate;
    }

    /** The reason, with the numbers behind it. */
    public String detail() {
        String text = detail;
        if (text == null) {
            text = Objects.requireNonNull(pending.get(), "detail");
            detail = text; // a race formats the same pure text twice at worst
        }
        return text;
    }

    /** The summary line: {@code <model>: blocked at <gate> gate - <detail>}. */
    public String summaryLine() {
        return model + ": blocked at " + gate.id() + " gate - " + detail();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rejection r && model.equals(r.model) && quant.equals(r.quant) && gate == r.gate
                && detail().equals(r.detail());
    }

    @Override
    public int hashCode() {
        return Objects.hash(model, quant, gate, detail());
    }

    @Override
    public String toString() {
        return "Rejection[model=" + model + ", quant=" + quant + ", gate=" + gate + ", detail=" + detail() + "]";
    }
}
