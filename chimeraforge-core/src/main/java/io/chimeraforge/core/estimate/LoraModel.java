package io.chimeraforge.core.estimate;

import java.util.Locale;
import java.util.Optional;

/**
 * Multi-LoRA serving: adapter memory (exact geometry) and the decode slowdown (an estimate
 * interpolated from one published sweep).
 */
public final class LoraModel {

    /** Most adapters the serving engines batch together. */
    public static final int MAX_ADAPTERS = 64;
    /** Where the decode-cost endpoints come from. */
    public static final String SOURCE =
            "SqueezeBits vLLM 0.6.3 / A100 80GB / Llama-3.1-8B (blog.squeezebits.com/37065)";
    private static final double MULTIPLIER_RANK_8 = 0.761;
    private static final double MULTIPLIER_RANK_64 = 0.530;
    private static final double ADAPTER_BYTES_PER_PARAM = 2.0; // adapters are always fp16

    private LoraModel() {
    }

    /** Which projection matrices carry adapters. */
    public enum Target {
        /** Query and value projections. */
        QV("qv"),
        /** Query, key, value and output projections. */
        ATTN("attn");

        private final String id;

        Target(String id) {
            this.id = id;
        }

        /** {@code "qv"} or {@code "attn"}. */
        public String id() {
            return id;
        }

        /** Parses {@code qv} or {@code attn}. */
        public static Optional<Target> fromId(String id) {
            if (id == null) {
                return Optional.empty();
            }
            String wanted = id.toLowerCase(Locale.ROOT);
            for (Target t : values()) {
                if (t.id.equals(wanted)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Parameters of one adapter: per layer, rank x (d_in + d_out) for each targeted matrix, where
     * q and o are hidden x hidden and k and v are hidden x (kv heads x head dim).
     */
    public static long adapterParams(int hiddenSize, int nKvHeads, int dHead, int nLayers, int rank, Target target) {
        if (rank <= 0) {
            return 0;
        }
        long hidden = hiddenSize;
        long kvWidth = (long) nKvHeads * dHead;
        long q = rank * (hidden + hidden);
        long kv = rank * (hidden + kvWidth);
        long perLayer = target == Target.QV ? q + kv : q + kv + kv + q;
        return perLayer * nLayers;
    }

    /** GB of one fp16 adapter. */
    public static double gbPerAdapter(int hiddenSize, int nKvHeads, int dHead, int nLayers, int rank, Target target) {
        return adapterParams(hiddenSize, nKvHeads, dHead, nLayers, rank, target) * ADAPTER_BYTES_PER_PARAM / 1e9;
    }

    /**
     * Decode-throughput multiplier for serving adapters of this rank: 0.761 at rank 8 or below,
     * 0.530 at 64 or above, linear in log2(rank) between.
     */
    public static double decodeMultiplier(int rank) {
        if (rank <= 8) {
            return MULTIPLIER_RANK_8;
        }
        if (rank >= 64) {
            return MULTIPLIER_RANK_64;
        }
        // exact for powers of two, as log2 is; the interpolated ranks are the common ones
        double log2 = Integer.bitCount(rank) == 1 ? Integer.numberOfTrailingZeros(rank)
                : Math.log(rank) / Math.log(2);
        return MULTIPLIER_RANK_8 + (log2 - 3) / 3 * (MULTIPLIER_RANK_64 - MULTIPLIER_RANK_8);
    }
}
