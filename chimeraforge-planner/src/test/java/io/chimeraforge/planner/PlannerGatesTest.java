package io.chimeraforge.planner;

import static io.chimeraforge.planner.Plans.find;
import static io.chimeraforge.planner.Plans.get;
import static io.chimeraforge.planner.Plans.plan;
import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.core.estimate.KvPrecision;
import io.chimeraforge.core.estimate.Provenance;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.quant.FormatFamily;
import io.chimeraforge.core.quant.Quantization;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Safety, format, KV-quant and energy behaviour of whole plans (spec section 8 items 34, 35, 38, 39). */
class PlannerGatesTest {

    private static PlanRequest.Builder safetyBase(String model) {
        return PlanRequest.builder().model(model).requestRate(1).latencySloMs(5000).qualityTarget(0)
                .budgetUsdPerMonth(1000);
    }

    @Test
    void safetyGateIsOptIn() {
        PlanResult open = plan(safetyBase("llama3.2-1b"));
        assertThat(open.candidates()).anyMatch(c -> c.quant().equals("Q2_K"));
        assertThat(open.candidates()).allMatch(c -> c.warnings().stream().noneMatch(w -> w.contains("safety not screened")));
        assertThat(Plans.details(open, Gate.SAFETY)).isEmpty();
    }

    @Test
    void safetyTargetRemovesScreenedCellsBelowIt() {
        PlanResult gated = plan(safetyBase("llama3.2-1b").safetyTarget(0.8));
        assertThat(gated.candidates()).noneMatch(c -> c.quant().equals("Q2_K"));
        assertThat(gated.candidates()).anyMatch(c -> c.quant().equals("Q4_K_M"));
        for (Candidate c : gated.candidates()) {
            boolean screenedAbove = c.refusalRate().isPresent() && c.refusalRate().getAsDouble() >= 0.8;
            boolean unscreened = c.refusalRate().isEmpty()
                    && c.warnings().contains("safety not screened (no TR134/TR142 data)");
            assertThat(screenedAbove || unscreened).as("%s/%s", c.quant(), c.backend()).isTrue();
        }
        // FP8 / AWQ / GPTQ have no screen and pass unverified
        assertThat(gated.candidates()).anyMatch(c -> List.of("FP8", "AWQ", "GPTQ").contains(c.quant()));
        assertThat(Plans.details(gated, Gate.SAFETY)).contains("refusal 0.37 < target 0.8");
    }

    @Test
    void safetyRowsAreModelSpecific() {
        PlanResult llama3b = plan(safetyBase("llama3.2-3b").safetyTarget(0.7));
        assertThat(llama3b.candidates()).noneMatch(c -> c.quant().equals("Q4_K_M"));
        assertThat(llama3b.candidates()).anyMatch(c -> c.quant().equals("Q2_K"));
        assertThat(Plans.details(llama3b, Gate.SAFETY)).contains("refusal 0.66 < target 0.7");
    }

    @Test
    void unscreenedModelPassesWithAWarning() {
        PlanResult qwen = plan(safetyBase("qwen2.5-0.5b").safetyTarget(0.8));
        assertThat(qwen.candidates()).isNotEmpty();
        for (Candidate c : qwen.candidates()) {
            assertThat(c.refusalRate()).isEmpty();
            assertThat(c.rtsiRisk()).isEqualTo("UNKNOWN");
            assertThat(c.provenance().safety()).isEqualTo(Provenance.UNKNOWN);
            assertThat(c.warnings()).contains("safety not screened (no TR134/TR142 data)");
        }
    }

    @Test
    void lowSafetyTargetKeepsHighRtsiRiskWithAWarning() {
        PlanResult low = plan(safetyBase("llama3.2-1b").safetyTarget(0.3));
        Candidate q2 = low.candidates().stream().filter(c -> c.quant().equals("Q2_K")).findFirst().orElseThrow();
        assertThat(q2.refusalRate()).hasValue(0.368);
        assertThat(q2.rtsiRisk()).isEqualTo("HIGH");
        assertThat(q2.warnings()).anyMatch(w -> w.contains("RTSI") && w.contains("HIGH"));
    }

    private static PlanRequest.Builder formatBase(String gpu) {
        return PlanRequest.builder().model("llama3.1-8b").hardware(gpu).requestRate(2).budgetUsdPerMonth(1e9);
    }

