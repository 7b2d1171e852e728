package io.chimeraforge.report;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.report.internal.ComparisonJson;
import io.chimeraforge.report.internal.PyIntLiteral;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

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
 * counts the configurations found on one side only.
 */
public final class Comparison {

    private final Compat compat;
    private final List<ComparisonRow> rows;
    private final int unmatchedBaseline;
    private final int unmatchedCandidate;

    private Comparison(Compat compat, List<ComparisonRow> rows, int unmatchedBaseline, int unmatchedCandidate) {
        this.compat = compat;
        this.rows = List.copyOf(rows);
        this.unmatchedBaseline = unmatchedBaseline;
        this.unmatchedCandidate = unmatchedCandidate;
    }

    /** The default-mode comparison of a baseline with a pool of candidate results. */
    public static Comparison of(List<BenchResult> baseline, List<BenchResult> candidates) {
        return of(baseline, candidates, Compat.defaults());
    }

    /**
     * The comparison of a baseline with a pool of candidate results (several candidate files are
     * concatenated into one pool by the caller).
     *
     * @throws ComparisonException in {@link Compat#REFERENCE} mode, when a matched key cannot be
     *                             split back into its fields (a {@code |} in a name)
     */
    public static Comparison of(List<BenchResult> baseline, List<BenchResult> candidates, Compat compat) {
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(compat, "compat");
        Map<ConfigKey, BenchResult> base = firstPerKey(baseline);
        Map<ConfigKey, BenchResult> cand = firstPerKey(candidates);
        List<ComparisonRow> rows = new ArrayList<>();
        for (Map.Entry<ConfigKey, BenchResult> entry : base.entrySet()) {
            BenchResult other = cand.get(entry.getKey());
            if (other != null) {
                rows.add(row(entry.getKey(), entry.getValue(), other, compat));
            }
        }
        return new Comparison(compat, rows, base.size() - rows.size(), cand.size() - rows.size());
    }

    /** The mode the rows were computed in. */
    public Compat compat() {
        return compat;
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

    /** Rows whose throughput went up. */
    public long improvements() {
        return rows.stream().filter(r -> r.deltaThroughputPct() > 0).count();
    }

    /** Rows whose throughput went down. */
    public long regressions() {
        return rows.stream().filter(r -> r.deltaThroughputPct() < 0).count();
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

    private static ComparisonRow row(ConfigKey key, BenchResult base, BenchResult cand, Compat compat) {
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
        return new ComparisonRow(text, model, backend, quant, workload, context,
                bTps, bTtft, bDur, base.aggregate().count(), cTps, cTtft, cDur, cand.aggregate().count(),
                pct(bTps, cTps), ttftMeasured ? OptionalDouble.of(pct(bTtft, cTtft)) : OptionalDouble.empty(),
                pct(bDur, cDur));
    }

    /** Percent change from {@code base}, 0 when the base is 0 (as the reference). */
    private static double pct(double base, double candidate) {
        return base == 0 ? 0.0 : (candidate - base) / base * 100;
    }
}
