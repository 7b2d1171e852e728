package io.chimeraforge.mcp;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The plan tool's argument checks, in upstream's corrected order and wording (planner-corrections
 * g7): the first failure is reported, without a hint.
 */
final class Validation {

    private Validation() {
    }

    static Optional<String> firstProblem(Map<String, Object> a) {
        if (PlannerTools.number(a, "request_rate", 1.0) <= 0) {
            return Optional.of("request_rate must be positive");
        }
        if (PlannerTools.integer(a, "avg_output_tokens", 128) <= 0) {
            return Optional.of("avg_output_tokens must be positive");
        }
        if (PlannerTools.integer(a, "reasoning_tokens", 0) < 0) {
            return Optional.of("reasoning_tokens must be non-negative");
        }
        if (PlannerTools.integer(a, "prompt_tokens", 512) <= 0) {
            return Optional.of("prompt_tokens must be positive");
        }
        double hit = PlannerTools.number(a, "prefix_cache_hit_rate", 0.0);
        if (!(hit >= 0 && hit <= 1)) {
            return Optional.of("prefix_cache_hit_rate must be between 0.0 and 1.0");
        }
        double duty = PlannerTools.number(a, "duty_cycle", 1.0);
        if (!(duty > 0 && duty <= 1)) {
            return Optional.of("duty_cycle must be greater than 0.0 and at most 1.0");
        }
        if (!(PlannerTools.number(a, "gpu_price_multiplier", 1.0) > 0)) {
            return Optional.of("gpu_price_multiplier must be positive");
        }
        if (PlannerTools.optionalNumber(a, "host_bandwidth_gbps").stream().anyMatch(v -> !(v > 0))) {
            return Optional.of("host_bandwidth_gbps must be positive");
        }
        if (PlannerTools.optionalNumber(a, "ttft_slo_ms").stream().anyMatch(v -> !(v > 0))) {
            return Optional.of("ttft_slo must be positive");
        }
        if (PlannerTools.optionalNumber(a, "tpot_slo_ms").stream().anyMatch(v -> !(v > 0))) {
            return Optional.of("tpot_slo must be positive");
        }
        if (!(PlannerTools.number(a, "latency_slo_ms", 5000.0) > 0)) {
            return Optional.of("latency_slo must be positive");
        }
        if (PlannerTools.integer(a, "context_length", 2048) <= 0) {
            return Optional.of("context_length must be positive");
        }
        if (!Set.of("fp16", "q8", "q4").contains(PlannerTools.text(a, "kv_quant", "fp16").toLowerCase(Locale.ROOT))) {
            return Optional.of("kv_quant must be one of: fp16, q8, q4");
        }
        return Optional.empty();
    }
}
