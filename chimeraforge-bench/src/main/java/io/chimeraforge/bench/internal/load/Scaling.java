package io.chimeraforge.bench.internal.load;

import io.chimeraforge.bench.RequestTimeline;
import io.chimeraforge.bench.Workload;
import io.chimeraforge.core.result.Aggregate;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.PyNumbers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Scaling figures of closed-loop configurations (several agents, possibly over several server
 * instances).
 *
 * <ul>
 * <li><b>parallel efficiency</b> = aggregate output throughput ÷ (agents × single-agent
 * throughput). Agents are the closed loop's workers ({@code concurrent}; {@code single} is one
 * agent). Single-agent throughput is the {@code output_throughput_tps} of the configuration of
 * the same run that differs only by having one agent (same model, quant, context, options); when
 * the run has none, the user's baseline; with neither the figure is omitted, never guessed.
 * Open-loop ({@code server}) and {@code batch} configurations have no agents and get none.</li>
 * <li><b>contention rate</b> (see {@link #contention}): of the time an instance was serving any
 * request of the configuration, the share it was serving two or more at once, pooled over
 * instances.</li>
 * </ul>
 */
public final class Scaling {

    /** Source label when the baseline comes from the run's own one-agent configuration. */
    public static final String SOURCE_RUN = "run";
    /** Source label when the baseline is the user's {@code baselineTps}. */
    public static final String SOURCE_USER = "baseline_tps";

    private Scaling() {
    }

    /** Time an instance served ≥ 1 and ≥ 2 requests, and its peak in-flight count. */
    public record Occupancy(long busyNanos, long sharedNanos, int maxInFlight) {
        /** {@code sharedNanos / busyNanos}; empty when the instance never served a request. */
        public OptionalDouble rate() {
            return busyNanos > 0 ? OptionalDouble.of((double) sharedNanos / busyNanos) : OptionalDouble.empty();
        }

        Occupancy plus(Occupancy o) {
            return new Occupancy(busyNanos + o.busyNanos, sharedNanos + o.sharedNanos, Math.max(maxInFlight, o.maxInFlight));
        }
    }

    /**
     * Occupancy of one instance from its requests' client-side lifetimes (request handed to the
     * HTTP client → stream end or failure). Measured from the timelines alone, so it needs no
     * uncontended baseline and counts failed requests too (they held a connection and, usually,
     * a server slot). It is exposure to sharing, not slowdown: a server with spare batch slots
     * shows a high rate with no loss of per-request speed — {@code parallel_efficiency} tells
     * the two apart.
     */
    public static Occupancy contention(List<RequestTimeline> timelines) {
        long[] sent = new long[timelines.size()];
        long[] end = new long[timelines.size()];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = timelines.get(i).sentNanos();
            end[i] = Math.max(sent[i], timelines.get(i).endNanos());
        }
        return contention(sent, end);
    }

    /** Occupancy from request lifetimes {@code [sent[i], end[i]]} ({@code end[i] >= sent[i]}). */
    public static Occupancy contention(long[] sent, long[] end) {
        int n = sent.length;
        if (n == 0) {
            return new Occupancy(0, 0, 0);
        }
        // Events encoded in two sorted arrays: ends before starts at the same instant, so
        // back-to-back requests do not overlap.
        long[] starts = sent.clone();
        long[] ends = end.clone();
        java.util.Arrays.sort(starts);
        java.util.Arrays.sort(ends);
        long busy = 0;
        long shared = 0;
        int inFlight = 0;
        int max = 0;
        int si = 0;
        int ei = 0;
        long prev = starts[0];
        while (si < n || ei < n) {
            boolean endNext = ei < n && (si >= n || ends[ei] <= starts[si]);
            long at = endNext ? ends[ei] : starts[si];
            long dt = at - prev;
            if (inFlight >= 1) {
                busy += dt;
            }
            if (inFlight >= 2) {
                shared += dt;
            }
            if (endNext) {
                inFlight--;
                ei++;
            } else {
                inFlight++;
                si++;
            }
            max = Math.max(max, inFlight);
            prev = at;
        }
        return new Occupancy(busy, shared, max);
    }

    /** Occupancy pooled over instances (each instance's requests are overlapped only with each other). */
    public static Occupancy contentionByInstance(List<RequestTimeline> timelines, int instances) {
        Occupancy total = new Occupancy(0, 0, 0);
        for (int i = 0; i < instances; i++) {
            int idx = i;
            total = total.plus(contention(timelines.stream().filter(t -> t.instance() == idx).toList()));
        }
        return total;
    }

    /**
     * Adds {@code agents}, {@code single_agent_tps}, {@code single_agent_tps_source} and
     * {@code parallel_efficiency} to the aggregates of closed-loop results. {@code results.get(i)}
     * is the result of {@code specs.get(i)}; results may be fewer than specs (run in progress).
     * Idempotent: applying it again recomputes the same keys.
     */
    public static List<BenchResult> apply(List<BenchResult> results, List<RunSpec> specs, Workload workload,
            OptionalDouble userBaseline) {
        if (workload != Workload.CONCURRENT && workload != Workload.SINGLE) {
            return results;
        }
        List<BenchResult> out = new ArrayList<>(results);
        for (int i = 0; i < results.size(); i++) {
            RunSpec spec = specs.get(i);
            BenchResult r = results.get(i);
            Map<String, Object> agg = new LinkedHashMap<>(r.aggregate().extra());
            List<String> warnings = new ArrayList<>(r.warnings());
            int agents = spec.concurrency();
            agg.put("agents", agents);
            Optional<Double> own = runBaseline(results, specs, spec);
            OptionalDouble baseline = OptionalDouble.empty();
            agg.remove("single_agent_tps");
            agg.remove("single_agent_tps_source");
            agg.remove("parallel_efficiency");
            if (own.isPresent()) {
                baseline = OptionalDouble.of(own.get());
                agg.put("single_agent_tps", own.get());
                agg.put("single_agent_tps_source", SOURCE_RUN);
                if (userBaseline.isPresent()) {
                    String w = "baseline_tps " + PyNumbers.fixed(userBaseline.getAsDouble(), 2)
                            + " not used: the run's own single-agent configuration measured "
                            + PyNumbers.fixed(own.get(), 2) + " tok/s.";
                    if (!warnings.contains(w)) {
                        warnings.add(w);
                    }
                }
            } else if (userBaseline.isPresent()) {
                baseline = userBaseline;
                agg.put("single_agent_tps", userBaseline.getAsDouble());
                agg.put("single_agent_tps_source", SOURCE_USER);
            }
            Optional<Double> aggregateTps = r.aggregate().number("output_throughput_tps");
            if (baseline.isPresent() && aggregateTps.isPresent() && r.aggregate().count() > 0 && agents > 0) {
                agg.put("parallel_efficiency", aggregateTps.get() / (agents * baseline.getAsDouble()));
            }
            Aggregate a = r.aggregate();
            out.set(i, new BenchResult(r.model(), r.backend(), r.quant(), r.workload(), r.runs(), r.contextLength(),
                    r.individualRuns(), new Aggregate(a.count(), a.throughputTps(), a.ttftMs(), a.totalDurationMs(),
                            a.tokensGenerated(), agg), r.environment(), r.timestamp(), warnings, r.extra()));
        }
        return out;
    }

    /** The one-agent sibling's aggregate output throughput, when it ran and produced tokens. */
    private static Optional<Double> runBaseline(List<BenchResult> results, List<RunSpec> specs, RunSpec spec) {
        RunSpec key = key(spec);
        for (int j = 0; j < results.size(); j++) {
            if (specs.get(j).concurrency() == 1 && key(specs.get(j)).equals(key)
                    && !Boolean.TRUE.equals(results.get(j).extra().get("partial"))) {
                Optional<Double> tps = results.get(j).aggregate().number("output_throughput_tps");
                if (tps.isPresent() && tps.get() > 0) {
                    return tps;
                }
            }
        }
        return Optional.empty();
    }

    private static RunSpec key(RunSpec s) {
        Map<String, Object> sweep = new LinkedHashMap<>(s.sweep());
        sweep.remove("concurrency");
        return new RunSpec(s.model(), s.quant(), s.contextLength(), 1, s.rate(), s.options(), sweep);
    }
}
