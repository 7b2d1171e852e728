package io.chimeraforge.core.estimate;

import io.chimeraforge.core.corpus.FittedModels;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Refusal rates (share of harmful prompts refused) and refusal-instability (RTSI) risk per model
 * and quantization, from the TR134/TR142 screens. No extrapolation: an unscreened pair is unknown.
 */
public final class SafetyModel {

    /** The RTSI risk reported for an unscreened pair. */
    public static final String UNKNOWN_RISK = "UNKNOWN";

    private final FittedModels.Safety corpus;

    public SafetyModel(FittedModels.Safety corpus) {
        this.corpus = Objects.requireNonNull(corpus, "corpus");
    }

    /** The measured refusal rate, if screened. */
    public OptionalDouble refusalRate(String model, String quant) {
        Double value = corpus.lookup().get(model + "|" + quant);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** {@code LOW}, {@code MODERATE}, {@code HIGH}, or {@value #UNKNOWN_RISK}. */
    public String rtsiRisk(String model, String quant) {
        FittedModels.Rtsi rtsi = corpus.rtsi().get(model + "|" + quant);
        return rtsi == null ? UNKNOWN_RISK : rtsi.risk();
    }

    /** Change of refusal rate against FP16 in percentage points, when both are known. */
    public OptionalDouble refusalDropPp(String model, String quant) {
        OptionalDouble refusal = refusalRate(model, quant);
        Double baseline = corpus.fp16Baselines().get(model);
        if (refusal.isEmpty() || baseline == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((refusal.getAsDouble() - baseline) * 100);
    }
}
