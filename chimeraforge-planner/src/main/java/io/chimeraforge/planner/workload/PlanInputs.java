package io.chimeraforge.planner.workload;

import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The plan inputs a workload profile supplies; a quantity the profile did not measure is empty
 * and is never given a default here.
 *
 * @param requestRate        requests per second
 * @param promptTokens       mean prompt length, rounded to whole tokens
 * @param avgTokens          mean output length, rounded to whole tokens
 * @param workloadCv2        service-demand variance term
 * @param prefixCacheHitRate prefix-cache hit rate, 0..1
 */
public record PlanInputs(OptionalDouble requestRate, OptionalInt promptTokens, OptionalInt avgTokens,
        OptionalDouble workloadCv2, OptionalDouble prefixCacheHitRate) {

    /** Checks the optionals are present objects. */
    public PlanInputs {
        java.util.Objects.requireNonNull(requestRate, "requestRate");
        java.util.Objects.requireNonNull(promptTokens, "promptTokens");
        java.util.Objects.requireNonNull(avgTokens, "avgTokens");
        java.util.Objects.requireNonNull(workloadCv2, "workloadCv2");
        java.util.Objects.requireNonNull(prefixCacheHitRate, "prefixCacheHitRate");
    }

    /**
     * Sets every measured input on {@code builder} except those in {@code keep} (the settings the
     * caller chose explicitly): {@link ProfileKey#REQUEST_RATE} → {@code requestRate},
     * {@link ProfileKey#PROMPT_TOKENS} → {@code promptTokens}, {@link ProfileKey#OUTPUT_TOKENS} →
     * {@code avgTokens}, {@link ProfileKey#WORKLOAD_CV2} → {@code serviceCv2},
     * {@link ProfileKey#PREFIX_CACHE_HIT_RATE} → {@code prefixCacheHitRate}. Inputs the profile did
     * not measure are left as the builder has them. The builder's range checks apply.
     *
     * @return the keys that were applied, in that order
     * @throws io.chimeraforge.core.InvalidSettingException when a profile value is out of range
     */
    public java.util.List<ProfileKey> applyTo(io.chimeraforge.planner.PlanRequest.Builder builder,
            java.util.Set<ProfileKey> keep) {
        java.util.Objects.requireNonNull(builder, "builder");
        java.util.Objects.requireNonNull(keep, "keep");
        java.util.List<ProfileKey> applied = new java.util.ArrayList<>();
        if (requestRate.isPresent() && !keep.contains(ProfileKey.REQUEST_RATE)) {
            builder.requestRate(requestRate.getAsDouble());
            applied.add(ProfileKey.REQUEST_RATE);
        }
        if (promptTokens.isPresent() && !keep.contains(ProfileKey.PROMPT_TOKENS)) {
            builder.promptTokens(promptTokens.getAsInt());
            applied.add(ProfileKey.PROMPT_TOKENS);
        }
        if (avgTokens.isPresent() && !keep.contains(ProfileKey.OUTPUT_TOKENS)) {
            builder.avgTokens(avgTokens.getAsInt());
            applied.add(ProfileKey.OUTPUT_TOKENS);
        }
        if (workloadCv2.isPresent() && !keep.contains(ProfileKey.WORKLOAD_CV2)) {
            builder.serviceCv2(workloadCv2.getAsDouble());
            applied.add(ProfileKey.WORKLOAD_CV2);
        }
        if (prefixCacheHitRate.isPresent() && !keep.contains(ProfileKey.PREFIX_CACHE_HIT_RATE)) {
            builder.prefixCacheHitRate(prefixCacheHitRate.getAsDouble());
            applied.add(ProfileKey.PREFIX_CACHE_HIT_RATE);
        }
        return applied;
    }
}
