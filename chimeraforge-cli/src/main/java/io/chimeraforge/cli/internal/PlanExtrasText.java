package io.chimeraforge.cli.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.planner.apicost.ApiComparison;
import io.chimeraforge.planner.apicost.ApiOption;
import io.chimeraforge.planner.fleet.FleetPlan;
import io.chimeraforge.planner.fleet.GpuOption;
import io.chimeraforge.planner.launch.LaunchCommand;
import io.chimeraforge.planner.workload.ProfileKey;
import io.chimeraforge.planner.workload.WorkloadProfile;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The plan's extra sections (launch command, hosted-API comparison, workload profile) as text and JSON. */
public final class PlanExtrasText {

    private final PrintStream out;

    public PlanExtrasText(PrintStream out) {
        this.out = out;
    }

    /**
     * {@code {"candidates": […], "launch": …, "api_comparison": …}} in the reference's key order; a
     * section asked for but empty (nothing fit) is {@code null}. The launch object has exactly the
     * reference's keys (backend, command, env, notes); per-replica commands are in the text output
     * and the SDK.
     */
    public static String json(String candidatesJson, boolean launch, Optional<LaunchCommand> command,
            boolean compareApi, Optional<ApiComparison> api, Optional<FleetPlan> fleet) {
        StringWriter text = new StringWriter();
        try (JsonGenerator g = Json.factory().createGenerator(text)) {
            g.writeStartObject();
            g.writeFieldName("candidates");
            g.writeRawValue(candidatesJson);
            if (launch) {
                g.writeFieldName("launch");
                if (command.isPresent()) {
                    LaunchCommand c = command.get();
                    g.writeStartObject();
                    g.writeStringField("backend", c.backend().id());
                    g.writeStringField("command", c.command());
                    g.writeArrayFieldStart("env");
                    for (String e : c.env()) {
                        g.writeString(e);
                    }
                    g.writeEndArray();
                    g.writeArrayFieldStart("notes");
                    for (String n : c.notes()) {
                        g.writeString(n);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                } else {
                    g.writeNull();
                }
            }
            if (compareApi) {
                g.writeFieldName("api_comparison");
                if (api.isPresent()) {
                    api.get().writeJson(g);
                } else {
                    g.writeNull();
                }
            }
            if (fleet.isPresent()) {
                g.writeFieldName("fleet");
                fleet.get().writeJson(g, true);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** "From vllm profile captured 2026-…: request_rate=0.5951, prompt_tokens=550, …". */
    public static String profileLine(WorkloadProfile profile, List<ProfileKey> applied) {
        List<String> parts = new ArrayList<>();
        var inputs = profile.planInputs();
        for (ProfileKey k : applied) {
            switch (k) {
                case REQUEST_RATE -> parts.add("request_rate=" + PyNumbers.repr(inputs.requestRate().getAsDouble()));
                case PROMPT_TOKENS -> parts.add("prompt_tokens=" + inputs.promptTokens().getAsInt());
                case OUTPUT_TOKENS -> parts.add("avg_tokens=" + inputs.avgTokens().getAsInt());
                case WORKLOAD_CV2 -> parts.add("workload_cv2=" + PyNumbers.repr(inputs.workloadCv2().getAsDouble()));
                case PREFIX_CACHE_HIT_RATE -> parts.add("prefix_cache_hit_rate="
                        + PyNumbers.repr(inputs.prefixCacheHitRate().getAsDouble()));
                default -> { }
            }
        }
        return "From " + profile.engine() + " profile captured "
                + profile.capturedAt().atOffset(java.time.ZoneOffset.UTC).toLocalDateTime() + "Z: "
                + (parts.isEmpty() ? "nothing applied (every measured value was given as a flag)" : String.join(", ", parts));
    }

    /** The launch panel: exports, the command, notes, and one command per replica when there are several. */
    public void launch(LaunchCommand c) {
        out.println();
        out.println("Launch command (" + c.backend().id() + ")");
        for (String e : c.env()) {
            out.println("  export " + e);
        }
        for (String line : c.command().split("\n")) {
            out.println("  " + line);
        }
        if (c.replicaCommands().size() > 1) {
            out.println();
            out.println("One command per replica (" + c.replicaCommands().size() + " replicas, own GPUs and port each):");
            for (String r : c.replicaCommands()) {
                for (String line : r.split("\n")) {
                    out.println("  " + line);
                }
                out.println();
            }
        }
        if (!c.notes().isEmpty()) {
            out.println();
            out.println("Launch notes");
            for (String n : c.notes()) {
                out.println("  - " + n);
            }
        }
    }

    /** The self-host vs hosted-API table with its footer. */
    public void apiComparison(ApiComparison a) {
        DecimalFormat thousands = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        out.println();
        out.println("Self-host vs hosted API (workload: " + thousands.format(a.requestsPerMonth()) + " req/mo, "
                + a.promptTokens() + " in / " + a.outputTokens() + " out)");
        out.println(String.format(Locale.ROOT, "  %-42s %-13s %9s %9s %12s  %-14s %s", "API model", "class", "$/1M in",
                "$/1M out", "$/month", "verdict", "break-even out tok/mo"));
        out.println(String.format(Locale.ROOT, "  %-42s %-13s %9s %9s %12s  %-14s %s", "self-hosted (this plan)", "", "",
                "", PyNumbers.fixed(a.selfHostMonthlyUsd(), 2), "", ""));
        for (ApiOption o : a.options()) {
            String breakeven = o.breakevenOutputTokensMonth().isPresent()
                    ? thousands.format(Math.rint(o.breakevenOutputTokensMonth().getAsLong() / 1e6)) + "M" : "n/a";
            out.println(String.format(Locale.ROOT, "  %-42s %-13s %9s %9s %12s  %-14s %s",
                    o.provider() + ": " + o.name(), o.priceClass().equals("open") ? "like-for-like" : o.priceClass(),
                    PyNumbers.repr(o.inputPer1mUsd()), PyNumbers.repr(o.outputPer1mUsd()),
                    PyNumbers.fixed(o.monthlyCostUsd(), 2), o.selfHostCheaper() ? "self-host wins" : "API wins",
                    breakeven));
        }
        out.println("  Prices captured " + a.pricesCapturedAt() + " (" + a.pricesAgeDays() + " days ago)"
                + (a.pricesStale() ? ": STALE by " + (a.pricesAgeDays() - ApiComparison.STALE_AFTER_DAYS)
                        + " days -- pass a newer snapshot with --api-prices" : ""));
    }

    /** The fleet table, summary, savings and warnings, and the exact search's verdict. */
    public void fleet(FleetPlan f) {
        out.println();
        out.println(f.mixed() ? "Heterogeneous fleet" : "Fleet (single type was cheapest)");
        out.println(String.format(Locale.ROOT, "  %-18s %5s %12s %12s %-7s %-8s %s", "GPU", "units", "req/s each",
                "$/GPU/month", "quant", "backend", "provenance (throughput)"));
        for (GpuOption o : f.perGpu()) {
            out.println(String.format(Locale.ROOT, "  %-18s %5d %12s %12s %-7s %-8s %s", o.gpu(), f.units().get(o.gpu()),
                    PyNumbers.fixed(o.ratePerGpu(), 2), PyNumbers.fixed(o.costPerGpuMonthUsd(), 2), o.quant(),
                    o.backend(), o.provenance().throughput().id()));
        }
        out.println("  " + f.gpusTotal() + " GPUs serve " + PyNumbers.fixed(f.servedRate(), 2) + " of "
                + PyNumbers.fixed(f.demandRate(), 2) + " req/s for $" + PyNumbers.fixed(f.monthlyCostUsd(), 2) + "/month");
        f.bestHomogeneous().ifPresent(b -> out.println("  Cheapest single type: " + b.units() + " x " + b.gpu() + " for $"
                + PyNumbers.fixed(b.monthlyCostUsd(), 2) + "/month; the mix saves "
                + PyNumbers.fixed(100 * f.savingsVsBestHomogeneous(), 1) + "%"));
        if (f.optimalMix().cheaperThanHeuristic()) {
            out.println("  Exact search found a cheaper mix: " + f.optimalMix().units() + " for $"
                    + PyNumbers.fixed(f.optimalMix().monthlyCostUsd(), 2) + "/month (the step-grid search above is the"
                    + " reference's)");
        } else {
            out.println("  Exact search confirms no cheaper whole-GPU mix covers the demand.");
        }
        for (String w : f.warnings()) {
            out.println("  warning: " + w);
        }
    }
}
