package io.chimeraforge.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.estimate.QualityModel.Tier;
import io.chimeraforge.core.model.ModelRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quality estimates and tiers, refusal rates and RTSI (spec 2.13, 2.14; section 8 items 23-24). */
class QualityAndSafetyModelTest {

    private final QualityModel quality = new QualityModel(FittedModels.bundled().quality(), ModelRegistry.bundled());
    private final SafetyModel safety = new SafetyModel(FittedModels.bundled().safety());

    private static Optional<String> family(String f) {
        return Optional.of(f);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        // model, quant, family, value, provenance, tier (engine, family-aware)
        "llama3.1-8b, FP16, llama3.1, 0.63515, ESTIMATED, NEGLIGIBLE",
        "llama3.1-8b, Q8_0, llama3.1, 0.63515, MEASURED, NEGLIGIBLE",
        "llama3.1-8b, Q2_K, llama3.1, 0.590476, MEASURED, ACCEPTABLE",
        "llama3.2-1b, Q2_K, llama3.2, 0.388785, MEASURED, UNACCEPTABLE",
        "llama3.2-1b, FP16, llama3.2, 0.5436810000000001, MEASURED, NEGLIGIBLE",
        "llama3.2-3b, FP16, llama3.2, 0.53759, MEASURED, NEGLIGIBLE",
        "qwen2.5-1.5b, Q3_K_S, qwen2.5, 0.472194, MEASURED, CONCERNING",
        "qwen2.5-1.5b, Q5_K_M, qwen2.5, 0.526329, MEASURED, ACCEPTABLE",
        "qwen2.5-1.5b, Q6_K, qwen2.5, 0.585826, MEASURED, NEGLIGIBLE",
        "phi-2, Q2_K, phi, 0.491509, MEASURED, ACCEPTABLE",
        // FP8 / AWQ / GPTQ have no rows and no delta: the FP16 baseline, estimated
        "llama3.2-3b, FP8, llama3.2, 0.53759, ESTIMATED, NEGLIGIBLE",
        "llama3.2-3b, AWQ, llama3.2, 0.53759, ESTIMATED, NEGLIGIBLE",
        "llama3.1-8b, GPTQ, llama3.1, 0.63515, ESTIMATED, NEGLIGIBLE",
        // registry models without rows get the family prior (qwen2.5-1.5b's baseline)
        "qwen2.5-0.5b, FP16, qwen2.5, 0.58395, ESTIMATED, NEGLIGIBLE",
        "qwen2.5-3b, FP16, qwen2.5, 0.58395, ESTIMATED, NEGLIGIBLE",
    })
    void resolvedQuality(String model, String quant, String fam, double value, Provenance provenance, Tier tier) {
        QualityModel.Estimate estimate = quality.estimate(model, quant, family(fam));
        assertThat(estimate.value()).isCloseTo(value, within(1e-12));
        assertThat(estimate.provenance()).isEqualTo(provenance);
        assertThat(quality.tier(model, quant, family(fam))).isEqualTo(tier);
    }

    @Test
    void familyPriorPlusQuantDelta() {
        QualityModel.Estimate q4 = quality.estimate("qwen2.5-0.5b", "Q4_K_M", family("qwen2.5"));
        assertThat(q4.value()).isCloseTo(0.58395 + 0.017647499999999983, within(1e-12));
        assertThat(q4.provenance()).isEqualTo(Provenance.ESTIMATED);
        QualityModel.Estimate offRegistry = quality.estimate("qwen2.5:7b", "Q3_K_S", family("qwen2.5"));
        assertThat(offRegistry.provenance()).isEqualTo(Provenance.ESTIMATED);
        assertThat(offRegistry.value()).isCloseTo(0.58395 - 0.02850649999999999, within(1e-12));
        assertThat(quality.tier("qwen2.5:7b", "Q3_K_S", family("qwen2.5"))).isNotEqualTo(Tier.UNKNOWN);
    }

    @Test
    void llama31FP16IsAnchoredToItsHighestBitsRow() {
        assertThat(quality.fp16Baseline("llama3.1-8b", Optional.empty())).hasValue(0.63515);
        double fp16 = quality.estimate("llama3.1-8b", "FP16", family("llama3.1")).value();
        assertThat(fp16).isGreaterThanOrEqualTo(quality.estimate("llama3.1-8b", "Q2_K", family("llama3.1")).value());
    }

    @Test
    void unknownModelsGetTheNeutralPriorAndAnUnknownTier() {
        QualityModel.Estimate unknown = quality.estimate("nonexistent", "FP16", Optional.empty());
        assertThat(unknown.value()).isEqualTo(0.5);
        assertThat(unknown.provenance()).isEqualTo(Provenance.UNKNOWN);
        assertThat(quality.tier("totally-novel-9000", "Q4_K_M", Optional.empty())).isEqualTo(Tier.UNKNOWN);
        assertThat(quality.fp16Baseline("totally-novel-9000", Optional.empty())).isEmpty();
        // a family the registry does not carry gives no prior either
        assertThat(quality.estimate("mistral:7b", "Q4_K_M", family("mistral")).provenance())
                .isEqualTo(Provenance.UNKNOWN);
    }

    @Test
    void tierBoundaries() {
        assertThat(QualityModel.tierOfDrop(0)).isEqualTo(Tier.NEGLIGIBLE);
        assertThat(QualityModel.tierOfDrop(-3)).isEqualTo(Tier.NEGLIGIBLE);
        assertThat(QualityModel.tierOfDrop(-3.01)).isEqualTo(Tier.ACCEPTABLE);
        assertThat(QualityModel.tierOfDrop(-10)).isEqualTo(Tier.ACCEPTABLE);
        assertThat(QualityModel.tierOfDrop(-10.01)).isEqualTo(Tier.CONCERNING);
        assertThat(QualityModel.tierOfDrop(-15)).isEqualTo(Tier.CONCERNING);
        assertThat(QualityModel.tierOfDrop(-15.01)).isEqualTo(Tier.UNACCEPTABLE);
        assertThat(QualityModel.tierOfDrop(5)).isEqualTo(Tier.NEGLIGIBLE);
        assertThat(Tier.UNACCEPTABLE.id()).isEqualTo("unacceptable");
    }

    @Test
    void refusalRates() {
        assertThat(safety.refusalRate("llama3.2-1b", "FP16")).hasValue(0.9364);
        assertThat(safety.refusalRate("llama3.2-1b", "Q2_K")).hasValue(0.3682);
        assertThat(safety.refusalRate("llama3.2-1b", "Q4_K_M")).hasValue(0.9045);
        assertThat(safety.refusalDropPp("llama3.2-1b", "Q2_K").getAsDouble())
                .isCloseTo(-56.82, within(0.005)).isLessThan(-40);
        assertThat(safety.refusalRate("qwen2.5-3b", "Q4_K_M")).isEmpty();
        assertThat(safety.rtsiRisk("qwen2.5-3b", "Q4_K_M")).isEqualTo("UNKNOWN");
        assertThat(safety.refusalRate("llama3.2-1b", "AWQ")).isEmpty();
        assertThat(safety.refusalDropPp("qwen2.5-3b", "Q4_K_M")).isEmpty();
        // screened but no FP16 baseline to compare with
        assertThat(safety.refusalRate("mistral-7b", "Q8_0")).hasValue(0.2364);
        assertThat(safety.refusalDropPp("mistral-7b", "Q8_0")).isEmpty();
    }

    @Test
    void rtsiRisk() {
        assertThat(safety.rtsiRisk("llama3.2-1b", "Q2_K")).isEqualTo("HIGH");
        assertThat(safety.rtsiRisk("qwen2.5-1.5b", "Q2_K")).isEqualTo("HIGH");
        assertThat(safety.rtsiRisk("phi-2", "Q2_K")).isEqualTo("HIGH");
        assertThat(safety.rtsiRisk("llama3.2-1b", "Q5_K_M")).isEqualTo("MODERATE");
        assertThat(safety.rtsiRisk("llama3.2-3b", "Q4_K_M")).isEqualTo("LOW");
        // no FP16 RTSI entries
        assertThat(safety.rtsiRisk("llama3.2-1b", "FP16")).isEqualTo(SafetyModel.UNKNOWN_RISK);
    }

    @Test
    void lookupHoldsAtLeastFortyRows() {
        assertThat(FittedModels.bundled().safety().lookup()).hasSizeGreaterThanOrEqualTo(40);
    }
}
