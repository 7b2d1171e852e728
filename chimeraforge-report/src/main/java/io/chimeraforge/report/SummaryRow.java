package io.chimeraforge.report;

/**
 * One row of a report's summary table (the reference's {@code summarize_bench_results}): missing
 * names default to {@code unknown}, a missing quant to {@code default}, missing numbers to 0.
 *
 * @param model          model name
 * @param backend        backend name
 * @param quant          quantization label or {@code default}
 * @param workload       workload name
 * @param contextLength  context length (0 when not recorded)
 * @param throughputMean mean throughput, tok/s
 * @param throughputP95  95th percentile throughput, tok/s
 * @param ttftMean       mean time to first token, ms
 * @param durationMean   mean request duration, ms
 * @param durationP95    95th percentile request duration, ms
 * @param runs           runs recorded (0 when not recorded)
 */
public record SummaryRow(String model, String backend, String quant, String workload, int contextLength,
        double throughputMean, double throughputP95, double ttftMean, double durationMean, double durationP95,
        int runs) {
}
