package io.chimeraforge.cli.internal;

import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.planner.ModelResolutionException;
import io.chimeraforge.planner.ModelResolver;
import java.util.Map;
import java.util.Set;

/**
 * The reference's wording for the planner's structured refusals: the library's messages name
 * builder settings, the CLI's name its flags.
 */
public final class PlanMessages {

    /** The plan flag of each builder setting. */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("requestRate", "--request-rate"),
            Map.entry("avgTokens", "--avg-tokens"),
            Map.entry("reasoningTokens", "--reasoning-tokens"),
            Map.entry("promptTokens", "--prompt-tokens"),
            Map.entry("prefixCacheHitRate", "--prefix-cache-hit-rate"),
            Map.entry("dutyCycle", "--duty-cycle"),
            Map.entry("gpuPriceMultiplier", "--gpu-price-multiplier"),
            Map.entry("hostBandwidthGbps", "--host-bandwidth-gbps"),
            Map.entry("ttftSloMs", "--ttft-slo"),
            Map.entry("tpotSloMs", "--tpot-slo"),
            Map.entry("electricityRate", "--electricity-rate"),
            Map.entry("contextLength", "--context-length"),
            Map.entry("budgetUsdPerMonth", "--budget"),
            Map.entry("latencySloMs", "--latency-slo"),
            Map.entry("qualityTarget", "--quality-target"),
            Map.entry("safetyTarget", "--safety-target"),
            Map.entry("loraAdapters", "--lora-adapters"),
            Map.entry("loraRank", "--lora-rank"),
            Map.entry("loraTarget", "--lora-target"),
            Map.entry("model", "--model"),
            Map.entry("hardware", "--hardware"),
            Map.entry("paramsB", "--params-b"),
            Map.entry("nLayers", "--n-layers"),
            Map.entry("nKvHeads", "--n-kv-heads"),
            Map.entry("dHead", "--d-head"),
            Map.entry("hiddenSize", "--hidden-size"));

    /** The reference's message for a setting out of range, after the flag. */
    private static final Map<String, String> REFERENCE = Map.ofEntries(
            Map.entry("requestRate", " must be positive."),
            Map.entry("avgTokens", " must be positive."),
            Map.entry("reasoningTokens", " must be non-negative."),
            Map.entry("promptTokens", " must be positive."),
            Map.entry("prefixCacheHitRate", " must be between 0.0 and 1.0."),
            Map.entry("dutyCycle", " must be greater than 0.0 and at most 1.0."),
            Map.entry("gpuPriceMultiplier", " must be positive."),
            Map.entry("hostBandwidthGbps", " must be positive."),
            Map.entry("ttftSloMs", " must be positive."),
            Map.entry("tpotSloMs", " must be positive."),
            Map.entry("electricityRate", " must be non-negative."),
            Map.entry("contextLength", " must be positive."),
            Map.entry("budgetUsdPerMonth", " must be positive."),
            Map.entry("latencySloMs", " must be positive."),
            Map.entry("qualityTarget", " must be between 0.0 and 1.0."),
            Map.entry("safetyTarget", " must be between 0.0 and 1.0."),
            Map.entry("model", " must not be blank."),
            Map.entry("paramsB", " must be a positive number of billions."),
            Map.entry("nLayers", " must be positive."),
            Map.entry("nKvHeads", " must be positive."),
            Map.entry("dHead", " must be positive."),
            Map.entry("hiddenSize", " must be positive."));

    /** Settings with no upper bound: an infinite value is refused as not finite, not as too small. */
    private static final Set<String> OPEN_ENDED = Set.of("requestRate", "gpuPriceMultiplier", "hostBandwidthGbps",
            "ttftSloMs", "tpotSloMs", "electricityRate", "budgetUsdPerMonth", "latencySloMs", "paramsB");

    private PlanMessages() {
    }

    /** A builder's refusal of a setting, worded as the reference's {@code plan} words it. */
    public static String setting(InvalidSettingException e) {
        String setting = e.setting();
        String flag = FLAGS.get(setting);
        if (flag == null) {
            return e.getMessage();
        }
        if (OPEN_ENDED.contains(setting) && e.value().equals("Infinity")) {
            return flag + " must be a finite number.";
        }
        switch (setting) {
            case "loraAdapters":
                return e.value().startsWith("-") ? flag + " must be between 0 and 64."
                        : "lora_adapters=" + e.value() + " exceeds the 64-adapter ceiling the serving engines"
                                + " support per batch";
            case "loraRank":
                return "lora_rank must be between 1 and 64";
            case "loraTarget":
                return "unknown lora_target " + e.value() + "; use one of: attn, qv";
            default:
                String reference = REFERENCE.get(setting);
                return reference != null ? flag + reference : flag + " must be " + e.allowed() + ", got " + e.value()
                        + ".";
        }
    }

    /** A model-resolution refusal as the reference words it, after {@code "resolving model: "}. */
    public static String resolution(ModelResolutionException e, ModelResolver resolver) {
        String hint = "The registry holds: " + resolver.registrySizes() + ". For anything it does not carry, pass"
                + " --model <hf-repo or ollama:tag> so real parameters are resolved from the source, or --params-b"
                + " <n> with a single --model to override.";
        String input = e.input();
        switch (e.reason()) {
            case SIZE_CLASS_UNRECOGNISED:
                return "resolving model: unrecognised --model-size '" + input + "'. " + hint;
            case SIZE_CLASS_NOT_POSITIVE:
                return "resolving model: --model-size must be positive, got '" + input + "'. " + hint;
            case SIZE_CLASS_NO_MATCH:
                return "resolving model: no registry model is within 50% of '" + input + "' (the registry spans "
                        + resolver.registrySpan() + "). " + hint;
            case IDENTIFIER_UNRESOLVED:
            default:
                return "resolving model: could not resolve '" + input + "'. Pass an Ollama tag (ollama:NAME), an HF"
                        + " repo (org/name), or manual overrides (--params-b/--n-layers/--n-kv-heads/--d-head).";
        }
    }
}
