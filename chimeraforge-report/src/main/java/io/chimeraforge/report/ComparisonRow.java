package io.chimeraforge.report;

import java.util.List;
import java.util.OptionalDouble;

/**
 * One configuration present on both sides of a {@link Comparison}: the baseline's and the
 * candidate's means and the relative change of each, in percent of the baseline.
 *
 * @param key                  the matching key {@code model|backend|quant|workload|context_length}
 * @param model                model name
 * @param backend              backend name
 * @param quant                quantization label, {@code default} when the result has none
 * @param workload             workload name, {@code single} when the result has none
 * @param contextLength        context length, 2048 when the result has none
 * @param baselineThroughput   baseline mean throughput, tokens/s
 * @param baselineTtft         baseline mean time to first token, ms (negative: not measured)
 * @param baselineDuration     baseline mean total duration, ms
 * @param baselineRuns         baseline successful requests ({@code aggregate.count})
 * @param candidateThroughput  candidate mean throughput, tokens/s
 * @param candidateTtft        candidate mean time to first token, ms (negative: not measured)
 * @param candidateDuration    candidate mean total duration, ms
 * @param candidateRuns        candidate successful requests
 * @param deltaThroughputPct   (candidate − baseline) / baseline × 100, 0 when the baseline is 0
 * @param deltaTtftPct         the same for TTFT; empty when either side did not measure TTFT
 *                             (never empty in {@link io.chimeraforge.core.Compat#REFERENCE} mode)
 * @param deltaDurationPct     the same for total duration
 * @param throughput           throughput change with its interval and verdict (higher is better)
 * @param ttft                 TTFT change with its interval and verdict (lower is better)
 * @param duration             duration change with its interval and verdict (lower is better)
 * @param warnings             why the two sides may not be comparable (output length, load model,
 *                             token source differ); empty in reference mode
 */
public record ComparisonRow(String key, String model, String backend, String quant, String workload,
        int contextLength, double baselineThroughput, double baselineTtft, double baselineDuration, int baselineRuns,
        double candidateThroughput, double candidateTtft, double candidateDuration, int candidateRuns,
        double deltaThroughputPct, OptionalDouble deltaTtftPct, double deltaDurationPct,
        MetricChange throughput, MetricChange ttft, MetricChange duration, List<String> warnings) {

    /** Rejects nulls and copies the warnings. */
    public ComparisonRow {
        if (key == null || model == null || backend == null || quant == null || workload == null
                || deltaTtftPct == null || throughput == null || ttft == null || duration == null || warnings == null) {
            throw new IllegalArgumentException("comparison row fields must not be null");
        }
        warnings = List.copyOf(warnings);
    }

    /** Whether any metric of this configuration got significantly worse. */
    public boolean regressed() {
        return throughput.verdict() == Verdict.REGRESSED || ttft.verdict() == Verdict.REGRESSED
                || duration.verdict() == Verdict.REGRESSED;
    }
}
