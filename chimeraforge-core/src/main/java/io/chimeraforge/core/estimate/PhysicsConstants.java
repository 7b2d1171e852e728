package io.chimeraforge.core.estimate;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.hardware.Gpu;
import java.util.Objects;

/**
 * The constants and named rules in which upstream's corrected planner differs from v0.30.0: one
 * engine reads them instead of fixed constants, so the two behaviours are data, not two engines.
 *
 * <p>The figures are the literal values of each version (not derived from one another), because
 * the reference card is not invariant between them: 0.65 x 556 = 361.4 but 0.84 x 432 = 362.88.
 *
 * @param compat                        the behaviour these constants reproduce
 * @param referenceBandwidthGbps        bandwidth of the GPU the corpus was measured on, the base of
 *                                      every bandwidth extrapolation (432 corrected, 556 v0.30.0)
 * @param mbu                           memory-bandwidth utilisation a decode step achieves
 *                                      (0.84 corrected, 0.65 v0.30.0)
 * @param weightCapacityUnit            factor applied to decimal-GB weights where they are compared
 *                                      with GPU capacity (VRAM gate, free memory, offload share):
 *                                      {@link #GB_TO_GIB} corrected, 1.0 (no conversion) v0.30.0
 * @param contextGuardAlways            whether a prompt plus decode longer than the context window
 *                                      warns whatever the request (v0.30.0: only with hidden reasoning)
 * @param approximatedAliasesDowngraded whether a model approximated to a registry stand-in loses the
 *                                      stand-in's "measured" quality and safety labels
 */
public record PhysicsConstants(Compat compat, double referenceBandwidthGbps, double mbu,
                               double weightCapacityUnit, boolean contextGuardAlways,
                               boolean approximatedAliasesDowngraded) {

    /** Decimal gigabytes to GiB: 1e9 / 1024^3. */
    public static final double GB_TO_GIB = 0.9313225746154785;
    /**
     * Bandwidth assumed for a GPU the catalog does not know, GB/s: v0.30.0's reference-rig figure,
     * kept in both behaviours (as upstream does).
     */
    public static final double UNKNOWN_GPU_BANDWIDTH_GBPS = 556.0;

    private static final PhysicsConstants CORRECTED =
            new PhysicsConstants(Compat.CORRECTED, 432.0, 0.84, GB_TO_GIB, true, true);
    private static final PhysicsConstants REFERENCE =
            new PhysicsConstants(Compat.REFERENCE, 556.0, 0.65, 1.0, false, false);

    /** Validates the figures: a positive reference bandwidth and weight unit, an MBU in (0, 1]. */
    public PhysicsConstants {
        Objects.requireNonNull(compat, "compat");
        if (!(referenceBandwidthGbps > 0) || !(mbu > 0 && mbu <= 1) || !(weightCapacityUnit > 0)) {
            throw new IllegalArgumentException("reference bandwidth, MBU (0, 1] and weight unit must be positive");
        }
    }

    /** The constants of a behaviour. */
    public static PhysicsConstants of(Compat compat) {
        return Objects.requireNonNull(compat, "compat") == Compat.REFERENCE ? REFERENCE : CORRECTED;
    }

    /** The default behaviour's constants ({@link Compat#CORRECTED}). */
    public static PhysicsConstants defaults() {
        return CORRECTED;
    }

    /** Memory bandwidth of a GPU relative to the reference GPU. */
    public double bandwidthRatio(Gpu gpu) {
        return gpu.bandwidthGbps() / referenceBandwidthGbps;
    }
}
