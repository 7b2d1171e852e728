package io.chimeraforge.report.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.report.Comparison;
import io.chimeraforge.report.ComparisonRow;
import io.chimeraforge.report.MetricChange;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;

/** Writes a {@link Comparison} as the reference's {@code compare --json} document (or ours). */
public final class ComparisonJson {

    private ComparisonJson() {
    }

    /** The document: the reference's row array, or an object with rows, summary and counts. */
    public static String write(Comparison c) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.pythonStyleGenerator(out)) {
            if (c.compat() == Compat.REFERENCE) {
                rows(g, c);
            } else {
                g.writeStartObject();
                g.writeFieldName("rows");
                rows(g, c);
                g.writeObjectFieldStart("summary");
                g.writeNumberField("configs_compared", c.rows().size());
                Json.writePyNumberField(g, "avg_throughput_delta_pct", c.averageThroughputDeltaPct());
                Json.writePyNumberField(g, "avg_duration_delta_pct", c.averageDurationDeltaPct());
                g.writeNumberField("improvements", c.improvements());
                g.writeNumberField("regressions", c.regressions());
                g.writeNumberField("unmatched_baseline", c.unmatchedBaseline());
                g.writeNumberField("unmatched_candidate", c.unmatchedCandidate());
                g.writeNumberField("regressed_configs", c.regressedRows().size());
                Json.writePyNumberField(g, "confidence", c.options().confidence());
                Json.writePyNumberField(g, "threshold_pct", c.options().thresholdPct());
                g.writeEndObject();
                g.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** {@code <name>_verdict} and {@code <name>_ci_pct} ({@code [low, high]}, or null without per-request data). */
    private static void change(JsonGenerator g, String name, MetricChange m) throws IOException {
        g.writeStringField(name + "_verdict", m.verdict().name().toLowerCase(Locale.ROOT));
        g.writeFieldName(name + "_ci_pct");
        if (m.interval().isPresent()) {
            g.writeStartArray();
            Json.writePyNumber(g, m.interval().get().lowPct());
            Json.writePyNumber(g, m.interval().get().highPct());
            g.writeEndArray();
        } else {
            g.writeNull();
        }
    }

    private static void rows(JsonGenerator g, Comparison c) throws IOException {
        g.writeStartArray();
        for (ComparisonRow r : c.rows()) {
            g.writeStartObject();
            g.writeStringField("key", r.key());
            g.writeStringField("model", r.model());
            g.writeStringField("backend", r.backend());
            g.writeStringField("quant", r.quant());
            g.writeStringField("workload", r.workload());
            g.writeNumberField("context_length", r.contextLength());
            Json.writePyNumberField(g, "baseline_throughput", r.baselineThroughput());
            Json.writePyNumberField(g, "baseline_ttft", r.baselineTtft());
            Json.writePyNumberField(g, "baseline_duration", r.baselineDuration());
            g.writeNumberField("baseline_runs", r.baselineRuns());
            Json.writePyNumberField(g, "candidate_throughput", r.candidateThroughput());
            Json.writePyNumberField(g, "candidate_ttft", r.candidateTtft());
            Json.writePyNumberField(g, "candidate_duration", r.candidateDuration());
            g.writeNumberField("candidate_runs", r.candidateRuns());
            Json.writePyNumberField(g, "delta_throughput_pct", r.deltaThroughputPct());
            g.writeFieldName("delta_ttft_pct");
            if (r.deltaTtftPct().isPresent()) {
                Json.writePyNumber(g, r.deltaTtftPct().getAsDouble());
            } else {
                g.writeNull();
            }
            Json.writePyNumberField(g, "delta_duration_pct", r.deltaDurationPct());
            if (c.compat() != Compat.REFERENCE) {
                change(g, "throughput", r.throughput());
                change(g, "ttft", r.ttft());
                change(g, "duration", r.duration());
                g.writeArrayFieldStart("warnings");
                for (String w : r.warnings()) {
                    g.writeString(w);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
