package io.chimeraforge.report.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.core.Json;
import io.chimeraforge.report.Accuracy;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A prediction-vs-measurement audit: every cell of a matrix, and error statistics per provenance
 * class and metric. Pure: the caller supplies the predictions and measurements.
 */
public final class Audit {

    /** Below this many cells a row is an anecdote, not a rate. */
    public static final int MIN_CELLS_FOR_RATE = 5;

    private final ValidationMatrix matrix;
    private final List<AuditCell> cells;
    private final LocalDate generatedAt;
    private final List<ScoreRow> scorecard;

    private Audit(ValidationMatrix matrix, List<AuditCell> cells, LocalDate generatedAt) {
        this.matrix = Objects.requireNonNull(matrix, "matrix");
        this.cells = List.copyOf(cells);
        this.generatedAt = Objects.requireNonNull(generatedAt, "generatedAt");
        this.scorecard = score(this.cells);
    }

    /**
     * Builds and scores an audit.
     *
     * @param matrix      the matrix audited
     * @param cells       its cells joined to predictions and measurements
     * @param generatedAt the audit date
     * @return the audit
     */
    public static Audit of(ValidationMatrix matrix, List<AuditCell> cells, LocalDate generatedAt) {
        return new Audit(matrix, cells, generatedAt);
    }

    /** The matrix audited. */
    public ValidationMatrix matrix() {
        return matrix;
    }

    /** Every cell, including skipped ones. */
    public List<AuditCell> cells() {
        return cells;
    }

    /** One row per (class, metric) with at least one error, classes in {@link ProvenanceClass} order. */
    public List<ScoreRow> scorecard() {
        return scorecard;
    }

    /**
     * The scorecard of cells: for each class and metric, the non-skipped cells having that error.
     *
     * @param cells joined cells
     * @return the rows; empty groups produce none
     */
    public static List<ScoreRow> score(List<AuditCell> cells) {
        List<ScoreRow> rows = new ArrayList<>();
        for (ProvenanceClass cls : List.of(ProvenanceClass.ROOFLINE_ESTIMATE, ProvenanceClass.PARALLEL_ESTIMATE,
                ProvenanceClass.MEASURED_LOOKUP)) {
            for (String metric : AuditCell.METRICS) {
                List<String> keys = new ArrayList<>();
                List<Double> errors = new ArrayList<>();
                List<double[]> pairs = new ArrayList<>();
                for (AuditCell cell : cells) {
                    Double e = cell.provenanceClass() == cls ? cell.errors().get(metric) : null;
                    if (e != null) {
                        keys.add(cell.key());
                        errors.add(e);
                        pairs.add(new double[] {cell.measured().get(metric), cell.predicted().get(metric)});
                    }
                }
                if (!errors.isEmpty()) {
                    rows.add(row(cls, metric, keys, errors, pairs));
                }
            }
        }
        return List.copyOf(rows);
    }

