package io.chimeraforge.report.internal;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.result.BenchResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Why two results of the same configuration may not be comparable: different output lengths, a
 * different load model, or token counts from different sources. Only what both sides record is
 * checked (reference files carry no load model or token sources).
 */
public final class Comparability {

    /** Relative difference of mean output tokens per request above which the sides are flagged. */
    private static final double OUTPUT_LENGTH_TOLERANCE = 0.10;
    /** The load-model settings that change what a measurement means. */
    private static final List<String> LOAD_KEYS = List.of("mode", "concurrency", "rate", "arrival", "burstiness",
            "max_tokens", "ignore_eos", "endpoint");
    /** Counters in {@code token_counts} that are not token sources. */
    private static final Set<String> NOT_SOURCES = Set.of("client_fallback_requests", "token_count_mismatches");

    private Comparability() {
    }

    /** The warnings for a baseline and a candidate result, in a fixed order; empty when comparable. */
    public static List<String> warnings(BenchResult base, BenchResult cand) {
        List<String> out = new ArrayList<>();
        double baseTokens = meanOutputTokens(base);
        double candTokens = meanOutputTokens(cand);
        if (baseTokens > 0 && candTokens > 0
                && Math.abs(candTokens - baseTokens) / baseTokens > OUTPUT_LENGTH_TOLERANCE) {
            out.add("output length differs: " + PyNumbers.fixed(baseTokens, 1) + " tokens per request in the baseline, "
                    + PyNumbers.fixed(candTokens, 1) + " in the candidate");
        }
        if (base.extra().get("load") instanceof Map<?, ?> baseLoad && cand.extra().get("load") instanceof Map<?, ?> candLoad) {
            for (String key : LOAD_KEYS) {
                Object b = baseLoad.get(key);
                Object c = candLoad.get(key);
                if ((b != null || c != null) && !Objects.equals(String.valueOf(b), String.valueOf(c))) {
                    out.add("load model differs: " + key + " " + b + " in the baseline, " + c + " in the candidate");
                }
            }
        }
        Set<String> baseSources = sources(base);
        Set<String> candSources = sources(cand);
        if (!baseSources.isEmpty() && !candSources.isEmpty() && !baseSources.equals(candSources)) {
            out.add("token counts come from different sources: " + baseSources + " in the baseline, " + candSources
                    + " in the candidate");
        }
        return out;
    }

    private static double meanOutputTokens(BenchResult r) {
        int count = r.aggregate().count();
        return count > 0 ? (double) r.aggregate().tokensGenerated() / count : 0.0;
    }

    private static Set<String> sources(BenchResult r) {
        Set<String> out = new TreeSet<>();
        if (r.extra().get("token_counts") instanceof Map<?, ?> counts) {
            counts.forEach((k, v) -> {
                if (!NOT_SOURCES.contains(String.valueOf(k)) && v instanceof Number n && n.longValue() > 0) {
                    out.add(String.valueOf(k));
                }
            });
        }
        return out;
    }
}