    @Test
    void backendsOnlyServeTheirFormatsOnH100() {
        PlanResult h100 = plan(formatBase("H100 80GB"));
        for (Candidate c : h100.candidates()) {
            assertThat(c.backend().serves(Quantization.family(c.quant()))).as("%s/%s", c.quant(), c.backend()).isTrue();
        }
        assertThat(h100.candidates()).noneMatch(c -> c.backend() != Backend.OLLAMA
                && Quantization.family(c.quant()) == FormatFamily.GGUF);
        assertThat(h100.candidates()).anyMatch(c -> c.backend() == Backend.OLLAMA
                && Quantization.family(c.quant()) == FormatFamily.GGUF);
        Candidate fp8 = get(h100, "FP8", Backend.VLLM);
        assertThat(find(h100, "FP8", Backend.OLLAMA)).isEmpty();
        assertThat(fp8.vramPerGpuGb()).isLessThan(get(h100, "FP16", Backend.VLLM).vramPerGpuGb());
        assertThat(fp8.provenance().quality()).isNotEqualTo(Provenance.MEASURED);
        assertThat(Plans.details(h100, Gate.FORMAT)).contains("ollama does not serve fp8 checkpoints",
                "vllm does not serve gguf checkpoints", "ollama does not serve w4a16 checkpoints");
    }

    @Test
    void gpusWithoutFp8TensorCoresGetNoFp8() {
        PlanResult a100 = plan(formatBase("A100 80GB"));
        assertThat(a100.candidates()).isNotEmpty().noneMatch(c -> c.quant().equals("FP8"));
        List<String> format = Plans.details(a100, Gate.FORMAT);
        assertThat(format).anyMatch(d -> d.contains("does not serve"));
        // the user's string verbatim
        assertThat(format).contains("A100 80GB has no FP8 tensor cores");
    }

    @Test
    void consumerGpuServesGgufOnOllama() {
        assertThat(find(plan(formatBase("RTX 4080 12GB")), "Q4_K_M", Backend.OLLAMA)).isPresent();
    }

    @Test
    void energyIsReportedBesideTheBillNeverInIt() {
        PlanRequest.Builder base = PlanRequest.builder().model("llama3.1-8b").hardware("H100 80GB").requestRate(5)
                .budgetUsdPerMonth(1e5).latencySloMs(60000);
        PlanResult cheap = plan(base.electricityRate(0.05));
        PlanResult dear = plan(base.electricityRate(0.50));
        Candidate w = cheap.recommendation().orElseThrow();
        assertThat(w.tdpWatts()).isEqualTo(700.0);
        assertThat(w.energyCostPerMonthUsd()).isPositive();
        assertThat(w.energyCostPerMillionTokensUsd()).isPositive();
        assertThat(w.tokensPerSecondPerWatt()).isPositive();
        assertThat(w.quant()).isEqualTo("Q3_K_S");
        assertThat(w.backend()).isEqualTo(Backend.OLLAMA);
        assertThat(w.replicas()).isEqualTo(1);
        assertThat(w.utilisation()).isEqualTo(0.947);
        assertThat(w.p95LatencyMs()).isEqualTo(5304.5);
        assertThat(w.warnings()).contains("utilisation > 70% safety cap");

        assertThat(dear.candidates()).hasSameSizeAs(cheap.candidates());
        for (int i = 0; i < cheap.candidates().size(); i++) {
            Candidate a = cheap.candidates().get(i);
            Candidate b = dear.candidates().get(i);
            assertThat(b.monthlyCostUsd()).isEqualTo(a.monthlyCostUsd());
            assertThat(b.costPerMillionTokensUsd()).isEqualTo(a.costPerMillionTokensUsd());
            assertThat(b.energyCostPerMonthUsd()).isGreaterThan(a.energyCostPerMonthUsd());
        }
    }

    @Test
    void kvQuantShrinksVramAndWarns() {
        PlanRequest.Builder base = PlanRequest.builder().model("llama3.1-8b").hardware("A100 80GB").contextLength(16384)
                .budgetUsdPerMonth(1e9);
        PlanResult fp16 = plan(base.kvPrecision(KvPrecision.FP16));
        PlanResult q4 = plan(base.kvPrecision(KvPrecision.Q4));
        PlanResult q8 = plan(base.kvPrecision(KvPrecision.Q8));
        PlanResult byDefault = plan(PlanRequest.builder().model("llama3.1-8b").hardware("A100 80GB")
                .contextLength(16384).budgetUsdPerMonth(1e9));
        assertThat(fp16.candidates()).isNotEmpty();
        int common = 0;
        for (Candidate c : fp16.candidates()) {
            var other = find(q4, c.quant(), c.backend());
            if (other.isPresent()) {
                common++;
                assertThat(other.get().vramPerGpuGb()).as("%s/%s", c.quant(), c.backend())
                        .isLessThan(c.vramPerGpuGb());
            }
        }
        assertThat(common).isPositive();
        assertThat(q8.candidates()).isNotEmpty()
                .allMatch(c -> c.warnings().stream().anyMatch(w -> w.startsWith("KV cache quantized (q8)")));
        assertThat(fp16.candidates()).allMatch(c -> c.warnings().stream().noneMatch(w -> w.contains("KV cache quantized")));
        assertThat(byDefault.candidates()).isEqualTo(fp16.candidates());
    }
}
