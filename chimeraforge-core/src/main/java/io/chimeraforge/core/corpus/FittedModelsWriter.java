package io.chimeraforge.core.corpus;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import io.chimeraforge.core.Json;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes a corpus in the {@code fitted_models.json} layout the reference writes: the seven
 * sections in its order, each key in its order, numbers as Python prints them, two-space indent.
 * Rows measured off the reference GPU ({@code throughput.hardware_lookup}) and the
 * {@code _provenance} block are written only when present, so a corpus without them is the
 * reference's file.
 */
final class FittedModelsWriter {

    private FittedModelsWriter() {
    }

    static String toJson(FittedModels corpus) {
        StringWriter text = new StringWriter(16_384);
        try (JsonGenerator out = Json.pythonStyleGenerator(text)) {
            out.writeStartObject();
            out.writeObjectFieldStart("vram");
            Json.writePyNumberField(out, "overhead_factor", corpus.vram().overheadFactor());
            Json.writePyNumberField(out, "act_coeff", corpus.vram().activationCoeff());
            out.writeBooleanField("fitted", corpus.vram().fitted());
            out.writeEndObject();

            FittedModels.Throughput t = corpus.throughput();
            out.writeObjectFieldStart("throughput");
            numbers(out, "lookup", t.lookup());
            numbers(out, "quant_multipliers", t.quantMultipliers());
            Json.writePyNumberField(out, "size_power_a", t.sizePowerA());
            Json.writePyNumberField(out, "size_power_b", t.sizePowerB());
            out.writeBooleanField("fitted", t.fitted());
            if (!t.hardwareLookup().isEmpty()) {
                out.writeObjectFieldStart("hardware_lookup");
                for (Map.Entry<String, Map<String, Double>> gpu : t.hardwareLookup().entrySet()) {
                    numbers(out, gpu.getKey(), gpu.getValue());
                }
                out.writeEndObject();
            }
            out.writeEndObject();

            out.writeObjectFieldStart("scaling");
            numbers(out, "serial_fractions", corpus.scaling().serialFractions());
            numbers(out, "defaults", corpus.scaling().defaults());
            out.writeBooleanField("fitted", corpus.scaling().fitted());
            out.writeEndObject();

            out.writeObjectFieldStart("quality");
            numbers(out, "lookup", corpus.quality().lookup());
            numbers(out, "fp16_baselines", corpus.quality().fp16Baselines());
            numbers(out, "quant_deltas", corpus.quality().quantDeltas());
            out.writeBooleanField("fitted", corpus.quality().fitted());
            out.writeEndObject();

            out.writeObjectFieldStart("cost");
            Json.writePyNumberField(out, "hw_cost_per_hour", corpus.costPerHourUsd());
            out.writeEndObject();

            out.writeObjectFieldStart("latency");
            numbers(out, "service_times", corpus.latency().serviceTimesMs());
            Json.writePyNumberField(out, "safety_factor", corpus.latency().safetyFactor());
            out.writeBooleanField("fitted", corpus.latency().fitted());
            out.writeEndObject();

            FittedModels.Safety s = corpus.safety();
            out.writeObjectFieldStart("safety");
            numbers(out, "lookup", s.lookup());
            numbers(out, "fp16_baselines", s.fp16Baselines());
            out.writeObjectFieldStart("rtsi");
            for (Map.Entry<String, FittedModels.Rtsi> e : s.rtsi().entrySet()) {
                out.writeObjectFieldStart(e.getKey());
                Json.writePyNumberField(out, "score", e.getValue().score());
                out.writeStringField("risk", e.getValue().risk());
                out.writeEndObject();
            }
            out.writeEndObject();
            if (s.metric().isPresent()) {
                out.writeStringField("metric", s.metric().get());
            }
            if (s.source().isPresent()) {
                out.writeStringField("source", s.source().get());
            }
            out.writeBooleanField("fitted", s.fitted());
            out.writeEndObject();

            if (corpus.provenanceJson().isPresent()) {
                out.writeFieldName("_provenance");
                try (JsonParser block = Json.factory().createParser(corpus.provenanceJson().get())) {
                    block.nextToken();
                    out.copyCurrentStructure(block);
                }
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void numbers(JsonGenerator out, String name, Map<String, Double> values) throws IOException {
        out.writeObjectFieldStart(name);
        for (Map.Entry<String, Double> e : values.entrySet()) {
            Json.writePyNumberField(out, e.getKey(), e.getValue());
        }
        out.writeEndObject();
    }
}
