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
}
