package io.chimeraforge.planner;

import static io.chimeraforge.planner.Plans.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.PyNumbers;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.quant.Backend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Throughput rows measured on a GPU other than the reference one ({@code throughput.hardware_lookup}):
 * measured on that GPU, extrapolated by bandwidth elsewhere (naming the source) only where the
 * reference GPU has no row, ignored under {@link Compat#REFERENCE}.
 */
class HardwareRowsPlanTest {

    private static final String RTX_4090 = "RTX 4090 24GB";
    private static final double RTX_4090_GBPS = 1008;
    private static final double H100_GBPS = 3352;

    /** The bundled corpus plus rows measured on other GPUs. */
    private static FittedModels corpus(Map<String, Map<String, Double>> hardwareLookup) {
        FittedModels b = FittedModels.bundled();
        FittedModels.Throughput t = b.throughput();
        return new FittedModels(b.vram(), new FittedModels.Throughput(t.lookup(), t.quantMultipliers(),
                t.sizePowerA(), t.sizePowerB(), t.fitted(), hardwareLookup), b.scaling(), b.quality(),
                b.costPerHourUsd(), b.latency(), b.safety(), b.provenanceJson());
    }

    private static Planner planner(FittedModels corpus, Compat compat) {
        return Planner.builder().corpus(corpus).compat(compat).build();
    }

    private static final FittedModels MEASURED_ON_4090 = corpus(Map.of(RTX_4090, rows(
            "llama3.2-3b|vllm|FP16", 150.0,
            "llama3.2-3b|sglang|FP16", 120.0,
            "llama3.1-8b|vllm|FP16", 90.0)));
    private static final Planner WITH_ROWS = planner(MEASURED_ON_4090, Compat.CORRECTED);

    private static Map<String, Double> rows(Object... keysAndValues) {
        Map<String, Double> rows = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            rows.put((String) keysAndValues[i], (Double) keysAndValues[i + 1]);
        }
        return rows;
    }

    private static PlanRequest request(String model, String gpu) {
        // a budget every GPU's single replica fits, so the datacenter cards plan too
        return PlanRequest.builder().model(model).hardware(gpu).budgetUsdPerMonth(5000).build();
    }

    private static boolean mentionsExtrapolation(Candidate c) {
        return c.warnings().stream().anyMatch(w -> w.contains("extrapolation"));
    }

    @Test
    void aRowMeasuredOnTheTargetGpuIsUsedAsMeasuredWithoutScaling() {
        PlanResult plan = WITH_ROWS.plan(request("llama3.2-3b", RTX_4090));
        Candidate vllm = get(plan, "FP16", Backend.VLLM);
        assertThat(vllm.singleStreamTps()).isEqualTo(150.0);
        assertThat(vllm.provenance().throughput()).isEqualTo(Provenance.MEASURED);
        assertThat(mentionsExtrapolation(vllm)).isFalse();

        Candidate before = get(Plans.CORRECTED.plan(request("llama3.2-3b", RTX_4090)), "FP16", Backend.VLLM);
        assertThat(before.provenance().throughput()).isEqualTo(Provenance.EXTRAPOLATED);
        assertThat(before.singleStreamTps()).isNotEqualTo(150.0);
        // a key the 4090 did not measure keeps the reference GPU's extrapolation
        Candidate ollama = get(plan, "FP16", Backend.OLLAMA);
        assertThat(ollama).isEqualTo(get(Plans.CORRECTED.plan(request("llama3.2-3b", RTX_4090)), "FP16",
                Backend.OLLAMA));
        assertThat(ollama.provenance().throughput()).isEqualTo(Provenance.EXTRAPOLATED);
    }

    @Test
    void theReferenceGpuPlanIsUnchangedByRowsWithAReferenceRow() {
        FittedModels onlyVllm = corpus(Map.of(RTX_4090, rows("llama3.2-3b|vllm|FP16", 150.0)));
        for (String model : List.of("llama3.2-3b", "llama3.2-1b")) {
            PlanRequest request = request(model, "RTX 4080 12GB");
            List<Candidate> bundled = Plans.CORRECTED.plan(request).candidates();
            assertThat(bundled).isNotEmpty();
            assertThat(planner(onlyVllm, Compat.CORRECTED).plan(request).candidates()).isEqualTo(bundled);
        }
    }

    @Test
    void aKeyWithoutAReferenceRowIsExtrapolatedFromTheGpuThatMeasuredIt() {
        PlanResult plan = WITH_ROWS.plan(request("llama3.2-3b", "H100 80GB"));
        Candidate sglang = get(plan, "FP16", Backend.SGLANG);
        double ratio = H100_GBPS / RTX_4090_GBPS;
        assertThat(sglang.singleStreamTps()).isEqualTo(PyNumbers.round(120.0 * ratio, 1));
        assertThat(sglang.provenance().throughput()).isEqualTo(Provenance.EXTRAPOLATED);
        assertThat(sglang.warnings()).contains("throughput is a 3.3x memory-bandwidth extrapolation of a RTX 4090 24GB"
                + " measurement, not a measurement of this GPU -- run `chimeraforge measure` on the target to replace it");
        // measured on some GPU: the "no measured rows, first-principles estimate" warning would be false
        assertThat(sglang.warnings()).noneMatch(w -> w.startsWith("sglang has no measured rows"));

        Candidate bundled = get(Plans.CORRECTED.plan(request("llama3.2-3b", "H100 80GB")), "FP16", Backend.SGLANG);
        assertThat(bundled.provenance().throughput()).isEqualTo(Provenance.ESTIMATED);
        assertThat(bundled.warnings()).anyMatch(w -> w.startsWith("sglang has no measured rows"));
        // other quantizations of the key are not borrowed from the FP16 row
        assertThat(get(plan, "FP8", Backend.SGLANG))
                .isEqualTo(get(Plans.CORRECTED.plan(request("llama3.2-3b", "H100 80GB")), "FP8", Backend.SGLANG));
    }

    @Test
    void aModelWithNoReferenceRowsAtAllIsExtrapolatedFromTheMeasuringGpu() {
        Candidate vllm = get(WITH_ROWS.plan(request("llama3.1-8b", "H100 80GB")), "FP16", Backend.VLLM);
        assertThat(vllm.singleStreamTps()).isEqualTo(PyNumbers.round(90.0 * H100_GBPS / RTX_4090_GBPS, 1));
        assertThat(vllm.provenance().throughput()).isEqualTo(Provenance.EXTRAPOLATED);
        assertThat(vllm.warnings()).anyMatch(w -> w.contains("extrapolation of a RTX 4090 24GB measurement"));
    }

    @Test
    void theReferenceRowBeatsAnotherGpusRowForTheSameKey() {
        PlanRequest request = request("llama3.2-3b", "H100 80GB");
        Candidate vllm = get(WITH_ROWS.plan(request), "FP16", Backend.VLLM);
        Candidate bundled = get(Plans.CORRECTED.plan(request), "FP16", Backend.VLLM);
        assertThat(vllm).isEqualTo(bundled);
        assertThat(vllm.warnings()).anyMatch(w -> w.contains("extrapolation of a RTX 4080 12GB measurement"));
    }

    @Test
    void withRowsOnSeveralGpusTheNearestBandwidthIsTheSource() {
        FittedModels corpus = corpus(Map.of(
                RTX_4090, rows("llama3.2-3b|sglang|FP16", 120.0),
                "A100 80GB", rows("llama3.2-3b|sglang|FP16", 200.0)));
        Candidate onH100 = get(planner(corpus, Compat.CORRECTED).plan(request("llama3.2-3b", "H100 80GB")), "FP16",
                Backend.SGLANG);
        assertThat(onH100.singleStreamTps()).isEqualTo(PyNumbers.round(200.0 * H100_GBPS / 2039, 1));
        assertThat(onH100.warnings()).anyMatch(w -> w.contains("extrapolation of a A100 80GB measurement"));
        Candidate on3090 = get(planner(corpus, Compat.CORRECTED).plan(request("llama3.2-3b", "RTX 3090 24GB")),
                "FP16", Backend.SGLANG);
        assertThat(on3090.singleStreamTps()).isEqualTo(PyNumbers.round(120.0 * 936 / RTX_4090_GBPS, 1));
        assertThat(on3090.warnings()).anyMatch(w -> w.contains("extrapolation of a RTX 4090 24GB measurement"));
    }

    @Test
    void equallyNearSourcesAreChosenInNameOrder() {
        // both 4070s have 504 GB/s
        FittedModels corpus = corpus(Map.of(
                "RTX 4070 Ti 12GB", rows("llama3.2-3b|sglang|FP16", 80.0),
                "RTX 4070 12GB", rows("llama3.2-3b|sglang|FP16", 70.0)));
        Candidate c = get(planner(corpus, Compat.CORRECTED).plan(request("llama3.2-3b", "H100 80GB")), "FP16",
                Backend.SGLANG);
        assertThat(c.singleStreamTps()).isEqualTo(PyNumbers.round(70.0 * H100_GBPS / 504, 1));
        assertThat(c.warnings()).anyMatch(w -> w.contains("extrapolation of a RTX 4070 12GB measurement"));
    }

    @Test
    void compatReferenceIgnoresRowsMeasuredOnOtherGpus() {
        Planner withRows = planner(MEASURED_ON_4090, Compat.REFERENCE);
        for (String gpu : List.of(RTX_4090, "H100 80GB", "RTX 4080 12GB")) {
            for (String model : List.of("llama3.2-3b", "llama3.1-8b")) {
                PlanRequest request = request(model, gpu);
                List<Candidate> bundled = Plans.PLANNER.plan(request).candidates();
                assertThat(withRows.plan(request).candidates()).as("%s on %s", model, gpu).isEqualTo(bundled);
            }
        }
        assertThat(Plans.PLANNER.plan(request("llama3.2-3b", RTX_4090)).candidates()).isNotEmpty();
    }

    @Test
    void checkUsesTheSameRows() {
        Deployment vllm = Deployment.of("llama3.2-3b", "FP16", Backend.VLLM, 1);
        Candidate measured = WITH_ROWS.check(request("llama3.2-3b", RTX_4090), vllm).operating().orElseThrow();
        assertThat(measured.singleStreamTps()).isEqualTo(150.0);
        assertThat(measured.provenance().throughput()).isEqualTo(Provenance.MEASURED);
        assertThat(mentionsExtrapolation(measured)).isFalse();

        Deployment sglang = Deployment.of("llama3.2-3b", "FP16", Backend.SGLANG, 1);
        Candidate extrapolated = WITH_ROWS.check(request("llama3.2-3b", "H100 80GB"), sglang).operating()
                .orElseThrow();
        assertThat(extrapolated.singleStreamTps()).isEqualTo(PyNumbers.round(120.0 * H100_GBPS / RTX_4090_GBPS, 1));
        assertThat(extrapolated.provenance().throughput()).isEqualTo(Provenance.EXTRAPOLATED);
        assertThat(extrapolated.warnings()).anyMatch(w -> w.contains("extrapolation of a RTX 4090 24GB measurement"));

        Candidate reference = planner(MEASURED_ON_4090, Compat.REFERENCE)
                .check(request("llama3.2-3b", RTX_4090), vllm).operating().orElseThrow();
        assertThat(reference).isEqualTo(Plans.PLANNER.check(request("llama3.2-3b", RTX_4090), vllm).operating()
                .orElseThrow());
    }

    @Test
    void rowsReadFromACorpusFileCountTheSame() {
        FittedModels parsed = FittedModels.parse(MEASURED_ON_4090.toJson(), "test");
        Candidate vllm = get(planner(parsed, Compat.CORRECTED).plan(request("llama3.2-3b", RTX_4090)), "FP16",
                Backend.VLLM);
        assertThat(vllm.singleStreamTps()).isEqualTo(150.0);
        assertThat(vllm.provenance().throughput()).isEqualTo(Provenance.MEASURED);
    }
}
