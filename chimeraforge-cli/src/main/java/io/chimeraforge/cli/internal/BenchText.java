package io.chimeraforge.cli.internal;

import io.chimeraforge.bench.ErrorKind;
import io.chimeraforge.bench.RequestCounts;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.StatSummary;
import io.chimeraforge.core.PyNumbers;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code bench} command's text report: per configuration, the reference's table title, rows
 * (Throughput, TTFT, Total Duration; Mean/P50/P95/P99 to 1 decimal, StdDev to 2) and footer,
 * then the streaming metrics the reference cannot measure.
 */
public final class BenchText {

    private static final String ROW = "%-22s %10s %10s %10s %10s %10s%n";

    private BenchText() {
    }

    /** Prints one table per result. */
    public static void print(PrintStream out, List<BenchResult> results) {
        for (int i = 0; i < results.size(); i++) {
            if (i > 0) {
                out.println();
            }
            print(out, results.get(i));
        }
    }

    private static void print(PrintStream out, BenchResult r) {
        out.println(r.model() + " | " + r.backend() + " | " + r.quant().orElse("default") + " | ctx=" + r.contextLength());
        out.printf(ROW, "Metric", "Mean", "P50", "P95", "P99", "StdDev");
        row(out, "Throughput (tok/s)", r.aggregate().throughputTps());
        row(out, "TTFT (ms)", r.aggregate().ttftMs());
        row(out, "Total Duration (ms)", r.aggregate().totalDurationMs());
        // Added rows only when they summarise at least one value.
        optionalRow(out, "TPOT (ms)", r.aggregate().summary("tpot_ms"));
        optionalRow(out, "ITL per token (ms)", r.aggregate().summary("itl_token_ms"));
        optionalRow(out, "E2E latency (ms)", r.aggregate().summary("e2e_ms"));
        optionalRow(out, "Queue wait (ms)", r.aggregate().summary("queue_ms"));
        out.println("Runs: " + r.aggregate().count() + " | Total tokens: " + r.aggregate().tokensGenerated()
                + " | Workload: " + r.workload());
        Optional<Double> attempted = r.aggregate().number("attempted");
        if (attempted.isPresent()) {
            out.println("Requests: " + attempted.get().longValue() + " attempted, " + r.aggregate().count() + " completed, "
                    + r.aggregate().number("failed").orElse(0.0).longValue() + " failed, "
                    + r.aggregate().number("cancelled").orElse(0.0).longValue() + " cancelled");
        }
        StringBuilder system = new StringBuilder();
        r.aggregate().number("output_throughput_tps")
                .ifPresent(v -> system.append("Output throughput: ").append(PyNumbers.fixed(v, 1)).append(" tok/s"));
        r.aggregate().number("request_throughput_rps")
                .ifPresent(v -> system.append(" | Requests: ").append(PyNumbers.fixed(v, 2)).append("/s"));
        r.aggregate().number("goodput_rps")
                .ifPresent(v -> system.append(" | Goodput: ").append(PyNumbers.fixed(v, 2)).append("/s"));
        r.aggregate().number("slo_attainment")
                .ifPresent(v -> system.append(" (SLO attainment ").append(PyNumbers.percent(v, 1)).append(')'));
        if (system.length() > 0) {
            out.println(system);
        }
        StringBuilder scaling = new StringBuilder();
        r.aggregate().number("parallel_efficiency").filter(v -> r.aggregate().number("agents").orElse(0.0) > 1).ifPresent(v -> scaling.append("Parallel efficiency: ")
                .append(PyNumbers.fixed(v, 2)).append(" (").append(r.aggregate().number("agents").map(a -> a.intValue())
                        .orElse(0)).append(" agents, single agent ")
                .append(PyNumbers.fixed(r.aggregate().number("single_agent_tps").orElse(0.0), 1)).append(" tok/s)"));
        r.aggregate().number("contention_rate").filter(v -> r.aggregate().number("agents").orElse(0.0) > 1
                || r.aggregate().number("max_in_flight_per_instance").orElse(0.0) > 1)
                .ifPresent(v -> scaling.append(scaling.length() > 0 ? " | " : "").append("Contention: ")
                        .append(PyNumbers.percent(v, 1)).append(" of instance busy time shared"));
        if (scaling.length() > 0) {
            out.println(scaling);
        }
        for (String w : r.warnings()) {
            out.println("Warning: " + w);
        }
    }

    /**
     * The stderr line for a run in which requests failed, e.g.
     * {@code Warning: 3 of 40 requests failed (transport: 2, stream_truncated: 1); results cover the 37 that completed.};
     * empty when none failed.
     */
    public static Optional<String> failureLine(RequestCounts counts) {
        if (counts.failed() == 0) {
            return Optional.empty();
        }
        StringBuilder kinds = new StringBuilder();
        counts.byKind().forEach((kind, n) -> {
            if (kind != ErrorKind.CANCELLED) {
                kinds.append(kinds.length() > 0 ? ", " : "").append(kind.name().toLowerCase(Locale.ROOT)).append(": ").append(n);
            }
        });
        return Optional.of("Warning: " + counts.failed() + " of " + counts.attempted() + " requests failed (" + kinds
                + "); results cover the " + counts.completed() + " that completed."
                + (counts.cancelled() > 0 ? " " + counts.cancelled() + " more were cancelled." : ""));
    }

    private static void optionalRow(PrintStream out, String name, Optional<StatSummary> summary) {
        if (summary.isPresent() && summary.get().count() > 0) {
            row(out, name, summary.get());
        }
    }

    private static void row(PrintStream out, String name, StatSummary s) {
        out.printf(ROW, name, PyNumbers.fixed(s.mean(), 1), PyNumbers.fixed(s.p50(), 1), PyNumbers.fixed(s.p95(), 1),
                PyNumbers.fixed(s.p99(), 1), PyNumbers.fixed(s.stddev(), 2));
    }
}
