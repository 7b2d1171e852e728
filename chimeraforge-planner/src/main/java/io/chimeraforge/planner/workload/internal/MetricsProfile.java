package io.chimeraforge.planner.workload.internal;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.planner.workload.EngineMetrics;
import io.chimeraforge.planner.workload.EngineMetrics.Role;
import io.chimeraforge.planner.workload.ProfileField;
import io.chimeraforge.planner.workload.ProfileKey;
import io.chimeraforge.planner.workload.WorkloadException;
import io.chimeraforge.planner.workload.WorkloadProfile;
import io.chimeraforge.planner.workload.internal.PrometheusText.Sample;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns one Prometheus scrape of a serving engine into a profile (planner-extensions §7.5). A scrape
 * holds totals and distributions, not a rate; means come from histogram sum/count, the variance
 * term is estimated from the end-to-end latency histogram's bucket midpoints.
 */
public final class MetricsProfile {

    private MetricsProfile() {
    }

    /** Sum, count and bucket-estimated CV² of one histogram. */
    record HistogramStats(double sum, double count, double mean, Optional<Double> cv2) {
    }

    /** Assembles the profile from parsed samples of {@code engine}. */
    public static WorkloadProfile assemble(Map<String, List<Sample>> samples, EngineMetrics engine, String source,
            WorkloadProfile.Builder b) {
        if (samples.isEmpty()) {
            throw new WorkloadException("no Prometheus samples parsed from " + source);
        }
        if (samples.keySet().stream().noneMatch(n -> n.startsWith(engine.prefix()))) {
            TreeSet<String> prefixes = new TreeSet<>();
            for (String name : samples.keySet()) {
                int colon = name.indexOf(':');
                if (colon >= 0) {
                    prefixes.add(name.substring(0, colon + 1));
                }
            }
            throw new WorkloadException("no " + engine.prefix() + " metrics in " + source
                    + " -- this does not look like a " + engine.engine() + " endpoint. Prefixes present: "
                    + (prefixes.isEmpty() ? "none" : String.join(", ", prefixes)));
        }
        long sampleCount = 0;
        b.absent(ProfileKey.REQUEST_RATE);
        b.note("a single scrape shows totals and distributions, not a rate: request_rate must still be supplied"
                + " explicitly, or derived from a request log");
        sampleCount = tokens(samples, engine, Role.PROMPT_TOKENS, ProfileKey.PROMPT_TOKENS, b, sampleCount);
        sampleCount = tokens(samples, engine, Role.DECODE_TOKENS, ProfileKey.OUTPUT_TOKENS, b, sampleCount);
        Optional<String> e2e = engine.metric(Role.E2E_LATENCY);
        Optional<HistogramStats> latency = e2e.flatMap(m -> histogram(samples, m));
        if (latency.isPresent()) {
            sampleCount = Math.max(sampleCount, (long) latency.get().count());
        }
        Optional<Double> cv2 = latency.flatMap(HistogramStats::cv2);
        if (cv2.isPresent()) {
            b.field(ProfileKey.WORKLOAD_CV2, new ProfileField(PyNumbers.round(cv2.get(), 4), ProfileField.ESTIMATED,
                    "approximated from " + e2e.get() + " bucket midpoints"));
        } else {
            b.absent(ProfileKey.WORKLOAD_CV2);
        }
        prefixCache(samples, engine, b);
        gauge(samples, engine, Role.RUNNING, ProfileKey.PEAK_CONCURRENCY, b);
        gauge(samples, engine, Role.WAITING, ProfileKey.QUEUE_DEPTH, b);
        return b.sampleCount(sampleCount).build();
    }

    private static long tokens(Map<String, List<Sample>> samples, EngineMetrics engine, Role role, ProfileKey key,
            WorkloadProfile.Builder b, long sampleCount) {
        Optional<String> metric = engine.metric(role);
        Optional<HistogramStats> stats = metric.flatMap(m -> histogram(samples, m));
        if (stats.isEmpty()) {
            b.absent(key);
            b.note(key.id() + ": " + metric.orElse("no metric") + " not exposed by this " + engine.engine() + " build");
            return sampleCount;
        }
        HistogramStats s = stats.get();
        b.field(key, new ProfileField(PyNumbers.round(s.mean(), 2), ProfileField.MEASURED,
                metric.get() + " sum/count over " + PyNumbers.fixed(s.count(), 0) + " requests"));
        return Math.max(sampleCount, (long) s.count());
    }

