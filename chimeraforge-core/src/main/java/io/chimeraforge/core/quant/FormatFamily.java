package io.chimeraforge.core.quant;

/** Checkpoint format families, which decide what a serving backend can load. */
public enum FormatFamily {
    /** FP32 / FP16 / BF16 weights. */
    FLOAT("float"),
    /** 8-bit floating point weights (needs FP8 tensor cores). */
    FP8("fp8"),
    /** llama.cpp GGUF k-quants and i-quants. */
    GGUF("gguf"),
    /** 4-bit weights with 16-bit activations: AWQ, GPTQ. */
    W4A16("w4a16");

    private final String id;

    FormatFamily(String id) {
        this.id = id;
    }

    /** The lower-case identifier used in messages ({@code "gguf"}, {@code "w4a16"}, …). */
    public String id() {
        return id;
    }
}
