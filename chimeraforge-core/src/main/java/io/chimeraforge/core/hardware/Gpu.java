package io.chimeraforge.core.hardware;

import java.util.Objects;

/**
 * One GPU type of the hardware catalog.
 *
 * @param name               catalog name, e.g. {@code "RTX 4090 24GB"}
 * @param vramGb             memory in marketing GB
 * @param bandwidthGbps      memory bandwidth in GB/s
 * @param costPerHourUsd     approximate on-demand $/hr (datacenter) or amortised card cost (consumer)
 * @param fp16Tflops         dense FP16 tensor TFLOPS with FP32 accumulate
 * @param tdpWatts           board power
 * @param interconnectGbps   per-GPU tensor-parallel link (NVLink, Infinity Fabric, else PCIe)
 * @param fp8Supported       whether the GPU has FP8 tensor cores
 */
public record Gpu(
        String name,
        double vramGb,
        double bandwidthGbps,
        double costPerHourUsd,
        double fp16Tflops,
        double tdpWatts,
        double interconnectGbps,
        boolean fp8Supported) {

    public Gpu {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        requireNonNegative("vramGb", vramGb);
        requireNonNegative("bandwidthGbps", bandwidthGbps);
        requireNonNegative("costPerHourUsd", costPerHourUsd);
        requireNonNegative("fp16Tflops", fp16Tflops);
        requireNonNegative("tdpWatts", tdpWatts);
        requireNonNegative("interconnectGbps", interconnectGbps);
    }

    private static void requireNonNegative(String parameter, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    parameter + " must be a finite number >= 0, got " + value);
        }
    }

    /** Monthly cost of one GPU at 720 hours a month. */
    public double costPerMonthUsd() {
        return costPerHourUsd * 720;
    }
}
