package io.chimeraforge.report;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A capacity planner's prediction for one bench configuration, shown next to the measurement in
 * the HTML report's "predicted vs measured" section. The report does not depend on the planner:
 * the caller computes predictions and passes them through
 * {@link Report.Builder#predictions(java.util.function.Function)}.
 *
 * <p>The measurements they are held against: throughput = the mean per-request throughput
 * ({@code aggregate.throughput_tps.mean}), TTFT = the mean measured time to first token (−1 "not
 * measured" values left out), p95 = the 95th percentile of the per-request total duration.
 *
 * @param throughputTps predicted single-stream decode rate, tok/s
 * @param ttftMs        predicted time to first token, ms
 * @param p95Ms         predicted p95 end-to-end latency, ms
 * @param basis         what the prediction is for or, when nothing was predicted, why not
 *                      (e.g. {@code "RTX 4090 24GB · vllm FP16 · 1 replica"}); shown escaped
 */
public record Prediction(OptionalDouble throughputTps, OptionalDouble ttftMs, OptionalDouble p95Ms, String basis) {

    /**
     * @throws NullPointerException     when an argument is null
     * @throws IllegalArgumentException when a present value is negative or not finite
     */
    public Prediction {
        Objects.requireNonNull(throughputTps, "throughputTps");
        Objects.requireNonNull(ttftMs, "ttftMs");
        Objects.requireNonNull(p95Ms, "p95Ms");
        Objects.requireNonNull(basis, "basis");
        check("throughputTps", throughputTps);
        check("ttftMs", ttftMs);
        check("p95Ms", p95Ms);
    }

    /** A prediction of all three figures. */
    public static Prediction of(double throughputTps, double ttftMs, double p95Ms, String basis) {
        return new Prediction(OptionalDouble.of(throughputTps), OptionalDouble.of(ttftMs), OptionalDouble.of(p95Ms),
                basis);
    }

    /** No prediction, with the reason shown in the report. */
    public static Prediction unavailable(String reason) {
        return new Prediction(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), reason);
    }

    /** Whether any figure was predicted. */
    public boolean isAvailable() {
        return throughputTps.isPresent() || ttftMs.isPresent() || p95Ms.isPresent();
    }

    private static void check(String name, OptionalDouble value) {
        if (value.isPresent() && !(value.getAsDouble() >= 0 && Double.isFinite(value.getAsDouble()))) {
            throw new IllegalArgumentException(name + " must be a finite value >= 0, got " + value.getAsDouble());
        }
    }
}
