package io.chimeraforge.testkit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Decides which generation requests {@link MockLlmServer} fails, and how.
 *
 * <p>The decision depends only on the request's index (0-based, in the order the server accepted
 * generation requests), never on timing or thread scheduling, so a plan is deterministic: the same
 * plan faults the same indices in every run. Non-generation endpoints ({@code /api/tags},
 * {@code /health}, ...) are not counted.
 */
@FunctionalInterface
public interface FaultPlan {

    /**
     * The fault for one request.
     *
     * @param requestIndex 0-based index of the generation request at the server
     * @return the fault to inject, or empty for a normal response
     */
    Optional<Fault> faultFor(long requestIndex);

    /** A plan that never injects a fault. */
    static FaultPlan none() {
        return index -> Optional.empty();
    }

    /**
     * Injects {@code fault} into every {@code n}-th request (1-based): requests n, 2n, 3n, ...,
     * i.e. indices n−1, 2n−1, ...
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    static FaultPlan everyNth(int n, Fault fault) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        Fault f = requireFault(fault);
        return index -> (index + 1) % n == 0 ? Optional.of(f) : Optional.empty();
    }

    /**
     * Injects {@code fault} into the listed request indices (0-based) only.
     *
     * @throws IllegalArgumentException if an index is negative
     */
    static FaultPlan onRequests(Fault fault, long... indices) {
        Fault f = requireFault(fault);
        Map<Long, Fault> map = new HashMap<>();
        for (long i : indices) {
            if (i < 0) {
                throw new IllegalArgumentException("request index must be >= 0, got " + i);
            }
            map.put(i, f);
        }
        return index -> Optional.ofNullable(map.get(index));
    }

    /**
     * A plan from an explicit index-to-fault map (0-based indices).
     */
    static FaultPlan of(Map<Long, Fault> byIndex) {
        Map<Long, Fault> copy = Map.copyOf(byIndex);
        return index -> Optional.ofNullable(copy.get(index));
    }

    /**
     * A seeded random plan: each request independently gets a fault with probability
     * {@code probability}, chosen uniformly from {@code faults}. The draw for index i depends only
     * on {@code seed} and i.
     *
     * @throws IllegalArgumentException if probability is outside [0, 1] or no fault is given
     */
    static FaultPlan seeded(long seed, double probability, Fault... faults) {
        if (!(probability >= 0.0 && probability <= 1.0)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got " + probability);
        }
        if (faults.length == 0) {
            throw new IllegalArgumentException("faults must name at least one fault, got none");
        }
        List<Fault> choices = List.copyOf(Arrays.asList(faults));
        return index -> {
            // Mixing the index into the seed makes the draw independent of request order.
            SplittableRandom random = new SplittableRandom(seed ^ (index * 0x9E3779B97F4A7C15L));
            if (random.nextDouble() >= probability) {
                return Optional.empty();
            }
            return Optional.of(choices.get(random.nextInt(choices.size())));
        };
    }

    private static Fault requireFault(Fault fault) {
        if (fault == null) {
            throw new IllegalArgumentException("fault must not be null");
        }
        return fault;
    }
}
