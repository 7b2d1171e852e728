package io.chimeraforge.bench;

/** Inter-arrival distribution of the open-loop ({@link Workload#SERVER}) schedule. */
public enum ArrivalProcess {
    /** Exponential gaps with mean 1/rate. */
    POISSON,
    /** Gamma gaps with shape = burstiness and mean 1/rate (burstiness 1 = Poisson, &lt;1 burstier). */
    GAMMA,
    /** Constant gaps of exactly 1/rate. */
    CONSTANT
}
