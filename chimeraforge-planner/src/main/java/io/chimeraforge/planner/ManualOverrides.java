package io.chimeraforge.planner;

import io.chimeraforge.core.InvalidSettingException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Model facts given by hand, for a model the registry does not carry and no network can resolve.
 * They take effect only when all four of params, layers, KV heads and head dim are given. A given
 * value must be positive: "not given" is an empty optional, never 0. Build with {@link #builder()}.
 *
 * @param paramsB    total parameters in billions
 * @param nLayers    transformer layers
 * @param nKvHeads   key/value heads
 * @param dHead      head dimension
 * @param hiddenSize model width, needed for LoRA sizing and TP/PP traffic
 */
public record ManualOverrides(OptionalDouble paramsB, OptionalInt nLayers, OptionalInt nKvHeads, OptionalInt dHead,
        OptionalInt hiddenSize) {

    /** No overrides. */
    public static final ManualOverrides NONE = builder().build();

    /**
     * @throws NullPointerException    when an optional is null
     * @throws InvalidSettingException when a given value is not positive (or params not finite)
     */
    public ManualOverrides {
        Objects.requireNonNull(paramsB, "paramsB");
        Objects.requireNonNull(nLayers, "nLayers");
        Objects.requireNonNull(nKvHeads, "nKvHeads");
        Objects.requireNonNull(dHead, "dHead");
        Objects.requireNonNull(hiddenSize, "hiddenSize");
        if (paramsB.isPresent() && !(paramsB.getAsDouble() > 0 && Double.isFinite(paramsB.getAsDouble()))) {
            throw new InvalidSettingException("paramsB", Double.toString(paramsB.getAsDouble()),
                    "a finite number of billions > 0");
        }
        requirePositive("nLayers", nLayers);
        requirePositive("nKvHeads", nKvHeads);
        requirePositive("dHead", dHead);
        requirePositive("hiddenSize", hiddenSize);
    }

    private static void requirePositive(String setting, OptionalInt value) {
        if (value.isPresent() && value.getAsInt() < 1) {
            throw new InvalidSettingException(setting, Integer.toString(value.getAsInt()), "an integer >= 1");
        }
    }

    /** A builder with nothing given. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether any override is given (then exactly one model must be planned). */
    public boolean any() {
        return paramsB.isPresent() || nLayers.isPresent() || nKvHeads.isPresent() || dHead.isPresent()
                || hiddenSize.isPresent();
    }

    /** Whether the four required facts are all given. */
    public boolean complete() {
        return paramsB.isPresent() && nLayers.isPresent() && nKvHeads.isPresent() && dHead.isPresent();
    }

    /** Builder for {@link ManualOverrides}; each setter checks its value (> 0) at once. */
    public static final class Builder {
        private OptionalDouble paramsB = OptionalDouble.empty();
        private OptionalInt nLayers = OptionalInt.empty();
        private OptionalInt nKvHeads = OptionalInt.empty();
        private OptionalInt dHead = OptionalInt.empty();
        private OptionalInt hiddenSize = OptionalInt.empty();

        private Builder() {
        }

        /** Total parameters in billions, finite and > 0. */
        public Builder paramsB(double value) {
            this.paramsB = OptionalDouble.of(value);
            return check();
        }

        /** Transformer layers, >= 1. */
        public Builder nLayers(int value) {
            this.nLayers = OptionalInt.of(value);
            return check();
        }

        /** Key/value heads, >= 1. */
        public Builder nKvHeads(int value) {
            this.nKvHeads = OptionalInt.of(value);
            return check();
        }

        /** Head dimension, >= 1. */
        public Builder dHead(int value) {
            this.dHead = OptionalInt.of(value);
            return check();
        }

        /** Model width, >= 1. */
        public Builder hiddenSize(int value) {
            this.hiddenSize = OptionalInt.of(value);
            return check();
        }

        private Builder check() {
            build();
            return this;
        }

        /** The overrides given so far. */
        public ManualOverrides build() {
            return new ManualOverrides(paramsB, nLayers, nKvHeads, dHead, hiddenSize);
        }
    }
}
