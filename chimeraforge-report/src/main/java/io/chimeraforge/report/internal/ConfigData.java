package io.chimeraforge.report.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.result.Stats;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * What the charts need from one result, taken when the result is added (the report keeps no
 * per-request runs): sorted TTFTs (negative sentinels and missing values left out, counted),
 * per-request durations, the latency percentiles, throughput and the load point of a sweep.
 *
 * @param index         1-based position in load order (the Detailed Results numbering)
 * @param label         {@code model · backend · quant · workload · ctx=N} (data; escape on output)
 * @param ttftSorted    per-request TTFTs in ms, ascending, measured ones only
 * @param ttftNotMeasured per-request TTFTs that were −1 (or missing / not numbers)
 * @param percentiles   total-duration p50, p90, p95, p99 in ms (NaN when unknown)
 * @param computed      for each percentile, whether it was computed from {@code individual_runs}
 *                      because the aggregate lacks it
 * @param throughputMean mean per-request throughput, tok/s
 * @param outputThroughput aggregate output throughput over the run's span, tok/s
 * @param ttftMean      mean measured TTFT, ms
 * @param concurrency   {@code load.concurrency}
 * @param rate          {@code load.rate}, requests/s
 * @param sweepKey      everything that identifies the configuration except concurrency and rate
 */
public record ConfigData(int index, String label, double[] ttftSorted, int ttftNotMeasured, double[] percentiles,
        boolean[] computed, OptionalDouble throughputMean, OptionalDouble outputThroughput, OptionalDouble ttftMean,
        OptionalDouble concurrency, OptionalDouble rate, String sweepKey) {

    /** The percentiles drawn, in order. */
    public static final double[] PERCENTILES = {50, 90, 95, 99};
    private static final String[] PERCENTILE_KEYS = {"p50", "p90", "p95", "p99"};

    /** Extracts the chart data of {@code result}, the {@code index}-th result (1-based). */
    public static ConfigData of(int index, JsonNode result) {
        JsonNode runs = result.path("individual_runs");
        double[] ttft = new double[runs.size()];
        double[] durations = new double[runs.size()];
        double[] tps = new double[runs.size()];
        int nTtft = 0;
        int nDur = 0;
        int nTps = 0;
        int notMeasured = 0;
        for (JsonNode run : runs) {
            JsonNode t = run.get("ttft_ms");
            if (t != null && t.isNumber() && t.asDouble() >= 0 && Double.isFinite(t.asDouble())) {
                ttft[nTtft++] = t.asDouble();
            } else {
                notMeasured++;
            }
            JsonNode d = run.get("total_duration_ms");
            if (d != null && d.isNumber() && Double.isFinite(d.asDouble())) {
                durations[nDur++] = d.asDouble();
            }
            JsonNode r = run.get("throughput_tps");
            if (r != null && r.isNumber() && Double.isFinite(r.asDouble())) {
                tps[nTps++] = r.asDouble();
            }
        }
        ttft = Arrays.copyOf(ttft, nTtft);
        Arrays.sort(ttft);
        durations = Arrays.copyOf(durations, nDur);
        Arrays.sort(durations);

        JsonNode agg = result.path("aggregate");
        // A recorded count of 0 means the summaries are the all-zero placeholder of an empty sample.
        boolean aggregateValid = !(agg.has("count") && agg.path("count").asInt(-1) == 0);
        double[] percentiles = new double[PERCENTILES.length];
        boolean[] computed = new boolean[PERCENTILES.length];
        for (int i = 0; i < PERCENTILES.length; i++) {
            JsonNode v = agg.path("total_duration_ms").get(PERCENTILE_KEYS[i]);
            if (aggregateValid && v != null && v.isNumber() && Double.isFinite(v.asDouble())) {
                percentiles[i] = v.asDouble();
            } else if (durations.length > 0) {
                percentiles[i] = Stats.percentileOfSorted(durations, PERCENTILES[i]);
                computed[i] = true;
            } else {
                percentiles[i] = Double.NaN;
            }
        }
        OptionalDouble throughputMean = aggregateValid ? number(agg.path("throughput_tps").get("mean"))
                : OptionalDouble.empty();
        if (throughputMean.isEmpty() && nTps > 0) {
            throughputMean = OptionalDouble.of(Arrays.stream(tps, 0, nTps).average().orElseThrow());
        }
        OptionalDouble ttftMean;
        if (ttft.length > 0) {
            ttftMean = OptionalDouble.of(Arrays.stream(ttft).average().orElseThrow());
        } else {
            OptionalDouble fromAggregate = aggregateValid ? number(agg.path("ttft_ms").get("mean"))
                    : OptionalDouble.empty();
            // −1 is the "not measured" sentinel; runs without TTFT data leave only the aggregate.
            ttftMean = fromAggregate.isPresent() && fromAggregate.getAsDouble() >= 0 && runs.isEmpty()
                    ? fromAggregate : OptionalDouble.empty();
        }
        JsonNode load = result.path("load");
        return new ConfigData(index, label(result), ttft, notMeasured, percentiles, computed, throughputMean,
                aggregateValid ? number(agg.get("output_throughput_tps")) : OptionalDouble.empty(), ttftMean,
                number(load.get("concurrency")), number(load.get("rate")), sweepKey(result));
    }

    /** The label of a result: {@code model · backend · quant · workload · ctx=N}. */
    static String label(JsonNode r) {
        return text(r, "model", "unknown") + " · " + text(r, "backend", "unknown") + " · "
                + (text(r, "quant", "").isEmpty() ? "default" : text(r, "quant", "")) + " · "
                + text(r, "workload", "single") + " · ctx=" + r.path("context_length").asInt(0);
    }

    private static String text(JsonNode r, String key, String fallback) {
        JsonNode v = r.get(key);
        return v == null || v.isNull() ? fallback : v.isTextual() ? v.asText() : v.toString();
    }

    private static String sweepKey(JsonNode r) {
        ObjectNode key = Json.mapper().createObjectNode();
        for (String k : new String[] {"model", "backend", "quant", "workload", "context_length"}) {
            key.set(k, r.path(k).deepCopy());
        }
        JsonNode load = r.path("load");
        if (load.isObject()) {
            ObjectNode rest = ((ObjectNode) load).deepCopy();
            rest.remove(java.util.List.of("concurrency", "rate", "seed", "base_urls"));
            if (rest.path("sweep").isObject()) {
                ((ObjectNode) rest.get("sweep")).remove(java.util.List.of("concurrency", "rate"));
            }
            key.set("load", rest);
        }
        return key.toString();
    }

    private static OptionalDouble number(JsonNode v) {
        return v != null && v.isNumber() && Double.isFinite(v.asDouble()) ? OptionalDouble.of(v.asDouble())
                : OptionalDouble.empty();
    }

    /** Whether any latency percentile is known. */
    public boolean hasPercentiles() {
        return Arrays.stream(percentiles).anyMatch(Double::isFinite);
    }

    /** Measured p95 of the total duration, ms. */
    public OptionalDouble p95() {
        return Double.isFinite(percentiles[2]) ? OptionalDouble.of(percentiles[2]) : OptionalDouble.empty();
    }
}
