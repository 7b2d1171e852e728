package io.chimeraforge.planner.refit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.corpus.FittedModels;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ten sanity checks a corpus must pass before a planner should trust it, in the reference's
 * order and with its names and {@code actual} strings, plus any checks a refit adds (see
 * {@link Refit}). Immutable.
 */
public final class CorpusValidation {

    /** The quantizations whose multipliers must not decrease, fastest-last. */
    static final List<String> ORDERED_LEVELS = List.of("FP16", "Q8_0", "Q6_K", "Q5_K_M", "Q4_K_M", "Q3_K_S", "Q2_K");

    private final List<ValidationCheck> checks;

    private CorpusValidation(List<ValidationCheck> checks) {
        this.checks = Collections.unmodifiableList(new ArrayList<>(checks));
    }

    /** Validates a corpus. */
    public static CorpusValidation of(FittedModels corpus) {
        return ofJson(corpus.toJson());
    }

    /** Validates a corpus in its {@code fitted_models.json} form; missing keys take the reference's defaults. */
    public static CorpusValidation ofJson(String json) {
        try {
            return ofTree(Json.mapper().readTree(json));
        } catch (IOException e) {
            throw new RefitException("invalid models JSON: " + e.getMessage(), e);
        }
    }

    static CorpusValidation ofTree(JsonNode root) {
        return new CorpusValidation(standardChecks(root));
    }

    /** This validation with one more check appended. */
    CorpusValidation with(ValidationCheck extra) {
        List<ValidationCheck> all = new ArrayList<>(checks);
        all.add(Objects.requireNonNull(extra, "extra"));
        return new CorpusValidation(all);
    }

    /** The checks, in order. */
    public List<ValidationCheck> checks() {
        return checks;
    }

    /** Whether every check passed. */
    public boolean passed() {
        return failedCount() == 0;
    }

    /** How many checks passed. */
    public int passedCount() {
        return checks.size() - failedCount();
    }

    /** How many checks failed. */
    public int failedCount() {
        int failed = 0;
        for (ValidationCheck check : checks) {
            if (!check.passed()) {
                failed++;
            }
        }
        return failed;
    }

    /** {@code {passed, n_passed, n_failed, checks: [{name, description, passed, expected, actual}]}}. */
    public String toJson() {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.pythonStyleGenerator(text)) {
            write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes {@link #toJson()}'s object to a generator (to nest it in another document). */
    public void write(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeBooleanField("passed", passed());
        out.writeNumberField("n_passed", passedCount());
        out.writeNumberField("n_failed", failedCount());
        out.writeArrayFieldStart("checks");
        for (ValidationCheck check : checks) {
            out.writeStartObject();
            out.writeStringField("name", check.name());
            out.writeStringField("description", check.description());
            out.writeBooleanField("passed", check.passed());
            out.writeStringField("expected", check.expected());
            out.writeStringField("actual", check.actual());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static List<ValidationCheck> standardChecks(JsonNode root) {
        JsonNode throughput = root.path("throughput");
        JsonNode lookup = throughput.path("lookup");
        JsonNode multipliers = throughput.path("quant_multipliers");
        JsonNode serviceTimes = root.path("latency").path("service_times");
        List<ValidationCheck> out = new ArrayList<>(10);

        int nonPositive = countNonPositive(lookup);
        out.add(new ValidationCheck("throughput_positive", "every measured throughput is a positive rate",
                nonPositive == 0, "all values > 0", nonPositive == 0 ? "all positive" : nonPositive + " non-positive entries"));

        List<String> present = new ArrayList<>();
        boolean ordered = true;
        double previous = Double.NEGATIVE_INFINITY;
        for (String level : ORDERED_LEVELS) {
            JsonNode value = multipliers.path(level);
            if (value.isNumber()) {
                present.add(level + "=" + PyNumbers.fixed(value.doubleValue(), 2));
                if (value.doubleValue() < previous) {
                    ordered = false;
                }
                previous = value.doubleValue();
            }
        }
        out.add(new ValidationCheck("quant_multipliers_ordered",
                "fewer bits per weight never decode slower (FP16 through Q2_K)", ordered,
                "non-decreasing multipliers", present.isEmpty() ? "no multipliers" : String.join(", ", present)));

        int badTimes = countNonPositive(serviceTimes);
        out.add(new ValidationCheck("service_times_positive", "every service time is a positive duration",
                badTimes == 0, "all values > 0", badTimes == 0 ? "all positive" : badTimes + " non-positive entries"));

        double a = number(throughput.path("size_power_a"), 0);
        double b = number(throughput.path("size_power_b"), 0);
        out.add(new ValidationCheck("power_law_reasonable",
                "the size power law falls with model size and is not degenerate", a > 0 && b > 0 && b < 5,
                "a > 0, 0 < b < 5", "a=" + PyNumbers.fixed(a, 4) + ", b=" + PyNumbers.fixed(b, 4)));

        double safety = number(root.path("latency").path("safety_factor"), 0.7);
        out.add(new ValidationCheck("safety_factor_range", "the queueing utilisation limit is plausible",
                safety >= 0.5 && safety <= 1.0, "0.5 <= safety_factor <= 1.0", "safety_factor=" + PyNumbers.repr(safety)));

        double overhead = number(root.path("vram").path("overhead_factor"), 1.1);
        out.add(new ValidationCheck("vram_overhead_range", "the VRAM overhead over the weights is plausible",
                overhead >= 1.0 && overhead <= 2.0, "1.0 <= overhead_factor <= 2.0",
                "overhead_factor=" + PyNumbers.fixed(overhead, 4)));

        double fp16 = number(multipliers.path("FP16"), 1.0);
        int violations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = multipliers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("FP16") && number(e.getValue(), 0) < fp16) {
                violations++;
            }
        }
        out.add(new ValidationCheck("fp16_fastest", "no quantization is slower than FP16", violations == 0,
                "all quant multipliers >= " + PyNumbers.repr(fp16),
                violations == 0 ? "all >= FP16" : violations + " violations"));

        int entries = lookup.isObject() ? lookup.size() : 0;
        out.add(new ValidationCheck("throughput_not_empty", "the corpus measures at least one configuration",
                entries >= 1, ">= 1 entry", entries + " entries"));

        JsonNode fp16Node = multipliers.path("FP16");
        boolean fp16IsOne = fp16Node.isNumber() && fp16Node.doubleValue() == 1.0;
        out.add(new ValidationCheck("quant_fp16_is_one", "multipliers are relative to FP16", fp16IsOne,
                "FP16 = 1.0", fp16Node.isNumber() ? "FP16 = " + PyNumbers.repr(fp16Node.doubleValue()) : "FP16 missing"));

        int services = serviceTimes.isObject() ? serviceTimes.size() : 0;
        out.add(new ValidationCheck("latency_has_entries", "the corpus has at least one service time",
                services >= 1, ">= 1 entry", services + " entries"));
        return out;
    }

    private static int countNonPositive(JsonNode table) {
        int count = 0;
        for (JsonNode value : table) {
            if (!(number(value, 0) > 0)) {
                count++;
            }
        }
        return count;
    }

    private static double number(JsonNode node, double missing) {
        return node.isNumber() ? node.doubleValue() : missing;
    }
}
