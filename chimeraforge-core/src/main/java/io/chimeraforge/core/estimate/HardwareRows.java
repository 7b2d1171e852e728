package io.chimeraforge.core.estimate;

import io.chimeraforge.core.hardware.Gpu;

/**
 * The single-stream rates measured for one {@code model|backend|quant} on GPUs other than the
 * reference GPU (the corpus's {@code throughput.hardware_lookup}), in GPU-name order. Immutable.
 *
 * <p>The accessors are index-based so the planner's search can consult them per candidate without
 * allocating: {@link #measuredOn(Gpu)} finds the row measured on the GPU being planned,
 * {@link #extrapolationSource(Gpu)} the row to scale from when there is none. Obtain instances
 * from {@link ThroughputModel#hardwareRows(String, String, String)}.
 */
public final class HardwareRows {

    /** No rows: the key was measured on no other GPU (or rows are not in use). */
    public static final HardwareRows NONE = new HardwareRows(new String[0], new double[0], new double[0]);

    private final String[] gpus;
    private final double[] tps;
    private final double[] bandwidthGbps;

    /**
     * @param gpus          GPU names, sorted
     * @param tps           measured tok/s per GPU
     * @param bandwidthGbps the GPU's memory bandwidth from the catalog; NaN when the catalog does
     *                      not hold the GPU (its row then counts on that GPU only, never extrapolated)
     */
    HardwareRows(String[] gpus, double[] tps, double[] bandwidthGbps) {
        this.gpus = gpus;
        this.tps = tps;
        this.bandwidthGbps = bandwidthGbps;
    }

    /** Whether there are no rows. */
    public boolean isEmpty() {
        return gpus.length == 0;
    }

    /** The number of GPUs holding a row. */
    public int size() {
        return gpus.length;
    }

    /** The GPU name of row {@code i} (name order). */
    public String gpu(int i) {
        return gpus[i];
    }

    /** The tok/s measured in row {@code i}. */
    public double tps(int i) {
        return tps[i];
    }

    /** The index of the row measured on this GPU (by exact catalog name), or -1. */
    public int measuredOn(Gpu gpu) {
        String name = gpu.name();
        for (int i = 0; i < gpus.length; i++) {
            if (gpus[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the row to extrapolate from to {@code gpu}: among rows whose GPU the catalog
     * knows, the one with the bandwidth nearest (absolute GB/s) to the target's, the first in name
     * order on ties; -1 when there is none or the target's bandwidth is unknown (0).
     */
    public int extrapolationSource(Gpu gpu) {
        double target = gpu.bandwidthGbps();
        if (!(target > 0)) {
            return -1;
        }
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < gpus.length; i++) {
            double bandwidth = bandwidthGbps[i];
            if (!(bandwidth > 0)) {
                continue;
            }
            double distance = Math.abs(bandwidth - target);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        return best;
    }

    /**
     * The factor that scales row {@code i} to {@code gpu}: the ratio of their memory bandwidths,
     * the same MBU-free rule as {@link PhysicsConstants#bandwidthRatio(Gpu)} (a decode step is
     * bandwidth-bound on both cards, so the utilisation cancels).
     */
    public double bandwidthRatio(int i, Gpu gpu) {
        return gpu.bandwidthGbps() / bandwidthGbps[i];
    }
}
