package io.chimeraforge.planner;

import io.chimeraforge.core.hardware.Gpu;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of one plan: the ranked candidates (cheapest first, then higher quality), every
 * rejection in search order, and the diagnosis when nothing fit.
 */
public final class PlanResult {

    private final PlanRequest request;
    private final Gpu gpu;
    private final List<String> targets;
    private final List<Candidate> candidates;
    private final List<Rejection> trace;
    private final List<String> notes;

    PlanResult(PlanRequest request, Gpu gpu, List<String> targets, List<Candidate> candidates,
               List<Rejection> trace, List<String> notes) {
        this.request = Objects.requireNonNull(request, "request");
        this.gpu = Objects.requireNonNull(gpu, "gpu");
        this.targets = List.copyOf(targets);
        this.candidates = List.copyOf(candidates);
        this.trace = List.copyOf(trace);
        this.notes = List.copyOf(notes);
    }

    /** The request this plan answered. */
    public PlanRequest request() {
        return request;
    }

    /** The GPU the plan was made for (as matched in the catalog). */
    public Gpu gpu() {
        return gpu;
    }

    /** The model identifiers searched, in order. */
    public List<String> targets() {
        return targets;
    }

    /** Every viable configuration, ranked: cheapest first, then higher quality, then search order. */
    public List<Candidate> candidates() {
        return candidates;
    }

    /** The recommended configuration: the first candidate, if any. */
    public Optional<Candidate> recommendation() {
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }

    /**
     * The serve command for the recommendation, sized as this plan sized it (context length,
     * prompt length, KV-cache precision, batch, parallelism, LoRA); empty when nothing fit. The
     * model's repository or tag is known when the request named the model; after a size-class
     * search the command carries a placeholder and a note.
     */
    public Optional<io.chimeraforge.planner.launch.LaunchCommand> launchCommand() {
        return recommendation().map(c -> io.chimeraforge.planner.launch.LaunchCommand.forCandidate(c,
                request.contextLength(), request.promptTokens(), request.kvPrecision(),
                Optional.ofNullable(request.specs().get(c.model())).map(io.chimeraforge.core.model.ModelSpec::source)));
    }

    /**
     * The recommendation's monthly cost against every hosted API model of {@code prices}, for the
     * traffic this plan serves (request rate × duty cycle; output tokens include reasoning tokens);
     * empty when nothing fit.
     *
     * @param prices a price snapshot, e.g. {@link io.chimeraforge.planner.apicost.ApiPrices#bundled()}
     * @param today  the date the snapshot's age is counted to
     */
    public Optional<io.chimeraforge.planner.apicost.ApiComparison> apiComparison(
            io.chimeraforge.planner.apicost.ApiPrices prices, java.time.LocalDate today) {
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(today, "today");
        return recommendation().map(c -> io.chimeraforge.planner.apicost.ApiComparison.of(prices, c.monthlyCostUsd(),
                request.requestRate() * request.dutyCycle(), request.promptTokens(),
                request.avgTokens() + request.reasoningTokens(), today));
    }

    /** Up to {@code count} runners-up after the recommendation. */
    public List<Candidate> alternatives(int count) {
        if (candidates.size() <= 1) {
            return List.of();
        }
        return candidates.subList(1, Math.min(candidates.size(), 1 + Math.max(count, 0)));
    }

    /** Every rejected cell in search order. */
    public List<Rejection> trace() {
        return trace;
    }

    /** Diagnostics from model resolution (approximations), in order. */
    public List<String> notes() {
        return notes;
    }

    /**
     * Why nothing fit, one line per model (first-seen order): the rejection at the furthest gate
     * the model reached, first in search order on ties. Empty when something fit.
     */
    public List<String> whyNothingFit() {
        if (!candidates.isEmpty()) {
            return List.of();
        }
        Map<String, Rejection> furthest = new LinkedHashMap<>();
        for (Rejection rejection : trace) {
            Rejection current = furthest.get(rejection.model());
            if (current == null || rejection.gate().summaryRank() > current.gate().summaryRank()) {
                furthest.put(rejection.model(), rejection);
            }
        }
        List<String> lines = new ArrayList<>(furthest.size());
        for (Rejection rejection : furthest.values()) {
            lines.add(rejection.summaryLine());
        }
        return lines;
    }

    /**
     * The configurations no other candidate beats on cost, p95 and quality at once, sorted by
     * cost then p95, tagged with what each is best at.
     */
    public List<ParetoEntry> frontier() {
        int n = candidates.size();
        double[] cost = new double[n];
        double[] p95 = new double[n];
        double[] quality = new double[n];
        for (int i = 0; i < n; i++) {
            Candidate c = candidates.get(i);
            cost[i] = c.monthlyCostUsd();
            p95[i] = c.p95LatencyMs();
            quality[i] = c.quality();
        }
        List<Candidate> survivors = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            boolean dominated = false;
            for (int b = 0; b < n && !dominated; b++) {
                // b dominates a: no worse on all three, strictly better on one
                dominated = b != a && cost[b] <= cost[a] && p95[b] <= p95[a] && quality[b] >= quality[a]
                        && (cost[b] < cost[a] || p95[b] < p95[a] || quality[b] > quality[a]);
            }
            if (!dominated) {
                survivors.add(candidates.get(a));
            }
        }
        survivors.sort(Comparator.comparingDouble(Candidate::monthlyCostUsd)
                .thenComparingDouble(Candidate::p95LatencyMs));
        Candidate cheapest = null;
        Candidate fastest = null;
        Candidate best = null;
        for (Candidate c : survivors) {
            if (cheapest == null || c.monthlyCostUsd() < cheapest.monthlyCostUsd()) {
                cheapest = c;
            }
            if (fastest == null || c.p95LatencyMs() < fastest.p95LatencyMs()) {
                fastest = c;
            }
            if (best == null || c.quality() > best.quality()) {
                best = c;
            }
        }
        List<ParetoEntry> entries = new ArrayList<>(survivors.size());
        for (Candidate c : survivors) {
            List<String> tags = new ArrayList<>(3);
            if (c == cheapest) {
                tags.add("cheapest");
            }
            if (c == fastest) {
                tags.add("fastest");
            }
            if (c == best) {
                tags.add("best-quality");
            }
            entries.add(new ParetoEntry(c, tags));
        }
        return entries;
    }

}
