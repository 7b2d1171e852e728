package io.chimeraforge.planner;

import java.util.OptionalInt;

/**
 * Model facts given by hand, for a model the registry does not carry and no network can resolve.
 * They take effect only when all four of params, layers, KV heads and head dim are given.
 *
 * @param paramsB    total parameters in billions (0 = not given)
 * @param nLayers    transformer layers (0 = not given)
 * @param nKvHeads   key/value heads (0 = not given)
 * @param dHead      head dimension (0 = not given)
 * @param hiddenSize model width, needed for LoRA sizing and TP/PP traffic
 */
public record ManualOverrides(double paramsB, int nLayers, int nKvHeads, int dHead, OptionalInt hiddenSize) {

    /** No overrides. */
    public static final ManualOverrides NONE = new ManualOverrides(0, 0, 0, 0, OptionalInt.empty());

    public ManualOverrides {
        if (hiddenSize == null) {
            hiddenSize = OptionalInt.empty();
        }
    }

    /** Whether any override is given (then exactly one model must be planned). */
    public boolean any() {
        return paramsB != 0 || nLayers != 0 || nKvHeads != 0 || dHead != 0 || hiddenSize.isPresent();
    }

    /** Whether the four required facts are all given. */
    public boolean complete() {
        return paramsB != 0 && nLayers != 0 && nKvHeads != 0 && dHead != 0;
    }
}