    private static ScoreRow row(ProvenanceClass cls, String metric, List<String> keys, List<Double> errors,
            List<double[]> pairs) {
        int n = errors.size();
        double[] abs = new double[n];
        double sumAbs = 0;
        int worst = 0;
        for (int i = 0; i < n; i++) {
            abs[i] = Math.abs(errors.get(i));
            sumAbs += abs[i];
            if (abs[i] > abs[worst]) {
                worst = i;
            }
        }
        double[] signed = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = n % 2 == 1 ? signed[n / 2] : (signed[n / 2 - 1] + signed[n / 2]) / 2.0;
        java.util.Arrays.sort(abs);
        int p90Index = Math.min(new BigDecimal(0.9 * (n - 1)).setScale(0, RoundingMode.HALF_EVEN).intValueExact(), n - 1);
        double[] actual = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] predicted = pairs.stream().mapToDouble(p -> p[1]).toArray();
        return new ScoreRow(cls, metric, n, sumAbs / n, median, abs[p90Index], keys.get(worst), errors.get(worst),
                n < MIN_CELLS_FOR_RATE, Accuracy.of(actual, predicted));
    }

    /** The audit JSON (schema_version 1), one document. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.factory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schema_version", 1);
            g.writeStringField("matrix_fingerprint", matrix.fingerprint());
            g.writeStringField("registered_at", matrix.registeredAt());
            g.writeStringField("generated_at", generatedAt.toString());
            g.writeStringField("hardware", matrix.hardware());
            g.writeStringField("notes", matrix.notes().orElse(null));
            g.writeStringField("lead_class", ProvenanceClass.LEAD.id());
            g.writeArrayFieldStart("scorecard");
            for (ScoreRow r : scorecard) {
                g.writeStartObject();
                g.writeStringField("provenance_class", r.provenanceClass().id());
                g.writeStringField("metric", r.metric());
                g.writeNumberField("n", r.n());
                g.writeNumberField("mape", round(r.mape(), 4));
                g.writeNumberField("median_signed_error", round(r.medianSigned(), 4));
                g.writeNumberField("p90_abs_error", round(r.p90Abs(), 4));
                g.writeStringField("worst_cell", r.worstCell());
                g.writeNumberField("worst_error", round(r.worstError(), 4));
                g.writeBooleanField("underpowered", r.underpowered());
                g.writeNumberField("rmse", round(r.accuracy().rmse(), 4));
                g.writeNumberField("mae", round(r.accuracy().mae(), 4));
                g.writeNumberField("r_squared", round(r.accuracy().rSquared(), 4));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("cells");
            for (AuditCell c : cells) {
                g.writeStartObject();
                g.writeStringField("key", c.key());
                g.writeObjectFieldStart("cell");
                g.writeStringField("model", c.cell().model());
                g.writeStringField("quant", c.cell().quant());
                g.writeStringField("backend", c.cell().backend());
                g.writeNumberField("context_length", c.cell().contextLength());
                g.writeNumberField("prompt_tokens", c.cell().promptTokens());
                g.writeNumberField("avg_tokens", c.cell().avgTokens());
                g.writeNumberField("batch", c.cell().batch());
                g.writeEndObject();
                g.writeStringField("provenance_class", c.provenanceClass().id());
                metrics(g, "predicted", c.predicted(), -1);
                metrics(g, "measured", c.measured(), -1);
                metrics(g, "errors", c.errors(), 6);
                g.writeStringField("skipped", c.skipped().orElse(null));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void metrics(JsonGenerator g, String name, Map<String, Double> values, int decimals)
            throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            Json.writePyNumberField(g, e.getKey(), decimals < 0 ? e.getValue() : round(e.getValue(), decimals));
        }
        g.writeEndObject();
    }

    /** Half-to-even on the exact binary value, as Python's {@code round(x, n)}. */
    static double round(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** The Markdown report. */
    public String toMarkdown() {
        StringBuilder md = new StringBuilder("# ChimeraForge prediction-vs-measured audit\n\n");
        long skipped = cells.stream().filter(c -> c.skipped().isPresent()).count();
        md.append("- Hardware: ").append(matrix.hardware()).append('\n')
                .append("- Matrix registered: ").append(matrix.registeredAt()).append('\n')
                .append("- Matrix fingerprint: `").append(matrix.fingerprint(), 0, 16).append("`\n")
                .append("- Generated: ").append(generatedAt).append('\n')
                .append("- Cells: ").append(cells.size()).append(" (").append(skipped).append(" skipped)\n\n");
        boolean anyUnderpowered = false;
        for (ProvenanceClass cls : List.of(ProvenanceClass.ROOFLINE_ESTIMATE, ProvenanceClass.PARALLEL_ESTIMATE,
                ProvenanceClass.MEASURED_LOOKUP)) {
            List<ScoreRow> rows = scorecard.stream().filter(r -> r.provenanceClass() == cls).toList();
            if (rows.isEmpty()) {
                continue;
            }
            md.append("## ").append(cls.id()).append("\n\n");
            if (cls == ProvenanceClass.MEASURED_LOOKUP) {
                md.append("_In-sample: the measured corpus **is** the prediction, so these errors measure"
                        + " run-to-run drift, not the model._\n\n");
            } else if (cls == ProvenanceClass.ROOFLINE_ESTIMATE) {
                md.append("_The out-of-sample path: these errors are the planner's real accuracy._\n\n");
            }
            md.append("| Metric | n | MAPE | Median signed | p90 abs | Worst cell | Worst |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (ScoreRow r : rows) {
                anyUnderpowered |= r.underpowered();
                md.append("| ").append(r.metric()).append(" | ").append(r.n()).append(r.underpowered() ? "*" : "")
                        .append(" | ").append(pct(r.mape())).append(" | ").append(pct(r.medianSigned()))
                        .append(" | ").append(pct(r.p90Abs())).append(" | `").append(r.worstCell()).append("` | ")
                        .append(pct(r.worstError())).append(" |\n");
            }
            md.append('\n');
        }
        if (anyUnderpowered) {
            md.append("\\* fewer than ").append(MIN_CELLS_FOR_RATE)
                    .append(" cells: an anecdote, not an error rate.\n\n");
        }
        if (skipped > 0) {
            md.append("## Skipped cells\n\n");
            cells.stream().filter(c -> c.skipped().isPresent()).forEach(c -> md.append("- `").append(c.key())
                    .append("`: ").append(c.skipped().get()).append('\n'));
            md.append('\n');
        }
        md.append("Positive error means the planner was **optimistic** (the prediction exceeds the"
                + " measurement).\n");
        return md.toString();
    }

    private static String pct(double fraction) {
        return new BigDecimal(fraction * 100).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%";
    }
}
