package io.chimeraforge.planner.brief;

import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.planner.Candidate;
import io.chimeraforge.planner.PlanRequest;
import io.chimeraforge.planner.apicost.ApiComparison;
import io.chimeraforge.planner.apicost.ApiOption;
import io.chimeraforge.planner.launch.LaunchCommand;

/** The brief's Markdown layout (planner-extensions §6.6). */
final class BriefMarkdown {

    private BriefMarkdown() {
    }

    static String render(DecisionBrief b) {
        StringBuilder md = new StringBuilder();
        Candidate w = b.winner();
        PlanRequest r = b.result().request();
        String hardware = b.result().gpu().name();
        md.append("# Deployment brief: ").append(cell(w.model())).append(" on ").append(hardware).append("\n\n");
        md.append("**Generated ").append(b.generatedAt()).append("** by ChimeraForge ").append(b.toolVersion())
                .append(". Every number below carries a provenance label; nothing here is a vendor claim.\n\n");

        md.append("## Recommendation\n\n");
        md.append("Serve **").append(cell(w.model())).append("** at **").append(w.quant()).append("** on **")
                .append(w.backend().id()).append("**, across **").append(w.gpusTotal()).append(" x ").append(hardware)
                .append("**");
        if (w.tensorParallel() > 1) {
            md.append(", tensor-parallel ").append(w.tensorParallel());
        } else if (w.pipelineParallel() > 1) {
            md.append(", pipeline-parallel ").append(w.pipelineParallel());
        }
        md.append(w.batchPerGpu() > 1 ? ", batching " + w.batchPerGpu() + " sequences per GPU." : ".").append("\n\n");
        md.append("| Metric | Value | Provenance |\n|---|---|---|\n");
        for (BriefMetric m : b.metrics()) {
            md.append("| ").append(m.label()).append(" | ").append(m.marked()).append(" | ")
                    .append(m.provenance().phrase()).append(m.note().isEmpty() ? "" : " -- " + cell(m.note()))
                    .append(" |\n");
        }
        md.append("\nValues marked `~` are estimated or extrapolated and values marked `?` are unknown: none of them"
                + " was measured on this GPU. Run `chimeraforge measure` against the recommended configuration before"
                + " committing spend.\n\n");

        md.append("## Assumptions\n\nThe recommendation holds only for this workload. Each line is an input, not a"
                + " finding.\n\n| Assumption | Value |\n|---|---|\n");
        row(md, "Request rate", DecisionBrief.number(r.requestRate()) + " req/s");
        row(md, "Output tokens per request", r.avgTokens()
                + (r.reasoningTokens() > 0 ? " (+" + r.reasoningTokens() + " hidden reasoning)" : ""));
        row(md, "Prompt tokens", Integer.toString(r.promptTokens()));
        row(md, "Context length", Integer.toString(r.contextLength()));
        row(md, "Latency SLO (p95)", DecisionBrief.number(r.latencySloMs()) + " ms");
        row(md, "Quality floor", DecisionBrief.number(r.qualityTarget()));
        row(md, "Budget", "$" + DecisionBrief.grouped(r.budgetUsdPerMonth(), 2) + "/mo");
        row(md, "Traffic variance", b.workloadName());
        row(md, "Duty cycle", PyNumbers.percent(r.dutyCycle(), 0) + " of the month");
        row(md, "KV cache dtype", r.kvPrecision().id());
        if (r.prefixCacheHitRate() > 0) {
            row(md, "Prefix cache hit rate", DecisionBrief.number(r.prefixCacheHitRate()));
        }
        if (r.gpuPriceMultiplier() != 1.0) {
            row(md, "GPU price multiplier", DecisionBrief.number(r.gpuPriceMultiplier()) + "x");
        }
        r.safetyTarget().ifPresent(s -> row(md, "Safety floor (refusal)", DecisionBrief.number(s)));
        if (r.loraAdapters() > 0) {
            row(md, "LoRA adapters", r.loraAdapters() + " x rank-" + r.loraRank() + ", targeting " + r.loraTarget().id());
        }
        md.append('\n');

        if (!b.alternatives().isEmpty()) {
            md.append("## Alternatives considered\n\n| Config | GPUs | Throughput | p95 | Quality | Cost/mo |\n"
                    + "|---|---|---|---|---|---|\n");
            for (Candidate a : b.alternatives()) {
                String t = BriefMetric.mark(a.provenance().throughput());
                String q = BriefMetric.mark(a.provenance().quality());
                md.append("| ").append(cell(a.model())).append(' ').append(a.quant()).append(" / ")
                        .append(a.backend().id()).append(" | ").append(a.gpusTotal()).append(" | ").append(t)
                        .append(PyNumbers.fixed(a.totalThroughputTps(), 0)).append(" tok/s | ").append(t)
                        .append(PyNumbers.fixed(a.p95LatencyMs(), 0)).append(" ms | ").append(q)
                        .append(PyNumbers.fixed(a.quality(), 3)).append(" | $")
                        .append(DecisionBrief.grouped(a.monthlyCostUsd(), 2)).append(" |\n");
            }
            md.append('\n');
        }

        if (b.api().isPresent()) {
            ApiComparison a = b.api().get();
            md.append("## Self-host vs hosted API\n\nPrices captured **").append(a.pricesCapturedAt()).append("** (")
                    .append(a.pricesAgeDays()).append(" days old). Self-hosting this fleet costs **$")
                    .append(DecisionBrief.grouped(a.selfHostMonthlyUsd(), 2)).append("/mo** at ")
                    .append(a.requestsPerMonth()).append(" requests/month.\n\n");
            md.append("| Hosted model | $/mo | Break-even output tok/mo | Cheaper |\n|---|---|---|---|\n");
            for (ApiOption o : a.options()) {
                md.append("| ").append(cell(o.name())).append(" (").append(o.provider()).append(") | $")
                        .append(DecisionBrief.grouped(o.monthlyCostUsd(), 2)).append(" | ")
                        .append(o.breakevenOutputTokensMonth().isPresent()
                                ? DecisionBrief.grouped(o.breakevenOutputTokensMonth().getAsLong(), 0) : "n/a")
                        .append(" | ").append(o.selfHostCheaper() ? "self-host" : "API").append(" |\n");
            }
            md.append("\nThe self-host figure is GPU cost only. It leaves out engineering and operations time,"
                    + " networking and storage; the API figures are list prices without volume discounts.\n\n");
        }

        if (!w.warnings().isEmpty()) {
            md.append("## Risks and caveats\n\nReproduced verbatim from the planner:\n\n");
            for (String warning : w.warnings()) {
                md.append("- ").append(warning).append('\n');
            }
            md.append('\n');
        }

        if (b.launch().isPresent()) {
            LaunchCommand l = b.launch().get();
            md.append("## How to run it\n\n```\n").append(l.command()).append("\n```\n\n");
            if (!l.env().isEmpty()) {
                md.append("Environment:\n\n```\n").append(String.join("\n", l.env())).append("\n```\n\n");
            }
            for (String note : l.notes()) {
                md.append("- ").append(note).append('\n');
            }
            md.append('\n');
        }

        md.append("## Reproduce\n\n```\n").append(b.reproCommand()).append("\n```\n\n");
        md.append("Generated by ChimeraForge ").append(b.toolVersion()).append(" on ").append(b.generatedAt())
                .append(". The same command with the same tool version and corpus gives the same plan.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String label, String value) {
        md.append("| ").append(label).append(" | ").append(cell(value)).append(" |\n");
    }

    /** A value in a table cell: a {@code |} would start a new column, a line break a new row. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
