package io.chimeraforge.planner.fleet;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.hardware.AmbiguousGpuException;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.hardware.UnknownGpuException;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.Parallelism;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.Planner;
import io.chimeraforge.planner.PlannerException;
import io.chimeraforge.planner.fleet.internal.MixSolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Sizes one workload across a mix of GPU types instead of N copies of one type (after Melange,
 * arXiv:2404.14527: a cheap GPU can cover the tail of demand for less than one more big GPU).
 * Every GPU type is first probed with ordinary plans to find the highest request rate one GPU of
 * it sustains under every gate; the mix is then chosen over those capacities.
 *
 * <pre>{@code
 * FleetPlan fleet = FleetPlanner.of(planner).plan(request, List.of("H100 80GB", "A100 80GB", "L4 24GB"), 64.0);
 * }</pre>
 *
 * <p>The mix is the reference's (a step-grid knapsack), so its figures match the Python tool;
 * {@link FleetPlan#optimalMix()} adds the cheapest mix by exact search and says when the two differ.
 * Thread-safe.
 */
public final class FleetPlanner {

    /** The most GPU types a fleet may list. */
    public static final int MAX_FLEET_TYPES = 6;
    /** The most GPUs of one type a fleet may hold. */
    public static final int MAX_UNITS_PER_TYPE = MixSolver.MAX_UNITS_PER_TYPE;
    private static final int BISECT_STEPS = 24;
    private static final double MAX_SINGLE_GPU_RATE = 4096.0;
    private static final double LOWEST_PROBE_RATE = 1e-3;

    private final Planner planner;

    private FleetPlanner(Planner planner) {
        this.planner = planner;
    }

    /** A fleet planner that probes with {@code planner} (its corpus and catalogs). */
    public static FleetPlanner of(Planner planner) {
        return new FleetPlanner(Objects.requireNonNull(planner, "planner"));
    }

    /**
     * The GPU types of a comma-separated list, resolved in the catalog (exact names, or a partial
     * name that fits one GPU model), duplicates removed, order kept.
     *
     * @throws FleetException for an empty list, an unknown or ambiguous name, or more than
     *                        {@value #MAX_FLEET_TYPES} types
     */
    public static List<Gpu> parse(String list, GpuCatalog catalog) {
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(catalog, "catalog");
        List<String> names = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            if (!part.strip().isEmpty()) {
                names.add(part.strip());
            }
        }
        return resolve(names, catalog);
    }

    /** As {@link #parse}, from a list of names. */
    public static List<Gpu> resolve(List<String> names, GpuCatalog catalog) {
        if (names.stream().allMatch(n -> n.strip().isEmpty())) {
            throw new FleetException(FleetException.Reason.EMPTY, "", "a fleet needs at least one GPU name");
        }
        LinkedHashSet<Gpu> gpus = new LinkedHashSet<>();
        for (String name : names) {
            try {
                gpus.add(catalog.match(name).gpu());
            } catch (UnknownGpuException | AmbiguousGpuException e) {
                String known = catalog.all().stream().limit(6).map(Gpu::name).collect(Collectors.joining(", "));
                throw new FleetException(FleetException.Reason.UNKNOWN_GPU, name, "unknown GPU " + pyRepr(name)
                        + " in the fleet (known GPUs include: " + known + ", ...)");
            }
        }
        if (gpus.size() > MAX_FLEET_TYPES) {
            throw new FleetException(FleetException.Reason.TOO_MANY_TYPES, Integer.toString(gpus.size()),
                    "the fleet lists " + gpus.size() + " GPU types; the cap is " + MAX_FLEET_TYPES
                            + ". Each additional type is another image, driver stack and routing tier.");
        }
        return List.copyOf(gpus);
    }

    /**
     * Plans the fleet.
     *
     * @param workload the plan settings every probe uses (model, SLOs, quality, budget, lengths,
     *                 prefix cache, duty cycle, prices, context, safety, variance, KV precision);
     *                 its GPU, request rate, tensor/pipeline parallelism, LoRA and offload are not used
     * @param gpus     the GPU types, as {@link #parse} returns them
     * @param demandRate requests per second to cover (not scaled by the duty cycle)
     * @throws FleetException when the demand is not positive, no GPU serves the workload, or no
     *                        allocation within the cap covers the demand
     */
    public FleetPlan plan(PlanRequest workload, List<Gpu> gpus, double demandRate) {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(gpus, "gpus");
        if (!(demandRate > 0)) {
            throw new FleetException(FleetException.Reason.NO_DEMAND, Double.toString(demandRate),
                    "request rate must be greater than zero to size a fleet");
        }
        List<GpuOption> options = new ArrayList<>();
        List<String> infeasible = new ArrayList<>();
        for (Gpu gpu : gpus) {
            Optional<GpuOption> o = capacity(workload, gpu);
            if (o.isPresent()) {
                options.add(o.get());
            } else {
                infeasible.add(gpu.name());
            }
        }
        if (options.isEmpty()) {
            throw new FleetException(FleetException.Reason.NOTHING_SERVES, String.join(", ", infeasible),
                    "no GPU in the fleet can serve this workload at all: " + String.join(", ", infeasible)
                            + ". Run `chimeraforge plan` against one of them to see which gate rejects it.");
        }
        List<MixSolver.Option> rates = options.stream()
                .map(o -> new MixSolver.Option(o.ratePerGpu(), o.costPerGpuMonthUsd())).toList();
        int[] counts = MixSolver.referenceMix(rates, demandRate).orElseThrow(() -> new FleetException(
                FleetException.Reason.NO_ALLOCATION, PyNumbers.repr(demandRate), "no allocation within "
                        + MAX_UNITS_PER_TYPE + " GPUs per type covers " + PyNumbers.repr(demandRate)
                        + " req/s. Raise the latency SLO, lower the rate, or add a larger GPU to the fleet."));
        double monthly = 0;
        double served = 0;
        Map<String, Integer> units = new LinkedHashMap<>();
        List<GpuOption> used = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            monthly += options.get(i).costPerGpuMonthUsd() * counts[i];
            served += options.get(i).ratePerGpu() * counts[i];
            if (counts[i] > 0) {
                units.put(options.get(i).gpu(), counts[i]);
                used.add(options.get(i));
            }
        }
        Optional<FleetPlan.Homogeneous> best = bestHomogeneous(options, demandRate);
        double mixCost = monthly;
        double savings = best.filter(b -> b.monthlyCostUsd() > 0)
                .map(b -> Math.max((b.monthlyCostUsd() - mixCost) / b.monthlyCostUsd(), 0)).orElse(0.0);
        boolean mixed = units.size() > 1;
        Map<String, Provenance> provenance = new LinkedHashMap<>();
        provenance.put("vram", worst(used.stream().map(o -> o.provenance().vram()).toList()));
        provenance.put("throughput", worst(used.stream().map(o -> o.provenance().throughput()).toList()));
        provenance.put("quality", worst(used.stream().map(o -> o.provenance().quality()).toList()));
        List<String> warnings = warnings(mixed, provenance.get("throughput"), used, infeasible, served, demandRate);
        return new FleetPlan(units, demandRate, served, monthly, mixed, best, savings, used, provenance, warnings,
                optimal(options, rates, demandRate, monthly));
    }

    private static FleetPlan.Mix optimal(List<GpuOption> options, List<MixSolver.Option> rates, double demand,
            double heuristicCost) {
        int[] counts = MixSolver.optimalMix(rates, demand).orElseThrow(); // a heuristic mix exists, so a cover does
        Map<String, Integer> units = new LinkedHashMap<>();
        double cost = 0;
        double served = 0;
        for (int i = 0; i < counts.length; i++) {
            cost += options.get(i).costPerGpuMonthUsd() * counts[i];
            served += options.get(i).ratePerGpu() * counts[i];
            if (counts[i] > 0) {
                units.put(options.get(i).gpu(), counts[i]);
            }
        }
        return new FleetPlan.Mix(units, cost, served, cost < heuristicCost - 1e-9);
    }

    private static Optional<FleetPlan.Homogeneous> bestHomogeneous(List<GpuOption> options, double demand) {
        FleetPlan.Homogeneous best = null;
        for (GpuOption o : options) {
            int n = (int) Math.ceil(demand / o.ratePerGpu() - 1e-9);
            if (n > MAX_UNITS_PER_TYPE) {
                continue;
            }
            double total = o.costPerGpuMonthUsd() * n;
            if (best == null || total < best.monthlyCostUsd()) {
                best = new FleetPlan.Homogeneous(o.gpu(), n, total);
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<String> warnings(boolean mixed, Provenance throughput, List<GpuOption> used,
            List<String> infeasible, double served, double demand) {
        List<String> warnings = new ArrayList<>();
        if (mixed) {
            warnings.add("a mixed fleet needs a router that splits traffic by GPU capability. vLLM and SGLang do not"
                    + " ship one, and the source study (Melange, arXiv:2404.14527) explicitly leaves heterogeneous"
                    + " load balancing as future work -- treat this as an operational prerequisite, not a detail");
        }
        if (throughput != Provenance.MEASURED) {
            warnings.add("per-GPU rates for " + used.stream().map(GpuOption::gpu).collect(Collectors.joining(", "))
                    + " are " + throughput.id() + ", not measured: a mix compounds throughput error across types"
                    + " instead of concentrating it in one. Run `chimeraforge measure` on each before committing spend");
        }
        if (!infeasible.isEmpty()) {
            warnings.add("excluded from the mix (cannot serve this workload at all): " + String.join(", ", infeasible));
        }
        if (served > 1.5 * demand) {
            warnings.add("the cheapest covering mix overshoots demand (" + PyNumbers.fixed(served, 2) + " vs "
                    + PyNumbers.fixed(demand, 2) + " req/s) because GPUs are indivisible; you are paying for that"
                    + " headroom whether or not you use it");
        }
        return warnings;
    }

    /** The worst label: measured, derived, extrapolated, estimated, unknown (missing counts as unknown). */
    private static Provenance worst(List<Provenance> labels) {
        List<Provenance> order = List.of(Provenance.MEASURED, Provenance.DERIVED, Provenance.EXTRAPOLATED,
                Provenance.ESTIMATED, Provenance.UNKNOWN);
        int rank = 0;
        for (Provenance p : labels) {
            rank = Math.max(rank, p == null ? order.size() - 1 : order.indexOf(p));
        }
        return order.get(rank);
    }

    /** The highest rate one GPU of this type sustains with a single-GPU configuration, by bisection. */
    Optional<GpuOption> capacity(PlanRequest workload, Gpu gpu) {
        PlanRequest.Builder probe = workload.toBuilder().hardware(gpu.name())
                .tensorParallel(Parallelism.NONE).pipelineParallel(Parallelism.NONE)
                .loraAdapters(0).allowOffload(false)
                // only single-GPU configurations matter here: the same first one as a full plan's, much sooner
                .maxReplicas(1);
        Optional<Candidate> config = singleGpu(probe, LOWEST_PROBE_RATE);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        double rate;
        Optional<Candidate> top = singleGpu(probe, MAX_SINGLE_GPU_RATE);
        if (top.isPresent()) {
            rate = MAX_SINGLE_GPU_RATE;
            config = top;
        } else {
            double lo = LOWEST_PROBE_RATE;
            double hi = MAX_SINGLE_GPU_RATE;
            for (int i = 0; i < BISECT_STEPS; i++) {
                double mid = (lo + hi) / 2;
                Optional<Candidate> c = singleGpu(probe, mid);
                if (c.isPresent()) {
                    lo = mid;
                    config = c;
                } else {
                    hi = mid;
                }
            }
            rate = lo;
        }
        Candidate c = config.get();
        return Optional.of(new GpuOption(gpu.name(), rate, c.monthlyCostUsd(), c.quant(), c.backend().id(),
                c.quality(), c.vramPerGpuGb(), c.singleStreamTps(), c.p95LatencyMs(), c.provenance()));
    }

    private Optional<Candidate> singleGpu(PlanRequest.Builder probe, double rate) {
        try {
            return planner.plan(probe.requestRate(rate).build()).candidates().stream()
                    .filter(c -> c.gpusTotal() == 1).findFirst();
        } catch (PlannerException | IllegalArgumentException | IllegalStateException e) {
            return Optional.empty(); // this GPU cannot plan the workload at this rate
        }
    }

    /** Python's {@code repr} of a string, as the reference quotes names in messages. */
    private static String pyRepr(String s) {
        boolean single = s.contains("'") && !s.contains("\"");
        String quote = single ? "\"" : "'";
        return quote + (single ? s : s.replace("'", "\\'")) + quote;
    }
}
