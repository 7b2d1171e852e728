package io.chimeraforge.core.quant;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weight-quantization table: effective bits per weight, format families, and the ladder the
 * planner walks. Quantization names are the upper-case llama.cpp / reference spellings
 * ({@code "Q4_K_M"}, {@code "FP16"}, {@code "AWQ"}).
 */
public final class Quantization {

    /** Bits per weight assumed for a quantization the table does not know. */
    public static final double UNKNOWN_BITS_PER_WEIGHT = 16.0;

    private static final Map<String, Double> BITS_PER_WEIGHT;

    static {
        Map<String, Double> bpw = new LinkedHashMap<>();
        bpw.put("FP32", 32.0);
        bpw.put("FP16", 16.0);
        bpw.put("BF16", 16.0);
        bpw.put("FP8", 8.0);
        bpw.put("AWQ", 4.5);
        bpw.put("GPTQ", 4.5);
        bpw.put("Q8_0", 8.0);
        bpw.put("Q6_K", 6.5);
        bpw.put("Q5_K_M", 5.5);
        bpw.put("Q5_K_S", 5.4);
        bpw.put("Q5_1", 6.0);
        bpw.put("Q5_0", 5.5);
        bpw.put("Q4_K_M", 4.5);
        bpw.put("Q4_K_S", 4.4);
        bpw.put("Q4_1", 5.0);
        bpw.put("Q4_0", 4.5);
        bpw.put("Q3_K_L", 4.3);
        bpw.put("Q3_K_M", 3.9);
        bpw.put("Q3_K_S", 3.5);
        bpw.put("Q2_K", 2.5);
        bpw.put("Q2_K_S", 2.3);
        bpw.put("IQ4_NL", 4.5);
        bpw.put("IQ4_XS", 4.25);
        bpw.put("IQ3_S", 3.4);
        bpw.put("IQ3_XXS", 3.06);
        bpw.put("IQ2_M", 2.7);
        bpw.put("IQ2_XXS", 2.06);
        bpw.put("IQ1_S", 1.56);
        BITS_PER_WEIGHT = Collections.unmodifiableMap(bpw);
    }

    /** The planner's quantization ladder, bits per weight non-increasing. */
    public static final List<String> LADDER = List.of(
            "FP16", "FP8", "Q8_0", "Q6_K", "Q5_K_M", "AWQ", "GPTQ", "Q4_K_M", "Q3_K_S", "Q2_K");

    private Quantization() {
    }

    /** Whether the table knows this quantization (exact, upper-case spelling). */
    public static boolean isKnown(String quant) {
        return BITS_PER_WEIGHT.containsKey(quant);
    }

    /** Every known quantization, in table order. */
    public static Set<String> known() {
        return BITS_PER_WEIGHT.keySet();
    }

    /** Effective bits per weight; {@value #UNKNOWN_BITS_PER_WEIGHT} for an unknown name. */
    public static double bitsPerWeight(String quant) {
        return BITS_PER_WEIGHT.getOrDefault(quant, UNKNOWN_BITS_PER_WEIGHT);
    }

    /** Effective bits per weight, empty for an unknown name. */
    public static java.util.OptionalDouble knownBitsPerWeight(String quant) {
        Double bpw = BITS_PER_WEIGHT.get(quant);
        return bpw == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(bpw);
    }

    /** The checkpoint family: FP8; AWQ and GPTQ are W4A16; FP32/FP16/BF16 float; all else GGUF. */
    public static FormatFamily family(String quant) {
        switch (quant) {
            case "FP8":
                return FormatFamily.FP8;
            case "AWQ":
            case "GPTQ":
                return FormatFamily.W4A16;
            case "FP32":
            case "FP16":
            case "BF16":
                return FormatFamily.FLOAT;
            default:
                return FormatFamily.GGUF;
        }
    }
}
