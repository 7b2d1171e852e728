package io.chimeraforge.cli.internal;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.model.ModelSource;
import io.chimeraforge.core.model.ModelSpec;
import io.chimeraforge.core.model.RegistryModel;
import io.chimeraforge.core.quant.Quantization;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.ParetoEntry;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.PlanResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Human-readable plan output: the reference's panels and tables, as plain aligned text. */
public final class PlanText {

    private static final int LABEL_WIDTH = 16;
    private final PrintStream out;

    public PlanText(PrintStream out) {
        this.out = out;
    }

    /** {@code Resolved <id> -> <params>B (<L>L/<kv>kv/<d>d) source=<source>}. */
    public static String resolvedLine(String id, ModelSpec spec) {
        return "Resolved " + id + " -> " + PyNumbers.repr(spec.paramsB()) + "B (" + spec.nLayers() + "L/"
                + spec.nKvHeads() + "kv/" + spec.dHead() + "d) source=" + spec.source().id();
    }

    /** The recommendation panels, alternatives and warnings; or the nothing-fits panel. */
    public void plan(PlanResult result) {
        PlanRequest req = result.request();
        List<Candidate> candidates = result.candidates();
        panel("Constraints", List.of(
                "Request rate " + PyNumbers.repr(req.requestRate()) + " req/s",
                "Latency SLO " + PyNumbers.repr(req.latencySloMs()) + " ms (p95)",
                "Quality target " + PyNumbers.repr(req.qualityTarget()),
                "Safety target " + (req.safetyTarget().isPresent()
                        ? PyNumbers.repr(req.safetyTarget().getAsDouble()) + " (min refusal)" : "off"),
                "Budget $" + PyNumbers.repr(req.budgetUsdPerMonth()) + "/mo",
                "Hardware " + result.gpu().name()));
        if (candidates.isEmpty()) {
            out.println();
            out.println("No viable configuration found.");
            out.println("Try: relaxing quality target, increasing budget,");
            out.println("raising latency SLO, or using a larger GPU.");
            List<String> why = result.whyNothingFit();
            if (!why.isEmpty()) {
                out.println();
                out.println("Why nothing fit:");
                for (String line : why) {
                    out.println("  - " + line);
                }
            }
            return;
        }
        Candidate best = candidates.get(0);
        List<String> recommendation = new ArrayList<>();
        recommendation.add("Model " + best.model() + " (" + PyNumbers.repr(best.paramsB()) + "B params)");
        if (best.modelSource() != ModelSource.REGISTRY) {
            recommendation.add("Source " + best.modelSource().id() + " (off-registry)");
        }
        recommendation.add("Quantization " + best.quant() + " (" + PyNumbers.repr(Quantization.bitsPerWeight(best.quant()))
                + " bpw)");
        recommendation.add("Backend " + best.backend().id());
        if (best.tensorParallel() > 1 || best.pipelineParallel() > 1) {
            String kind = best.tensorParallel() > 1 ? "TP=" + best.tensorParallel() : "PP=" + best.pipelineParallel();
            recommendation.add("Instances " + best.replicas() + " x " + kind + "  (" + best.gpusTotal() + " GPUs total)");
        } else {
            recommendation.add("Instances " + best.replicas());
        }
        if (best.batchPerGpu() > 1) {
            recommendation.add("Batch per GPU " + best.batchPerGpu() + " concurrent (continuous batching)");
        }
        out.println();
        panel("Recommendation", recommendation);

        List<String> performance = new ArrayList<>();
        performance.add("N=1 throughput " + PyNumbers.repr(best.singleStreamTps()) + " tok/s  ("
                + label(best.provenance().throughput()) + ")");
        performance.add("Total throughput " + PyNumbers.repr(best.totalThroughputTps()) + " tok/s");
        if (best.ttftMs() > 0) {
            performance.add("TTFT (prefill) " + PyNumbers.repr(best.ttftMs()) + " ms");
        }
        if (best.tpotMs() > 0) {
            performance.add("TPOT (per token) " + PyNumbers.repr(best.tpotMs()) + " ms");
        }
        performance.add("p95 latency " + PyNumbers.repr(best.p95LatencyMs()) + " ms (end-to-end)");
        performance.add("Utilisation " + PyNumbers.percent(best.utilisation(), 1));
        if (best.maxConcurrentSeqs() > 0) {
            performance.add("Max concurrent/GPU " + best.maxConcurrentSeqs() + " seqs (KV-cache bound)");
        }
        out.println();
        panel("Performance", performance);

        List<String> cost = new ArrayList<>();
        cost.add("Quality score " + PyNumbers.fixed(best.quality(), 3) + "  (" + label(best.provenance().quality()) + ")");
        cost.add("Quality tier " + best.qualityTier().id());
        cost.add("Refusal rate " + (best.refusalRate().isPresent()
                ? PyNumbers.fixed(best.refusalRate().getAsDouble(), 3) : "n/a (unscreened)"));
        cost.add("RTSI risk " + best.rtsiRisk());
        cost.add("VRAM per GPU " + PyNumbers.fixed(best.vramPerGpuGb(), 2) + " GB");
        cost.add("Monthly cost $" + PyNumbers.repr(best.monthlyCostUsd()));
        cost.add("Cost per 1M tok $" + PyNumbers.fixed(best.costPerMillionTokensUsd(), 4));
        if (best.tdpWatts() > 0) {
            cost.add("Board power " + PyNumbers.fixed(best.tdpWatts(), 0) + " W x" + best.gpusTotal() + " (~85% load)");
            cost.add("Energy / mo $" + PyNumbers.fixed(best.energyCostPerMonthUsd(), 2)
                    + "  (self-hosted add-on; cloud $/hr bundles power)");
            cost.add("Cost/1M tok +energy $" + PyNumbers.fixed(
                    best.costPerMillionTokensUsd() + best.energyCostPerMillionTokensUsd(), 4));
            cost.add("Perf per watt " + PyNumbers.fixed(best.tokensPerSecondPerWatt(), 4) + " tok/s/W");
        }
        out.println();
        panel("Quality & Cost", cost);

        List<Candidate> alternatives = result.alternatives(4);
        if (!alternatives.isEmpty()) {
            out.println();
            out.println("Alternatives (next " + alternatives.size() + " cheapest):");
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"#", "Model", "Quant", "Backend", "N", "$/mo", "Quality", "Safety", "p95 ms"});
            int i = 1;
            for (Candidate c : alternatives) {
                rows.add(new String[] {Integer.toString(i++), c.model(), c.quant(), c.backend().id(),
                    Integer.toString(c.replicas()), "$" + PyNumbers.repr(c.monthlyCostUsd()),
                    PyNumbers.fixed(c.quality(), 3),
                    c.refusalRate().isPresent() ? PyNumbers.fixed(c.refusalRate().getAsDouble(), 3) : "?",
                    PyNumbers.repr(c.p95LatencyMs())});
            }
            table(rows);
        }
        if (!best.warnings().isEmpty()) {
            out.println();
            out.println("Warnings:");
            for (String warning : best.warnings()) {
                out.println("  - " + warning);
            }
        }
        out.println();
        out.println(candidates.size() + " total viable configurations evaluated");
    }

    /** The Pareto frontier table. */
    public void pareto(PlanResult result) {
        List<ParetoEntry> frontier = result.frontier();
        if (frontier.isEmpty()) {
            plan(result);
            return;
        }
        out.println("Pareto frontier for " + result.gpu().name() + " (non-dominated trade-offs)");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Model", "Quant", "Backend", "N", "Batch", "$/mo", "p95 ms", "Quality", "Pick"});
        for (ParetoEntry entry : frontier) {
            Candidate c = entry.candidate();
            String quality = (c.provenance().quality() == Provenance.MEASURED ? "" : "~") + PyNumbers.fixed(c.quality(), 3);
            rows.add(new String[] {c.model(), c.quant(), c.backend().id(), Integer.toString(c.replicas()),
                Integer.toString(c.batchPerGpu()), "$" + PyNumbers.repr(c.monthlyCostUsd()),
                PyNumbers.repr(c.p95LatencyMs()), quality, String.join(", ", entry.tags())});
        }
        table(rows);
        out.println();
        out.println(frontier.size() + " non-dominated configs. Each is best at *something* -- pick by what you"
                + " value most (~ = estimated quality).");
    }

    /** The GPU catalog, sorted by name. */
    public void hardwareTable(List<Gpu> gpus) {
        out.println("Available GPUs");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"GPU", "VRAM", "BW GB/s", "$/hr"});
        for (Gpu gpu : gpus) {
            rows.add(new String[] {gpu.name(), PyNumbers.fixed(gpu.vramGb(), 0) + " GB",
                PyNumbers.fixed(gpu.bandwidthGbps(), 0), "$" + PyNumbers.fixed(gpu.costPerHourUsd(), 3)});
        }
        table(rows);
    }

    /** The model registry, sorted by size. */
    public void modelTable(List<RegistryModel> models) {
        out.println("Available Models");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Model", "Params (B)"});
        for (RegistryModel model : models) {
            rows.add(new String[] {model.name(), PyNumbers.fixed(model.paramsB(), 2)});
        }
        table(rows);
    }

    private static String label(Provenance provenance) {
        return provenance == null ? "unknown" : provenance.id();
    }

    private void panel(String title, List<String> items) {
        String indent = " ".repeat(LABEL_WIDTH);
        StringBuilder line = new StringBuilder(padRight(title + ":", LABEL_WIDTH));
        int width = LABEL_WIDTH;
        for (int i = 0; i < items.size(); i++) {
            String item = (i == 0 ? "" : " | ") + items.get(i);
            if (width + item.length() > 110 && i > 0) {
                out.println(line);
                line = new StringBuilder(indent).append(items.get(i));
                width = LABEL_WIDTH + items.get(i).length();
            } else {
                line.append(item);
                width += item.length();
            }
        }
        out.println(line);
    }

    private void table(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int i = 0; i < row.length; i++) {
                line.append(padRight(row[i], widths[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String padRight(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