    private static void prefixCache(Map<String, List<Sample>> samples, EngineMetrics engine, WorkloadProfile.Builder b) {
        Optional<String> hits = engine.metric(Role.PREFIX_CACHE_HITS);
        Optional<String> queries = engine.metric(Role.PREFIX_CACHE_QUERIES);
        Optional<String> rate = engine.metric(Role.CACHE_HIT_RATE);
        if (hits.isPresent() && queries.isPresent() && samples.containsKey(hits.get())) {
            double h = total(samples.get(hits.get()));
            double q = total(samples.getOrDefault(queries.get(), List.of()));
            if (q != 0) {
                b.field(ProfileKey.PREFIX_CACHE_HIT_RATE, new ProfileField(PyNumbers.round(Math.min(h / q, 1.0), 4),
                        ProfileField.MEASURED, hits.get() + " / " + queries.get()));
                return;
            }
        } else if (rate.isPresent() && samples.containsKey(rate.get())) {
            double r = total(samples.get(rate.get()));
            double fraction = r > 1 ? r / 100 : r;
            b.field(ProfileKey.PREFIX_CACHE_HIT_RATE, new ProfileField(PyNumbers.round(Math.min(fraction, 1.0), 4),
                    ProfileField.MEASURED, rate.get()));
            return;
        }
        b.absent(ProfileKey.PREFIX_CACHE_HIT_RATE);
    }

    private static void gauge(Map<String, List<Sample>> samples, EngineMetrics engine, Role role, ProfileKey key,
            WorkloadProfile.Builder b) {
        engine.metric(role).filter(samples::containsKey).ifPresent(m -> b.field(key,
                new ProfileField(total(samples.get(m)), ProfileField.MEASURED, m + " at scrape time (instantaneous)")));
    }

    /** Python's {@code sum()} of the values, in order. */
    private static double total(List<Sample> list) {
        double sum = 0;
        for (Sample s : list) {
            sum += s.value();
        }
        return sum;
    }

    /** Sum/count mean and bucket CV² of histogram {@code base}; empty without sum or count or with count 0. */
    static Optional<HistogramStats> histogram(Map<String, List<Sample>> samples, String base) {
        List<Sample> sums = samples.get(base + "_sum");
        List<Sample> counts = samples.get(base + "_count");
        if (sums == null || counts == null) {
            return Optional.empty();
        }
        double sum = total(sums);
        double count = total(counts);
        if (count == 0) {
            return Optional.empty();
        }
        double mean = sum / count;
        List<double[]> buckets = new ArrayList<>(); // {edge, cumulative count}
        for (Sample s : samples.getOrDefault(base + "_bucket", List.of())) {
            String le = s.labels().get("le");
            if (le == null) {
                continue;
            }
            double edge;
            if (le.equals("+Inf") || le.equals("Inf")) {
                edge = Double.POSITIVE_INFINITY;
            } else {
                java.util.OptionalDouble parsed = io.chimeraforge.core.PyFloat.parse(le);
                if (parsed.isEmpty()) {
                    continue;
                }
                edge = parsed.getAsDouble();
            }
            buckets.add(new double[] {edge, s.value()});
        }
        Optional<Double> cv2 = Optional.empty();
        if (buckets.size() >= 2 && mean > 0) {
            buckets.sort(Comparator.comparingDouble(x -> x[0])); // stable, as Python's sort
            double prevEdge = 0;
            double prevCum = 0;
            double squares = 0;
            for (double[] bucket : buckets) {
                double edge = bucket[0];
                double n = bucket[1] - prevCum;
                if (n > 0) {
                    double mid = Double.isInfinite(edge) ? prevEdge : (prevEdge + edge) / 2;
                    squares += n * (mid * mid); // Python: n * mid ** 2
                }
                if (!Double.isInfinite(edge)) {
                    prevEdge = edge;
                }
                prevCum = bucket[1];
            }
            double variance = squares / count - mean * mean;
            if (variance > 0) {
                cv2 = Optional.of(variance / (mean * mean));
            }
        }
        return Optional.of(new HistogramStats(sum, count, mean, cv2));
    }
}
