package io.chimeraforge.planner.refit;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.internal.OrderedMaps;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a refit changed. The first nine components are the reference's summary, with its meaning
 * (note {@code quantMultipliersUpdated} is the size of the whole multiplier table and
 * {@code confidenceWeight} the global weight, as the reference reports them); the rest are written
 * only by the corrected behaviour.
 *
 * @param benchResultsLoaded        results read
 * @param throughputEntriesUpdated  distinct {@code model|backend|quant} keys measured
 * @param quantMultipliersUpdated   entries in the resulting multiplier table
 * @param serviceTimesUpdated       distinct {@code model|backend} service times measured
 * @param powerLawRefit             whether the size power law was refitted
 * @param totalRuns                 runs attempted over all results
 * @param confidenceWeight          {@code min(1, totalRuns / 50)}
 * @param hardwareOffsets           median measured/base ratio per {@code model|backend}
 * @param warnings                  small samples, noisy results, unlabelled runs
 * @param quantMultiplierSamples    runs behind each measured multiplier (corrected only)
 * @param hardwareRowsUpdated       rows measured per GPU, reference GPU included (corrected only)
 * @param modelAliases              raw model names filed under a registry name (corrected only)
 */
public record RefitSummary(int benchResultsLoaded, int throughputEntriesUpdated, int quantMultipliersUpdated,
                           int serviceTimesUpdated, boolean powerLawRefit, long totalRuns, double confidenceWeight,
                           Map<String, Double> hardwareOffsets, List<String> warnings,
                           Map<String, Long> quantMultiplierSamples, Map<String, Integer> hardwareRowsUpdated,
                           Map<String, String> modelAliases) {

    public RefitSummary {
        hardwareOffsets = OrderedMaps.copyOf(hardwareOffsets, "hardwareOffsets");
        warnings = List.copyOf(warnings);
        quantMultiplierSamples = OrderedMaps.copyOf(quantMultiplierSamples, "quantMultiplierSamples");
        hardwareRowsUpdated = OrderedMaps.copyOf(hardwareRowsUpdated, "hardwareRowsUpdated");
        modelAliases = OrderedMaps.copyOf(modelAliases, "modelAliases");
    }

    /** The summary as JSON: the reference's nine keys, plus the corrected behaviour's three unless {@code compat} is REFERENCE. */
    public String toJson(Compat compat) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = Json.pythonStyleGenerator(text)) {
            write(out, compat);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** Writes {@link #toJson}'s object to a generator. */
    public void write(JsonGenerator out, Compat compat) throws IOException {
        Objects.requireNonNull(compat, "compat");
        out.writeStartObject();
        out.writeNumberField("bench_results_loaded", benchResultsLoaded);
        out.writeNumberField("throughput_entries_updated", throughputEntriesUpdated);
        out.writeNumberField("quant_multipliers_updated", quantMultipliersUpdated);
        out.writeNumberField("service_times_updated", serviceTimesUpdated);
        out.writeBooleanField("power_law_refit", powerLawRefit);
        out.writeNumberField("total_runs", totalRuns);
        Json.writePyNumberField(out, "confidence_weight", confidenceWeight);
        out.writeObjectFieldStart("hardware_offsets");
        for (Map.Entry<String, Double> e : hardwareOffsets.entrySet()) {
            Json.writePyNumberField(out, e.getKey(), e.getValue());
        }
        out.writeEndObject();
        out.writeArrayFieldStart("warnings");
        for (String warning : warnings) {
            out.writeString(warning);
        }
        out.writeEndArray();
        if (compat != Compat.REFERENCE) {
            out.writeObjectFieldStart("quant_multiplier_samples");
            for (Map.Entry<String, Long> e : quantMultiplierSamples.entrySet()) {
                out.writeNumberField(e.getKey(), e.getValue());
            }
            out.writeEndObject();
            out.writeObjectFieldStart("hardware_rows_updated");
            for (Map.Entry<String, Integer> e : hardwareRowsUpdated.entrySet()) {
                out.writeNumberField(e.getKey(), e.getValue());
            }
            out.writeEndObject();
            out.writeObjectFieldStart("model_aliases");
            for (Map.Entry<String, String> e : modelAliases.entrySet()) {
                out.writeStringField(e.getKey(), e.getValue());
            }
            out.writeEndObject();
        }
        out.writeEndObject();
    }
}
