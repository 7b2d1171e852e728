package io.chimeraforge.core.estimate;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.hardware.Gpu;
import java.util.Optional;

/**
 * Latency: prefill time to first token, and end-to-end p95 under Poisson arrivals.
 *
 * <p>The queueing model treats the fleet as one server of aggregate capacity (not M/D/c) and
 * uses the Allen–Cunneen approximation for the mean wait, then a "p95 = service + 3 x mean
 * wait" heuristic. It is a planning estimate, not a tail-latency guarantee.
 */
public final class LatencyModel {

    /** Share of peak FP16 compute prefill achieves. */
    public static final double PREFILL_MFU = 0.4;
    /** p95 values at or above this many ms are reported as infinite. */
    public static final double INFINITE_P95_MS = 1e6;

    private LatencyModel() {
    }

    /**
     * Compute-bound prefill time in ms on one GPU: 2 FLOPs per active parameter per prompt token
     * at {@link #PREFILL_MFU} of peak. 0 when the GPU, parameters or prompt are unknown or zero.
     */
    public static double ttftMs(double activeParamsB, int prefillTokens, Optional<Gpu> gpu) {
        if (gpu.isEmpty()) {
            return 0.0;
        }
        double tflops = gpu.get().fp16Tflops();
        if (tflops <= 0 || activeParamsB <= 0 || prefillTokens <= 0) {
            return 0.0;
        }
        return 2 * activeParamsB * 1e9 * prefillTokens / (tflops * 1e12 * PREFILL_MFU) * 1000;
    }

    /**
     * The queueing estimate for {@code replicas} replicas each serving {@code batch} concurrent
     * sequences at {@code perRequestTps} tokens/s per sequence.
     *
     * @param requestRate      arrivals per second (Poisson)
     * @param decodeTokens     tokens decoded per request
     * @param ttftMs           prefill time per request
     * @param serviceCv2       squared coefficient of variation of service time (0 = deterministic)
     * @param saturationFactor utilisation above which the result is flagged saturated
     */
    public static QueueEstimate p95(double requestRate, int replicas, int batch, long decodeTokens,
                                    double perRequestTps, double ttftMs, double serviceCv2, double saturationFactor) {
        double serviceMs = ttftMs + decodeTokens / perRequestTps * 1000;
        double mu = serviceMs == 0 ? 1e6 : 1000 / serviceMs;
        double capacity = (double) replicas * batch * mu;
        double rho = capacity <= 0 ? 1.0 : requestRate / capacity;
        double p95;
        if (rho < 1) {
            double meanWait = (1 + serviceCv2) / 2 * rho / (capacity * (1 - rho));
            p95 = serviceMs + 3 * meanWait * 1000;
        } else {
            p95 = Double.POSITIVE_INFINITY;
        }
        double reportedP95 = p95 < INFINITE_P95_MS ? PyNumbers.round(p95, 1) : Double.POSITIVE_INFINITY;
        return new QueueEstimate(PyNumbers.round(serviceMs, 1), rho, rho > saturationFactor, reportedP95,
                capacity);
    }

    /**
     * Result of {@link #p95}.
     *
     * @param serviceMs       mean service time, rounded to 0.1 ms
     * @param utilisation     offered load over capacity (unrounded)
     * @param saturated       utilisation above the saturation factor (advisory)
     * @param p95Ms           p95 estimate rounded to 0.1 ms, +infinity when unstable or huge
     * @param capacityRps     aggregate service capacity in requests/s
     */
    public record QueueEstimate(double serviceMs, double utilisation, boolean saturated, double p95Ms,
                                double capacityRps) {
    }
}
