package io.chimeraforge.bench.internal.load;

import io.chimeraforge.bench.ArrivalProcess;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The open-loop arrival schedule: offsets (ns) from t0 of each request, first at 0, drawn from a
 * seeded generator so a seed always gives the same schedule. Offsets are absolute, so sleeping
 * jitter never accumulates into drift.
 */
public final class ArrivalSchedule {

    private ArrivalSchedule() {
    }

    /**
     * Offsets for at most {@code count} arrivals, stopping before {@code limitNanos} (use
     * {@link Long#MAX_VALUE} for no limit).
     */
    public static long[] offsets(ArrivalProcess process, double rate, double burstiness, long seed, int count,
            long limitNanos) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be > 0, got " + rate);
        }
        SplittableRandom random = new SplittableRandom(seed);
        long[] out = new long[Math.min(count, 1 << 20)];
        int n = 0;
        double t = 0;
        while (n < count) {
            if (t * 1e9 >= limitNanos) {
                break;
            }
            if (n == out.length) {
                out = Arrays.copyOf(out, Math.min(count, out.length * 2));
            }
            out[n++] = Math.round(t * 1e9);
            t += gapSeconds(process, rate, burstiness, random);
        }
        return Arrays.copyOf(out, n);
    }

    static double gapSeconds(ArrivalProcess process, double rate, double burstiness, SplittableRandom random) {
        return switch (process) {
            case CONSTANT -> 1.0 / rate;
            case POISSON -> -Math.log(1.0 - random.nextDouble()) / rate;
            case GAMMA -> gamma(burstiness, random) / (rate * burstiness);
        };
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 via the u^(1/k) boost. */
    static double gamma(double shape, SplittableRandom random) {
        if (shape < 1) {
            double u = random.nextDouble();
            return gamma(shape + 1, random) * Math.pow(u == 0 ? Double.MIN_VALUE : u, 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9 * d);
        while (true) {
            double x = normal(random);
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    private static double normal(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
