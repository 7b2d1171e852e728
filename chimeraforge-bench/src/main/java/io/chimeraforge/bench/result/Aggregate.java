package io.chimeraforge.bench.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code aggregate} object of the reference schema, plus added keys.
 *
 * @param count           successful requests
 * @param throughputTps   summary of per-request {@code throughput_tps}
 * @param ttftMs          summary of per-request TTFT (negative sentinels excluded)
 * @param totalDurationMs summary of per-request {@code total_duration_ms}
 * @param tokensGenerated sum of output tokens over successful requests
 * @param extra           added keys in write order (summaries such as {@code itl_token_ms},
 *                        counters, rates)
 */
public record Aggregate(int count, StatSummary throughputTps, StatSummary ttftMs, StatSummary totalDurationMs,
        long tokensGenerated, Map<String, Object> extra) {

    /** Validates and copies {@code extra}. */
    public Aggregate {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        if (throughputTps == null || ttftMs == null || totalDurationMs == null || extra == null) {
            throw new IllegalArgumentException("aggregate summaries and extra must not be null");
        }
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** An added summary by key (e.g. {@code "itl_token_ms"}), if present. */
    public Optional<StatSummary> summary(String key) {
        Object value = extra.get(key);
        return value instanceof StatSummary s ? Optional.of(s) : Optional.empty();
    }

    /** An added numeric value by key (e.g. {@code "output_throughput_tps"}), if present. */
    public Optional<Double> number(String key) {
        Object value = extra.get(key);
        return value instanceof Number n ? Optional.of(n.doubleValue()) : Optional.empty();
    }
}
