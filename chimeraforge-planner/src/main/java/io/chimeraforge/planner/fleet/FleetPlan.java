package io.chimeraforge.planner.fleet;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.estimate.Provenance;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A workload sized across a mix of GPU types: how many of each, what the mix costs and serves,
 * the cheapest single-type fleet for comparison, and the cheapest mix proven by exact search.
 *
 * @param units              GPUs per type (only types used), in the order the fleet listed them
 * @param demandRate         the requests per second to cover
 * @param servedRate         what the mix sustains
 * @param monthlyCostUsd     what the mix costs a month
 * @param mixed              whether more than one type is used
 * @param bestHomogeneous    the cheapest fleet of one type, if one within the cap covers the demand
 * @param savingsVsBestHomogeneous the mix's saving against it, as a fraction (0 when none)
 * @param perGpu             each used type's single-GPU capacity and configuration
 * @param provenance         the worst label across the used types, per figure (vram, throughput, quality)
 * @param warnings           what to check before committing spend
 * @param optimalMix         the cheapest whole-unit mix found by exact search (beyond the reference,
 *                           whose step-grid search can buy an extra GPU)
 */
public record FleetPlan(Map<String, Integer> units, double demandRate, double servedRate, double monthlyCostUsd,
        boolean mixed, Optional<Homogeneous> bestHomogeneous, double savingsVsBestHomogeneous, List<GpuOption> perGpu,
        Map<String, Provenance> provenance, List<String> warnings, Mix optimalMix) {

    /**
     * The cheapest fleet of a single GPU type.
     *
     * @param gpu            the type
     * @param units          how many
     * @param monthlyCostUsd what they cost a month
     */
    public record Homogeneous(String gpu, int units, double monthlyCostUsd) {
    }

    /**
     * A mix found by exact search.
     *
     * @param units          GPUs per type (only types used)
     * @param monthlyCostUsd what it costs a month
     * @param servedRate     what it sustains
     * @param cheaperThanHeuristic whether it costs less than the reference's step-grid mix
     */
    public record Mix(Map<String, Integer> units, double monthlyCostUsd, double servedRate,
            boolean cheaperThanHeuristic) {
        /** Copies the map. */
        public Mix {
            units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
        }
    }

    /** Copies the collections. */
    public FleetPlan {
        units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
        Objects.requireNonNull(bestHomogeneous, "bestHomogeneous");
        perGpu = List.copyOf(perGpu);
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(optimalMix, "optimalMix");
    }

    /** GPUs in the mix. */
    public int gpusTotal() {
        return units.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Writes the reference's {@code fleet} object (rounded as it rounds); with
     * {@code includeOptimalMix}, adds {@code optimal_mix} at the end.
     */
    public void writeJson(JsonGenerator g, boolean includeOptimalMix) throws IOException {
        g.writeStartObject();
        writeUnits(g, "units", units);
        g.writeNumberField("gpus_total", gpusTotal());
        Json.writePyNumberField(g, "demand_rate", PyNumbers.round(demandRate, 4));
        Json.writePyNumberField(g, "served_rate", PyNumbers.round(servedRate, 4));
        Json.writePyNumberField(g, "monthly_cost_usd", PyNumbers.round(monthlyCostUsd, 2));
        g.writeBooleanField("mixed", mixed);
        g.writeFieldName("best_homogeneous");
        if (bestHomogeneous.isPresent()) {
            Homogeneous h = bestHomogeneous.get();
            g.writeStartObject();
            g.writeStringField("gpu", h.gpu());
            g.writeNumberField("units", h.units());
            Json.writePyNumberField(g, "monthly_cost_usd", PyNumbers.round(h.monthlyCostUsd(), 2));
            g.writeEndObject();
        } else {
            g.writeNull();
        }
        Json.writePyNumberField(g, "savings_vs_best_homogeneous", PyNumbers.round(savingsVsBestHomogeneous, 4));
        g.writeArrayFieldStart("per_gpu");
        for (GpuOption o : perGpu) {
            g.writeStartObject();
            g.writeStringField("gpu", o.gpu());
            Json.writePyNumberField(g, "rate_per_gpu", PyNumbers.round(o.ratePerGpu(), 4));
            Json.writePyNumberField(g, "cost_per_gpu_month_usd", PyNumbers.round(o.costPerGpuMonthUsd(), 2));
            Json.writePyNumberField(g, "cost_per_req_per_sec_usd", PyNumbers.round(o.costPerRate(), 2));
            g.writeStringField("quant", o.quant());
            g.writeStringField("backend", o.backend());
            Json.writePyNumberField(g, "quality", o.quality());
            Json.writePyNumberField(g, "vram_gb_per_gpu", o.vramGbPerGpu());
            Json.writePyNumberField(g, "throughput_tps_per_gpu", PyNumbers.round(o.throughputTpsPerGpu(), 1));
            Json.writePyNumberField(g, "p95_latency_ms", PyNumbers.round(o.p95LatencyMs(), 1));
            g.writeObjectFieldStart("provenance");
            g.writeStringField("vram", o.provenance().vram().id());
            g.writeStringField("throughput", o.provenance().throughput().id());
            g.writeStringField("quality", o.provenance().quality().id());
            g.writeStringField("safety", o.provenance().safety().id());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("provenance");
        for (Map.Entry<String, Provenance> p : provenance.entrySet()) {
            g.writeStringField(p.getKey(), p.getValue().id());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("warnings");
        for (String w : warnings) {
            g.writeString(w);
        }
        g.writeEndArray();
        if (includeOptimalMix) {
            g.writeObjectFieldStart("optimal_mix");
            writeUnits(g, "units", optimalMix.units());
            Json.writePyNumberField(g, "monthly_cost_usd", PyNumbers.round(optimalMix.monthlyCostUsd(), 2));
            Json.writePyNumberField(g, "served_rate", PyNumbers.round(optimalMix.servedRate(), 4));
            g.writeBooleanField("cheaper_than_heuristic", optimalMix.cheaperThanHeuristic());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeUnits(JsonGenerator g, String name, Map<String, Integer> units) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, Integer> u : units.entrySet()) {
            g.writeNumberField(u.getKey(), u.getValue());
        }
        g.writeEndObject();
    }
}
