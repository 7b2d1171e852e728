package io.chimeraforge.core.model;

import io.chimeraforge.core.PyNumbers;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Resolved facts about one model: size, attention geometry, and optional MoE, MLA and
 * sliding-window details. Build one with {@link #builder(String)}; registry models come from
 * {@link ModelRegistry#spec(String)}.
 *
 * <p>Optional integer facts are absent rather than zero: a zero passed to the builder means
 * "unknown", as a zero in a config file does.
 */
public record ModelSpec(
        String name,
        double paramsB,
        int nLayers,
        int nKvHeads,
        int dHead,
        OptionalInt hiddenSize,
        OptionalInt vocabSize,
        Optional<String> nativeQuant,
        Optional<String> family,
        Optional<String> variant,
        ModelSource source,
        Optional<String> registryAlias,
        OptionalInt numExperts,
        OptionalInt expertsPerToken,
        OptionalInt moeIntermediateSize,
        int nDenseLayers,
        OptionalInt kvLoraRank,
        OptionalInt qkRopeHeadDim,
        OptionalInt slidingWindow,
        int swaGlobalEvery) {

    public ModelSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (!(paramsB > 0) || Double.isInfinite(paramsB)) {
            throw new IllegalArgumentException("paramsB must be a finite number > 0, got " + paramsB);
        }
        Architecture.requirePositive("nLayers", nLayers);
        Architecture.requirePositive("nKvHeads", nKvHeads);
        Architecture.requirePositive("dHead", dHead);
        Architecture.requireNonNegative("nDenseLayers", nDenseLayers);
        Architecture.requireNonNegative("swaGlobalEvery", swaGlobalEvery);
        Objects.requireNonNull(hiddenSize, "hiddenSize");
        Objects.requireNonNull(vocabSize, "vocabSize");
        Objects.requireNonNull(nativeQuant, "nativeQuant");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(registryAlias, "registryAlias");
        Objects.requireNonNull(numExperts, "numExperts");
        Objects.requireNonNull(expertsPerToken, "expertsPerToken");
        Objects.requireNonNull(moeIntermediateSize, "moeIntermediateSize");
        Objects.requireNonNull(kvLoraRank, "kvLoraRank");
        Objects.requireNonNull(qkRopeHeadDim, "qkRopeHeadDim");
        Objects.requireNonNull(slidingWindow, "slidingWindow");
    }

    /** A builder for a spec named {@code name}, source {@link ModelSource#MANUAL} by default. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding every field of this spec. */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.paramsB = paramsB;
        b.nLayers = nLayers;
        b.nKvHeads = nKvHeads;
        b.dHead = dHead;
        b.hiddenSize = hiddenSize;
        b.vocabSize = vocabSize;
        b.nativeQuant = nativeQuant;
        b.family = family;
        b.variant = variant;
        b.source = source;
        b.registryAlias = registryAlias;
        b.numExperts = numExperts;
        b.expertsPerToken = expertsPerToken;
        b.moeIntermediateSize = moeIntermediateSize;
        b.nDenseLayers = nDenseLayers;
        b.kvLoraRank = kvLoraRank;
        b.qkRopeHeadDim = qkRopeHeadDim;
        b.slidingWindow = slidingWindow;
        b.swaGlobalEvery = swaGlobalEvery;
        return b;
    }

    /** The same facts under another name (an approximation keeps the user's identifier). */
    public ModelSpec withName(String newName) {
        return new ModelSpec(newName, paramsB, nLayers, nKvHeads, dHead, hiddenSize, vocabSize, nativeQuant, family,
                variant, source, registryAlias, numExperts, expertsPerToken, moeIntermediateSize, nDenseLayers,
                kvLoraRank, qkRopeHeadDim, slidingWindow, swaGlobalEvery);
    }

    /** Whether the model routes tokens to a subset of experts. */
    public boolean isMoe() {
        return numExperts.isPresent() && expertsPerToken.isPresent()
                && numExperts.getAsInt() > expertsPerToken.getAsInt();
    }

    /**
     * Parameters that take part in one token's forward pass, in billions: the total for a dense
     * model, the total less the idle experts' FFN weights for an MoE model (rounded to 4 places).
     * Falls back to the total when the expert geometry is incomplete or the result is not positive.
     */
    public double activeParamsB() {
        if (!isMoe() || hiddenSize.isEmpty() || moeIntermediateSize.isEmpty()) {
            return paramsB;
        }
        int moeLayers = Math.max(nLayers - Math.max(nDenseLayers, 0), 0);
        if (moeLayers == 0) {
            return paramsB;
        }
        double idleExperts = numExperts.getAsInt() - expertsPerToken.getAsInt();
        // three FFN matrices (gate, up, down) per expert
        double inactiveB = moeLayers * idleExperts * 3.0 * hiddenSize.getAsInt()
                * (double) moeIntermediateSize.getAsInt() / 1e9;
        double active = Math.max(paramsB - inactiveB, 0.0);
        if (active == 0.0) {
            active = paramsB;
        }
        return PyNumbers.round(Math.min(active, paramsB), 4);
    }

    /** Whether the model caches a compressed latent (DeepSeek's multi-head latent attention). */
    public boolean isMla() {
        return kvLoraRank.isPresent() && qkRopeHeadDim.isPresent();
    }

    /** MLA latent width plus RoPE dims per token per layer, or 0 when the model is not MLA. */
    public int kvElemsPerTokenPerLayer() {
        return isMla() ? kvLoraRank.getAsInt() + qkRopeHeadDim.getAsInt() : 0;
    }

    /** The KV-sizing geometry; the sliding window only when its layer pattern is known too. */
    public Architecture architecture() {
        boolean swa = slidingWindow.isPresent() && swaGlobalEvery > 0;
        return new Architecture(nLayers, nKvHeads, dHead, kvElemsPerTokenPerLayer(),
                swa ? slidingWindow.getAsInt() : 0, swa ? swaGlobalEvery : 0);
    }

    /** Builder for {@link ModelSpec}. Integer facts of 0 mean "unknown". */
    public static final class Builder {
        private final String name;
        private double paramsB;
        private int nLayers;
        private int nKvHeads;
        private int dHead;
        private OptionalInt hiddenSize = OptionalInt.empty();
        private OptionalInt vocabSize = OptionalInt.empty();
        private Optional<String> nativeQuant = Optional.empty();
        private Optional<String> family = Optional.empty();
        private Optional<String> variant = Optional.empty();
        private ModelSource source = ModelSource.MANUAL;
        private Optional<String> registryAlias = Optional.empty();
        private OptionalInt numExperts = OptionalInt.empty();
        private OptionalInt expertsPerToken = OptionalInt.empty();
        private OptionalInt moeIntermediateSize = OptionalInt.empty();
        private int nDenseLayers;
        private OptionalInt kvLoraRank = OptionalInt.empty();
        private OptionalInt qkRopeHeadDim = OptionalInt.empty();
        private OptionalInt slidingWindow = OptionalInt.empty();
        private int swaGlobalEvery;

        private Builder(String name) {
            this.name = name;
        }

        /** Total parameters in billions (all experts for MoE); required, > 0. */
        public Builder paramsB(double value) {
            this.paramsB = value;
            return this;
        }

        /** Transformer layers; required, >= 1. */
        public Builder nLayers(int value) {
            this.nLayers = value;
            return this;
        }

        /** Key/value heads; required, >= 1. */
        public Builder nKvHeads(int value) {
            this.nKvHeads = value;
            return this;
        }

        /** Head dimension; required, >= 1. */
        public Builder dHead(int value) {
            this.dHead = value;
            return this;
        }

        /** Attention geometry in one call. */
        public Builder architecture(int layers, int kvHeads, int headDim) {
            return nLayers(layers).nKvHeads(kvHeads).dHead(headDim);
        }

        /** Model width; needed to size LoRA adapters and TP/PP traffic. 0 = unknown. */
        public Builder hiddenSize(int value) {
            this.hiddenSize = optional("hiddenSize", value);
            return this;
        }

        /** Vocabulary size (informational). 0 = unknown. */
        public Builder vocabSize(int value) {
            this.vocabSize = optional("vocabSize", value);
            return this;
        }

        /** The quantization the checkpoint ships in (only that one is planned), or null. */
        public Builder nativeQuant(String value) {
            this.nativeQuant = Optional.ofNullable(value);
            return this;
        }

        /** Model family such as {@code "llama3.1"}, or null. */
        public Builder family(String value) {
            this.family = Optional.ofNullable(value);
            return this;
        }

        /** {@code "instruct"}, {@code "chat"}, {@code "base"}, or null. */
        public Builder variant(String value) {
            this.variant = Optional.ofNullable(value);
            return this;
        }

        /** Where the facts came from. */
        public Builder source(ModelSource value) {
            this.source = Objects.requireNonNull(value, "source");
            return this;
        }

        /** The registry model whose measurements stand in for this one, or null. */
        public Builder registryAlias(String value) {
            this.registryAlias = Optional.ofNullable(value);
            return this;
        }

        /** Expert count of an MoE model. 0 = dense. */
        public Builder numExperts(int value) {
            this.numExperts = optional("numExperts", value);
            return this;
        }

        /** Experts routed per token. 0 = unknown. */
        public Builder expertsPerToken(int value) {
            this.expertsPerToken = optional("expertsPerToken", value);
            return this;
        }

        /** FFN width of one expert. 0 = unknown. */
        public Builder moeIntermediateSize(int value) {
            this.moeIntermediateSize = optional("moeIntermediateSize", value);
            return this;
        }

        /** Leading dense layers of an MoE model (DeepSeek's first_k_dense_replace). */
        public Builder nDenseLayers(int value) {
            this.nDenseLayers = value;
            return this;
        }

        /** MLA latent rank. 0 = not MLA. */
        public Builder kvLoraRank(int value) {
            this.kvLoraRank = optional("kvLoraRank", value);
            return this;
        }

        /** MLA decoupled RoPE head dimension. 0 = not MLA. */
        public Builder qkRopeHeadDim(int value) {
            this.qkRopeHeadDim = optional("qkRopeHeadDim", value);
            return this;
        }

        /** Sliding attention window in tokens. 0 = none. */
        public Builder slidingWindow(int value) {
            this.slidingWindow = optional("slidingWindow", value);
            return this;
        }

        /** One full-attention layer every this many layers. 0 = pattern unknown. */
        public Builder swaGlobalEvery(int value) {
            this.swaGlobalEvery = value;
            return this;
        }

        private static OptionalInt optional(String parameter, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(parameter + " must be >= 0 (0 = unknown), got " + value);
            }
            return value == 0 ? OptionalInt.empty() : OptionalInt.of(value);
        }

        /** Builds the spec; throws {@link IllegalArgumentException} naming any invalid field. */
        public ModelSpec build() {
            return new ModelSpec(name, paramsB, nLayers, nKvHeads, dHead, hiddenSize, vocabSize, nativeQuant,
                    family, variant, source, registryAlias, numExperts, expertsPerToken, moeIntermediateSize,
                    nDenseLayers, kvLoraRank, qkRopeHeadDim, slidingWindow, swaGlobalEvery);
        }
    }
}
