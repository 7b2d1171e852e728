package io.chimeraforge.report;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.IndividualRun;
import io.chimeraforge.report.internal.Comparability;
import io.chimeraforge.report.internal.ComparisonJson;
import io.chimeraforge.report.internal.PyIntLiteral;
import io.chimeraforge.report.internal.Welch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Two sets of bench results compared configuration by configuration: for every configuration
 * (model, backend, quant, workload, context length) present in both the baseline and the
 * candidate pool, one {@link ComparisonRow} of means and percent changes, in the baseline's
 * first-seen order. Of several results with the same configuration on one side, the first counts.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(BenchResultFiles.read(before), BenchResultFiles.read(after));
 * c.rows().forEach(r -> log.info("{}: {}%", r.key(), r.deltaThroughputPct()));
 * }</pre>
 *
 * <p>{@link Compat#REFERENCE} reproduces chimeraforge v0.30.0: row fields re-parsed from the key
 * (so a {@code |} in a model name fails with the reference's message), TTFT deltas computed
 * even on the −1 "not measured" sentinel. The default ({@link Compat#CORRECTED}) keeps the
 * fields from the results, leaves the TTFT delta empty when either side did not measure TTFT and
 * counts the configurations found on one side only. With per-request data ({@code individual_runs},
 * two or more a side) each delta gets a Welch t interval, and a change is called an improvement or
 * regression only when the interval excludes 0 and the change exceeds the noise band
 * ({@link CompareOptions#thresholdPct()}); each row also says why its two sides may not be comparable.
 */
public final class Comparison {

    private final CompareOptions options;
    private final List<ComparisonRow> rows;
    private final int unmatchedBaseline;
    private final int unmatchedCandidate;

    private Comparison(CompareOptions options, List<ComparisonRow> rows, int unmatchedBaseline,
            int unmatchedCandidate) {
        this.options = options;
        this.rows = List.copyOf(rows);
        this.unmatchedBaseline = unmatchedBaseline;
        this.unmatchedCandidate = unmatchedCandidate;
    }

    /** The default-mode comparison of a baseline with a pool of candidate results. */
    public static Comparison of(List<BenchResult> baseline, List<BenchResult> candidates) {
        return of(baseline, candidates, CompareOptions.defaults());
    }

    /** The comparison in the given mode with the default confidence (0.95) and no noise band. */
    public static Comparison of(List<BenchResult> baseline, List<BenchResult> candidates, Compat compat) {
        return of(baseline, candidates, CompareOptions.defaults().withCompat(Objects.requireNonNull(compat, "compat")));
    }

    /**
     * The comparison of a baseline with a pool of candidate results (several candidate files are
     * concatenated into one pool by the caller).
     *
     * @throws ComparisonException in {@link Compat#REFERENCE} mode, when a matched key cannot be
     *                             split back into its fields (a {@code |} in a name)
     */
    public static Comparison of(List<BenchResult> baseline, List<BenchResult> candidates, CompareOptions options) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(options, "options");
        Map<ConfigKey, BenchResult> base = firstPerKey(baseline);
        Map<ConfigKey, BenchResult> cand = firstPerKey(candidates);
        List<ComparisonRow> rows = new ArrayList<>();
        for (Map.Entry<ConfigKey, BenchResult> entry : base.entrySet()) {
            BenchResult other = cand.get(entry.getKey());
            if (other != null) {
                rows.add(row(entry.getKey(), entry.getValue(), other, options));
            }
        }
        return new Comparison(options, rows, base.size() - rows.size(), cand.size() - rows.size());
    }

    /** The mode the rows were computed in. */
    public Compat compat() {
        return options.compat();
    }

    /** The options the rows were computed with. */
    public CompareOptions options() {
        return options;
    }

    /** Rows in which any metric got significantly worse (what a CI gate fails on). */
    public List<ComparisonRow> regressedRows() {
        return rows.stream().filter(ComparisonRow::regressed).toList();
    }

    /** One row per configuration on both sides, in the baseline's order. */
    public List<ComparisonRow> rows() {
        return rows;
    }

    /** Distinct baseline configurations with no candidate (not shown in the rows). */
    public int unmatchedBaseline() {
        return unmatchedBaseline;
    }

    /** Distinct candidate configurations with no baseline (not shown in the rows). */
    public int unmatchedCandidate() {
        return unmatchedCandidate;
    }

    /** Arithmetic mean of the rows' throughput deltas, percent; 0 without rows. */
    public double averageThroughputDeltaPct() {
        return rows.stream().mapToDouble(ComparisonRow::deltaThroughputPct).average().orElse(0.0);
    }

    /** Arithmetic mean of the rows' duration deltas, percent; 0 without rows. */
    public double averageDurationDeltaPct() {
        return rows.stream().mapToDouble(ComparisonRow::deltaDurationPct).average().orElse(0.0);
    }

    /** Rows whose throughput improved (reference mode: any increase). */
    public long improvements() {
        return rows.stream().filter(r -> r.throughput().verdict() == Verdict.IMPROVED).count();
    }

    /** Rows whose throughput regressed (reference mode: any decrease). */
    public long regressions() {
        return rows.stream().filter(r -> r.throughput().verdict() == Verdict.REGRESSED).count();
    }

    /**
     * The comparison as one JSON document, indented as Python's {@code json.dumps(indent=2)}:
     * in {@link Compat#REFERENCE} mode the reference's array of rows; otherwise an object with
     * {@code rows} (the TTFT delta {@code null} when not measured), {@code summary} and the
     * unmatched counts.
     */
    public String toJson() {
        return ComparisonJson.write(this);
    }

    // ---------------------------------------------------------------- matching

    /** A configuration's identity, with the reference's defaults for absent values. */
    private record ConfigKey(String model, String backend, String quant, String workload, int contextLength) {

        static ConfigKey of(BenchResult r) {
            String quant = r.quant().filter(q -> !q.isEmpty()).orElse("default");
            String workload = r.workload().isEmpty() ? "single" : r.workload();
            int context = r.contextLength() == 0 ? 2048 : r.contextLength();
            return new ConfigKey(r.model(), r.backend(), quant, workload, context);
        }

        String text() {
            return model + "|" + backend + "|" + quant + "|" + workload + "|" + contextLength;
        }
    }

    private static Map<ConfigKey, BenchResult> firstPerKey(List<BenchResult> results) {
        Map<ConfigKey, BenchResult> first = new LinkedHashMap<>();
        for (BenchResult r : results) {
            first.putIfAbsent(ConfigKey.of(r), r);
        }
        return first;
    }

    private static ComparisonRow row(ConfigKey key, BenchResult base, BenchResult cand, CompareOptions options) {
        Compat compat = options.compat();
        String text = key.text();
        String model = key.model();
        String backend = key.backend();
        String quant = key.quant();
        String workload = key.workload();
        int context = key.contextLength();
        if (compat == Compat.REFERENCE) {
            // the reference splits its key string back into fields
            String[] parts = text.split("\\|", -1);
            model = parts[0];
            backend = parts[1];
            quant = parts[2];
            workload = parts[3];
            context = PyIntLiteral.parse(parts[4]).orElseThrow(() ->
                    new ComparisonException("invalid literal for int() with base 10: " + PyIntLiteral.repr(parts[4])));
        }
        double bTps = base.aggregate().throughputTps().mean();
        double bTtft = base.aggregate().ttftMs().mean();
        double bDur = base.aggregate().totalDurationMs().mean();
        double cTps = cand.aggregate().throughputTps().mean();
        double cTtft = cand.aggregate().ttftMs().mean();
        double cDur = cand.aggregate().totalDurationMs().mean();
        boolean ttftMeasured = compat == Compat.REFERENCE || (bTtft >= 0 && cTtft >= 0);
        boolean reference = compat == Compat.REFERENCE;
        MetricChange throughput = change(bTps, cTps, true, base, cand, IndividualRun::throughputTps, options);
        MetricChange ttft = ttftMeasured
                ? change(bTtft, cTtft, false, base, cand, IndividualRun::ttftMs, options)
                : new MetricChange(0.0, Optional.empty(), Verdict.NOT_MEASURED);
        MetricChange duration = change(bDur, cDur, false, base, cand, IndividualRun::totalDurationMs, options);
        return new ComparisonRow(text, model, backend, quant, workload, context,
                bTps, bTtft, bDur, base.aggregate().count(), cTps, cTtft, cDur, cand.aggregate().count(),
                throughput.deltaPct(), ttftMeasured ? OptionalDouble.of(ttft.deltaPct()) : OptionalDouble.empty(),
                duration.deltaPct(), throughput, ttft, duration,
                reference ? List.of() : Comparability.warnings(base, cand));
    }

    /**
     * One metric's change. Reference mode: the sign alone decides. Otherwise the change must
     * exceed the noise band and, when both sides have per-request values, its interval must
     * exclude 0. Negative per-request values (the "not measured" sentinel) are left out.
     */
    private static MetricChange change(double baseMean, double candMean, boolean higherIsBetter, BenchResult base,
            BenchResult cand, ToDoubleFunction<IndividualRun> metric, CompareOptions options) {
        double delta = pct(baseMean, candMean);
        if (options.compat() == Compat.REFERENCE) {
            return new MetricChange(delta, Optional.empty(), direction(delta, higherIsBetter));
        }
        Optional<MetricChange.Interval> interval = baseMean == 0 ? Optional.empty()
                : Welch.differenceOfMeans(values(base, metric), values(cand, metric), options.confidence())
                        .map(d -> new MetricChange.Interval(d[0] / baseMean * 100, d[1] / baseMean * 100));
        boolean called = Math.abs(delta) > options.thresholdPct()
                && interval.map(MetricChange.Interval::excludesZero).orElse(true);
        return new MetricChange(delta, interval, called ? direction(delta, higherIsBetter) : Verdict.UNCHANGED);
    }

    private static Verdict direction(double delta, boolean higherIsBetter) {
        if (delta == 0) {
            return Verdict.UNCHANGED;
        }
        return (delta > 0) == higherIsBetter ? Verdict.IMPROVED : Verdict.REGRESSED;
    }

    private static double[] values(BenchResult r, ToDoubleFunction<IndividualRun> metric) {
        return r.individualRuns().stream().mapToDouble(metric).filter(v -> v >= 0).toArray();
    }

    /** Percent change from {@code base}, 0 when the base is 0 (as the reference). */
    private static double pct(double base, double candidate) {
        return base == 0 ? 0.0 : (candidate - base) / base * 100;
    }
}
