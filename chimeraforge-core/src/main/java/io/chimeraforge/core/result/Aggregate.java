package io.chimeraforge.core.result;

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

    /** Added key: time to first content token from send, ms. */
    public static final String CLIENT_TTFT_MS = "client_ttft_ms";
    /** Added key: time per output token after the first, ms. */
    public static final String TPOT_MS = "tpot_ms";
    /** Added key: inter-token latency, each chunk's gap divided over its tokens, ms. */
    public static final String ITL_TOKEN_MS = "itl_token_ms";
    /** Added key: end-to-end latency from send, ms. */
    public static final String E2E_MS = "e2e_ms";
    /** Added key: end-to-end latency from the scheduled arrival (coordinated-omission free), ms. */
    public static final String E2E_FROM_SCHEDULE_MS = "e2e_from_schedule_ms";
    /** Added key: aggregate output tokens per second over the configuration's span. */
    public static final String OUTPUT_THROUGHPUT_TPS = "output_throughput_tps";
    /** Added key: successful requests per second over the configuration's span. */
    public static final String REQUEST_THROUGHPUT_RPS = "request_throughput_rps";
    /** Added key: requests per second that met every objective (only with objectives). */
    public static final String GOODPUT_RPS = "goodput_rps";
    /** Added key: share of requests that met every objective, failures included (only with objectives). */
    public static final String SLO_ATTAINMENT = "slo_attainment";

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

    /** {@value #CLIENT_TTFT_MS}; empty for results read from a reference file. */
    public Optional<StatSummary> clientTtftMs() {
        return summary(CLIENT_TTFT_MS);
    }

    /** {@value #TPOT_MS}; empty for results read from a reference file. */
    public Optional<StatSummary> tpotMs() {
        return summary(TPOT_MS);
    }

    /** {@value #ITL_TOKEN_MS}; empty for results read from a reference file. */
    public Optional<StatSummary> itlTokenMs() {
        return summary(ITL_TOKEN_MS);
    }

    /** {@value #E2E_MS}; empty for results read from a reference file. */
    public Optional<StatSummary> e2eMs() {
        return summary(E2E_MS);
    }

    /** {@value #E2E_FROM_SCHEDULE_MS}; empty for results read from a reference file. */
    public Optional<StatSummary> e2eFromScheduleMs() {
        return summary(E2E_FROM_SCHEDULE_MS);
    }

    /** {@value #OUTPUT_THROUGHPUT_TPS}; empty for results read from a reference file. */
    public Optional<Double> outputThroughputTps() {
        return number(OUTPUT_THROUGHPUT_TPS);
    }

    /** {@value #REQUEST_THROUGHPUT_RPS}; empty for results read from a reference file. */
    public Optional<Double> requestThroughputRps() {
        return number(REQUEST_THROUGHPUT_RPS);
    }

    /** {@value #GOODPUT_RPS}; empty when the run had no objectives. */
    public Optional<Double> goodputRps() {
        return number(GOODPUT_RPS);
    }

    /** {@value #SLO_ATTAINMENT}; empty when the run had no objectives. */
    public Optional<Double> sloAttainment() {
        return number(SLO_ATTAINMENT);
    }
}
