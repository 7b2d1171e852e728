package io.chimeraforge.planner.fleet;

import io.chimeraforge.planner.CandidateProvenance;
import java.util.Objects;

/**
 * What one GPU of a type sustains on its own: the highest request rate at which the plan still
 * finds a single-GPU configuration (a lower bound found by bisection), and that configuration.
 *
 * @param gpu                the catalog name
 * @param ratePerGpu         requests per second one GPU sustains
 * @param costPerGpuMonthUsd one GPU's monthly cost in that configuration
 * @param quant              the configuration's quantization
 * @param backend            its serving backend
 * @param quality            its quality score
 * @param vramGbPerGpu       its VRAM per GPU
 * @param throughputTpsPerGpu its single-stream decode rate
 * @param p95LatencyMs       its p95 latency at that rate
 * @param provenance         how each figure was obtained
 */
public record GpuOption(String gpu, double ratePerGpu, double costPerGpuMonthUsd, String quant, String backend,
        double quality, double vramGbPerGpu, double throughputTpsPerGpu, double p95LatencyMs,
        CandidateProvenance provenance) {

    /** Checks the texts. */
    public GpuOption {
        Objects.requireNonNull(gpu, "gpu");
        Objects.requireNonNull(quant, "quant");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(provenance, "provenance");
    }

    /** Monthly cost per request per second; infinite when the rate is not positive. */
    public double costPerRate() {
        return ratePerGpu > 0 ? costPerGpuMonthUsd / ratePerGpu : Double.POSITIVE_INFINITY;
    }
}
