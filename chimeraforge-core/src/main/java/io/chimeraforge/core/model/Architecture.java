package io.chimeraforge.core.model;

/**
 * The attention geometry that sizes a model's KV cache.
 *
 * @param nLayers                   transformer layers
 * @param nKvHeads                  key/value heads (GQA)
 * @param dHead                     head dimension
 * @param kvElemsPerTokenPerLayer   cached elements per token per layer when the model does not
 *                                  cache per-head K/V (MLA latent), else 0
 * @param swaWindow                 sliding-window size in tokens, 0 when none or when the layer
 *                                  pattern is unknown
 * @param swaGlobalEvery            one full-attention layer every this many layers, 0 when none
 */
public record Architecture(
        int nLayers, int nKvHeads, int dHead, int kvElemsPerTokenPerLayer, int swaWindow, int swaGlobalEvery) {

    /** The architecture assumed when nothing is known: 32 layers, 8 KV heads, head dim 128. */
    public static final Architecture DEFAULT = of(32, 8, 128);

    public Architecture {
        requirePositive("nLayers", nLayers);
        requirePositive("nKvHeads", nKvHeads);
        requirePositive("dHead", dHead);
        requireNonNegative("kvElemsPerTokenPerLayer", kvElemsPerTokenPerLayer);
        requireNonNegative("swaWindow", swaWindow);
        requireNonNegative("swaGlobalEvery", swaGlobalEvery);
    }

    /** A plain GQA/MHA architecture with no latent cache and no sliding window. */
    public static Architecture of(int nLayers, int nKvHeads, int dHead) {
        return new Architecture(nLayers, nKvHeads, dHead, 0, 0, 0);
    }

    /** Cached elements per token per layer: the MLA latent width, else K+V per KV head. */
    public int cachedElementsPerTokenPerLayer() {
        return kvElemsPerTokenPerLayer > 0 ? kvElemsPerTokenPerLayer : 2 * nKvHeads * dHead;
    }

    /** Whether a sliding window with a known layer pattern applies. */
    public boolean hasSlidingWindowPattern() {
        return swaWindow > 0 && swaGlobalEvery > 0;
    }

    static void requirePositive(String parameter, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(parameter + " must be >= 1, got " + value);
        }
    }

    static void requireNonNegative(String parameter, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(parameter + " must be >= 0, got " + value);
        }
    }
}
