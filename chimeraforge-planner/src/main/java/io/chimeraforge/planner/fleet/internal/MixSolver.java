package io.chimeraforge.planner.fleet.internal;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Chooses how many GPUs of each type cover a request rate at the lowest monthly cost.
 *
 * <p>{@link #referenceMix} is the reference's algorithm (planner-extensions §3.4 step 3): an
 * unbounded-knapsack dynamic programme over the demand cut into steps, which rounds each GPU's rate
 * down to whole steps and can therefore miss the cheapest cover. {@link #optimalMix} is an exact
 * branch-and-bound search over whole GPU counts (at most six types, at most 64 of each), which
 * proves what the cheapest cover is.
 */
public final class MixSolver {

    /** The most GPUs of one type a fleet may hold. */
    public static final int MAX_UNITS_PER_TYPE = 64;

    /** One GPU type: the rate one unit sustains (req/s) and its monthly price. */
    public record Option(double rate, double cost) {
    }

    private MixSolver() {
    }

    /**
     * The reference's cover: counts per option (zeros included), or empty when no option is usable,
     * the demand is not positive, or a count would exceed {@link #MAX_UNITS_PER_TYPE}.
     */
    public static Optional<int[]> referenceMix(List<Option> options, double demand) {
        int n = options.size();
        boolean[] usable = new boolean[n];
        double minRate = Double.POSITIVE_INFINITY;
        int usableCount = 0;
        for (int i = 0; i < n; i++) {
            Option o = options.get(i);
            usable[i] = o.rate() > 0 && o.cost() >= 0;
            if (usable[i]) {
                usableCount++;
                minRate = Math.min(minRate, o.rate());
            }
        }
        if (usableCount == 0 || !(demand > 0)) {
            return Optional.empty();
        }
        double step = Math.max(minRate / 200, demand / 20000);
        int need = (int) Math.ceil(demand / step - 1e-9);
        int[] units = new int[n];
        for (int i = 0; i < n; i++) {
            units[i] = usable[i] ? (int) Math.floor(options.get(i).rate() / step + 1e-9) : 0;
        }
        double[] cost = new double[need + 1];
        int[] choice = new int[need + 1];
        Arrays.fill(cost, Double.POSITIVE_INFINITY);
        Arrays.fill(choice, -1);
        cost[0] = 0;
        for (int k = 1; k <= need; k++) {
            for (int i = 0; i < n; i++) {
                if (units[i] == 0) {
                    continue;
                }
                double c = cost[Math.max(k - units[i], 0)] + options.get(i).cost();
                if (c < cost[k]) { // strictly lower: ties keep the earlier option
                    cost[k] = c;
                    choice[k] = i;
                }
            }
        }
        int[] counts = new int[n];
        int k = need;
        int walked = 0;
        while (k > 0) {
            if (++walked > MAX_UNITS_PER_TYPE * usableCount || choice[k] < 0) {
                return Optional.empty();
            }
            int i = choice[k];
            counts[i]++;
            k = Math.max(k - units[i], 0);
        }
        for (int c : counts) {
            if (c > MAX_UNITS_PER_TYPE) {
                return Optional.empty();
            }
        }
        return Optional.of(counts);
    }

    /**
     * The cheapest whole-unit cover: counts per option minimising Σ cost·n subject to
     * Σ rate·n ≥ demand and n ≤ {@link #MAX_UNITS_PER_TYPE}; among equal costs, the one serving the
     * least. Empty when nothing covers the demand or the demand is not positive.
     */
    public static Optional<int[]> optimalMix(List<Option> options, double demand) {
        if (!(demand > 0)) {
            return Optional.empty();
        }
        int[] order = IntStream.range(0, options.size())
                .filter(i -> options.get(i).rate() > 0 && options.get(i).cost() >= 0)
                .boxed().sorted(Comparator.comparingDouble(i -> options.get(i).cost() / options.get(i).rate()))
                .mapToInt(Integer::intValue).toArray();
        if (order.length == 0) {
            return Optional.empty();
        }
        Search s = new Search(options, order, demand);
        s.descend(0, 0, 0, new int[order.length]);
        if (s.best == null) {
            return Optional.empty();
        }
        int[] counts = new int[options.size()];
        for (int j = 0; j < order.length; j++) {
            counts[order[j]] = s.best[j];
        }
        return Optional.of(counts);
    }

    /** Depth-first search over types in cost-per-rate order, bounded by the fractional relaxation. */
    private static final class Search {
        private final double[] rate;
        private final double[] cost;
        private final double demand;
        private final double[] cheapestPerRateFrom; // min cost/rate over types j..end
        private double bestCost = Double.POSITIVE_INFINITY;
        private double bestServed = Double.POSITIVE_INFINITY;
        private int[] best;

        Search(List<Option> options, int[] order, double demand) {
            int n = order.length;
            rate = new double[n];
            cost = new double[n];
            for (int j = 0; j < n; j++) {
                rate[j] = options.get(order[j]).rate();
                cost[j] = options.get(order[j]).cost();
            }
            this.demand = demand;
            cheapestPerRateFrom = new double[n + 1];
            cheapestPerRateFrom[n] = Double.POSITIVE_INFINITY;
            for (int j = n - 1; j >= 0; j--) {
                cheapestPerRateFrom[j] = Math.min(cost[j] / rate[j], cheapestPerRateFrom[j + 1]);
            }
        }

        void descend(int j, double spent, double served, int[] counts) {
            if (served >= demand) {
                if (spent < bestCost || (spent == bestCost && served < bestServed)) {
                    bestCost = spent;
                    bestServed = served;
                    best = counts.clone();
                }
                return;
            }
            if (j == rate.length) {
                return;
            }
            // no cover from here can cost less than the missing rate at the best price per rate
            if (spent + (demand - served) * cheapestPerRateFrom[j] > bestCost) {
                return;
            }
            int enough = (int) Math.min(MAX_UNITS_PER_TYPE, Math.ceil((demand - served) / rate[j]));
            for (int c = enough; c >= 0; c--) {
                counts[j] = c;
                descend(j + 1, spent + c * cost[j], served + c * rate[j], counts);
            }
            counts[j] = 0;
        }
    }
}
