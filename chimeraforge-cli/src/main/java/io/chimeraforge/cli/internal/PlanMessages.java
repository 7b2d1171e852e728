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

    /** A plan flag and, where the reference has one, its message after the flag (null: built from the range). */
    private record Flag(String name, String referenceMessage) {
    }

    /** The plan flag of each builder setting, with the reference's message. */
    private static final Map<String, Flag> FLAGS = Map.ofEntries(
            Map.entry("requestRate", new Flag("--request-rate", " must be positive.")),
            Map.entry("avgTokens", new Flag("--avg-tokens", " must be positive.")),
            Map.entry("reasoningTokens", new Flag("--reasoning-tokens", " must be non-negative.")),
            Map.entry("promptTokens", new Flag("--prompt-tokens", " must be positive.")),
            Map.entry("prefixCacheHitRate", new Flag("--prefix-cache-hit-rate", " must be between 0.0 and 1.0.")),
            Map.entry("dutyCycle", new Flag("--duty-cycle", " must be greater than 0.0 and at most 1.0.")),
            Map.entry("gpuPriceMultiplier", new Flag("--gpu-price-multiplier", " must be positive.")),
            Map.entry("hostBandwidthGbps", new Flag("--host-bandwidth-gbps", " must be positive.")),
            Map.entry("ttftSloMs", new Flag("--ttft-slo", " must be positive.")),
            Map.entry("tpotSloMs", new Flag("--tpot-slo", " must be positive.")),
            Map.entry("electricityRate", new Flag("--electricity-rate", " must be non-negative.")),
            Map.entry("contextLength", new Flag("--context-length", " must be positive.")),
            Map.entry("budgetUsdPerMonth", new Flag("--budget", " must be positive.")),
            Map.entry("latencySloMs", new Flag("--latency-slo", " must be positive.")),
            Map.entry("qualityTarget", new Flag("--quality-target", " must be between 0.0 and 1.0.")),
            Map.entry("safetyTarget", new Flag("--safety-target", " must be between 0.0 and 1.0.")),
            Map.entry("loraAdapters", new Flag("--lora-adapters", null)),
            Map.entry("loraRank", new Flag("--lora-rank", null)),
            Map.entry("loraTarget", new Flag("--lora-target", null)),
            Map.entry("model", new Flag("--model", " must not be blank.")),
            Map.entry("hardware", new Flag("--hardware", null)),
            Map.entry("paramsB", new Flag("--params-b", " must be a positive number of billions.")),
            Map.entry("nLayers", new Flag("--n-layers", " must be positive.")),
            Map.entry("nKvHeads", new Flag("--n-kv-heads", " must be positive.")),
            Map.entry("dHead", new Flag("--d-head", " must be positive.")),
            Map.entry("hiddenSize", new Flag("--hidden-size", " must be positive.")));

    /** Settings with no upper bound: an infinite value is refused as not finite, not as too small. */
    private static final Set<String> OPEN_ENDED = Set.of("requestRate", "gpuPriceMultiplier", "hostBandwidthGbps",
            "ttftSloMs", "tpotSloMs", "electricityRate", "budgetUsdPerMonth", "latencySloMs", "paramsB");

    private PlanMessages() {
    }

    /** A builder's refusal of a setting, worded as the reference's {@code plan} words it. */
    public static String setting(InvalidSettingException e) {
        String setting = e.setting();
        Flag known = FLAGS.get(setting);
        if (known == null) {
            return e.getMessage();
        }
        String flag = known.name();
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
                return known.referenceMessage() != null ? flag + known.referenceMessage()
                        : flag + " must be " + e.allowed() + ", got " + e.value() + ".";
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
            case SOURCE_FAILED:
                // the source's own words, with the reference's remedy in flag terms
                return "resolving model: " + e.getMessage().replace("Give the model's facts by hand.",
                        "Use manual overrides (--params-b/--n-layers/--n-kv-heads/--d-head).").replace(
                        "Give the model's facts by hand (parameters, layers, KV heads, head size).",
                        "Use manual overrides (--params-b/--n-layers/--n-kv-heads/--d-head).").replace(
                        "(or give a Hugging Face token)", "(or pass --hf-token)");
            case IDENTIFIER_UNRESOLVED:
            default:
                return "resolving model: could not resolve '" + input + "'. Pass an Ollama tag (ollama:NAME), an HF"
                        + " repo (org/name), or manual overrides (--params-b/--n-layers/--n-kv-heads/--d-head).";
        }
    }

    /** A fleet refusal in the reference's words, which name the {@code --fleet} flag. */
    public static String fleet(io.chimeraforge.planner.fleet.FleetException e) {
        return switch (e.reason()) {
            case EMPTY -> "--fleet needs at least one GPU name";
            case UNKNOWN_GPU -> e.getMessage().replaceFirst(" in the fleet \\(", " in --fleet (");
            case TOO_MANY_TYPES -> e.getMessage().replaceFirst("^the fleet lists", "--fleet lists");
            default -> e.getMessage();
        };
    }
}
