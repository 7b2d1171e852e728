package io.chimeraforge.cli.internal;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.report.Comparison;
import io.chimeraforge.report.ComparisonRow;
import io.chimeraforge.report.MetricChange;
import io.chimeraforge.report.Verdict;
import java.io.PrintStream;
import java.util.OptionalDouble;

/** The human form of {@code compare}: a table of the rows, then the summary. */
public final class CompareText {

    private static final String ROW = "%-36s %10s %10s %8s %10s %10s %8s %10s %10s %8s%n";

    private CompareText() {
    }

    /** Prints the table and the summary (or the reference's messages when nothing matched). */
    public static void print(PrintStream out, Comparison c) {
        if (c.rows().isEmpty()) {
            out.println("No matching configurations found.");
        } else {
            out.printf(ROW, "Config", "Base tok/s", "Cand tok/s", "delta", "Base TTFT", "Cand TTFT", "delta",
                    "Base Dur", "Cand Dur", "delta");
            for (ComparisonRow r : c.rows()) {
                out.printf(ROW, r.model() + "|" + r.quant(), one(r.baselineThroughput()), one(r.candidateThroughput()),
                        delta(OptionalDouble.of(r.deltaThroughputPct())), one(r.baselineTtft()),
                        one(r.candidateTtft()), delta(r.deltaTtftPct()), one(r.baselineDuration()),
                        one(r.candidateDuration()), delta(OptionalDouble.of(r.deltaDurationPct())));
            }
        }
        out.println();
        if (c.rows().isEmpty()) {
            out.println("No matching configurations to summarise.");
        } else {
            out.println("Configs compared: " + c.rows().size());
            out.println("Avg throughput delta: " + delta(OptionalDouble.of(c.averageThroughputDeltaPct())));
            out.println("Avg duration delta: " + delta(OptionalDouble.of(c.averageDurationDeltaPct())));
            out.println("Improvements: " + c.improvements());
            out.println("Regressions: " + c.regressions());
        }
        if (c.compat() != Compat.REFERENCE) {
            printVerdicts(out, c);
        }
        if (c.compat() != Compat.REFERENCE && (c.unmatchedBaseline() > 0 || c.unmatchedCandidate() > 0)) {
            out.println("Not compared: " + c.unmatchedBaseline() + " baseline and " + c.unmatchedCandidate()
                    + " candidate configuration(s) have no counterpart.");
        }
    }

    /** Significant changes with their intervals, and the comparability warnings. */
    private static void printVerdicts(PrintStream out, Comparison c) {
        for (ComparisonRow r : c.rows()) {
            for (var named : java.util.List.of(java.util.Map.entry("throughput", r.throughput()),
                    java.util.Map.entry("TTFT", r.ttft()), java.util.Map.entry("duration", r.duration()))) {
                MetricChange m = named.getValue();
                if (m.verdict() == Verdict.IMPROVED || m.verdict() == Verdict.REGRESSED) {
                    out.println((m.verdict() == Verdict.REGRESSED ? "Regression: " : "Improvement: ") + r.key() + " "
                            + named.getKey() + " " + delta(OptionalDouble.of(m.deltaPct()))
                            + m.interval().map(i -> " (" + PyNumbers.fixed(100 * c.options().confidence(), 0)
                                    + "% CI " + delta(OptionalDouble.of(i.lowPct())) + " .. "
                                    + delta(OptionalDouble.of(i.highPct())) + ")").orElse(" (no per-request data)"));
                }
            }
            r.warnings().forEach(w -> out.println("Warning: " + r.key() + ": " + w));
        }
    }

    private static String one(double value) {
        return PyNumbers.fixed(value, 1);
    }

    /** {@code +25.0%} / {@code -20.0%}, {@code +0.0%} for 0; {@code n/a} when not measured. */
    private static String delta(OptionalDouble pct) {
        if (pct.isEmpty()) {
            return "n/a";
        }
        double v = pct.getAsDouble() + 0.0; // -0.0 prints as +0.0%, as the reference
        return (v >= 0 ? "+" : "") + PyNumbers.fixed(v, 1) + "%";
    }
}
