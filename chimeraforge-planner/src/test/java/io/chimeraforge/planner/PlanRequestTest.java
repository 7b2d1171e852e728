package io.chimeraforge.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.estimate.KvPrecision;
import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.core.estimate.LoraModel;
import io.chimeraforge.core.hardware.UnknownGpuException;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** PlanRequest defaults and builder validation (spec 1.2, section 6 defaults; DESIGN builder rules). */
class PlanRequestTest {

    private static void refused(Consumer<PlanRequest.Builder> setting, String parameter, String value) {
        assertThatThrownBy(() -> setting.accept(PlanRequest.builder()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(parameter)
                .hasMessageContaining(value);
    }

    @Test
    void defaultsAreTheReferenceCliDefaults() {
        PlanRequest r = PlanRequest.defaults();
        assertThat(r.modelSize()).isEqualTo("3b");
        assertThat(r.models()).isEmpty();
        assertThat(r.specs()).isEmpty();
        assertThat(r.requestRate()).isEqualTo(1.0);
        assertThat(r.latencySloMs()).isEqualTo(5000.0);
        assertThat(r.qualityTarget()).isEqualTo(0.5);
        assertThat(r.safetyTarget()).isEmpty();
        assertThat(r.budgetUsdPerMonth()).isEqualTo(100.0);
        assertThat(r.hardware()).isEqualTo("RTX 4080 12GB");
        assertThat(r.contextLength()).isEqualTo(2048);
        assertThat(r.avgTokens()).isEqualTo(128);
        assertThat(r.reasoningTokens()).isZero();
        assertThat(r.promptTokens()).isEqualTo(512);
        assertThat(r.prefixCacheHitRate()).isZero();
        assertThat(r.dutyCycle()).isEqualTo(1.0);
        assertThat(r.gpuPriceMultiplier()).isEqualTo(1.0);
        assertThat(r.allowOffload()).isFalse();
        assertThat(r.hostBandwidthGbps()).isEmpty();
        assertThat(r.loraAdapters()).isZero();
        assertThat(r.loraRank()).isEqualTo(16);
        assertThat(r.loraTarget()).isEqualTo(LoraModel.Target.QV);
        assertThat(r.ttftSloMs()).isEmpty();
        assertThat(r.tpotSloMs()).isEmpty();
        assertThat(r.serviceCv2()).isZero();
        assertThat(r.electricityRate()).isEqualTo(0.12);
        assertThat(r.kvPrecision()).isEqualTo(KvPrecision.FP16);
        assertThat(r.tensorParallel()).isEqualTo(Parallelism.NONE);
        assertThat(r.pipelineParallel()).isEqualTo(Parallelism.NONE);
    }

    @Test
    void rangeChecksNameTheParameterAndTheValue() {
        refused(b -> b.requestRate(0), "requestRate", "0.0");
        refused(b -> b.requestRate(-1), "requestRate", "-1.0");
        refused(b -> b.requestRate(Double.NaN), "requestRate", "NaN");
        refused(b -> b.requestRate(Double.POSITIVE_INFINITY), "requestRate", "Infinity");
        refused(b -> b.latencySloMs(0), "latencySloMs", "0.0");
        refused(b -> b.latencySloMs(-100), "latencySloMs", "-100.0");
        refused(b -> b.qualityTarget(1.5), "qualityTarget", "1.5");
        refused(b -> b.qualityTarget(-0.1), "qualityTarget", "-0.1");
        refused(b -> b.qualityTarget(Double.NaN), "qualityTarget", "NaN");
        refused(b -> b.safetyTarget(1.2), "safetyTarget", "1.2");
        refused(b -> b.budgetUsdPerMonth(0), "budgetUsdPerMonth", "0.0");
        refused(b -> b.budgetUsdPerMonth(Double.POSITIVE_INFINITY), "budgetUsdPerMonth", "Infinity");
        refused(b -> b.contextLength(0), "contextLength", "0");
        refused(b -> b.avgTokens(0), "avgTokens", "0");
        refused(b -> b.reasoningTokens(-5), "reasoningTokens", "-5");
        refused(b -> b.promptTokens(-1), "promptTokens", "-1");
        refused(b -> b.prefixCacheHitRate(1.5), "prefixCacheHitRate", "1.5");
        refused(b -> b.prefixCacheHitRate(-0.2), "prefixCacheHitRate", "-0.2");
        refused(b -> b.dutyCycle(0), "dutyCycle", "0.0");
        refused(b -> b.dutyCycle(1.5), "dutyCycle", "1.5");
        refused(b -> b.dutyCycle(Double.NaN), "dutyCycle", "NaN");
        refused(b -> b.gpuPriceMultiplier(0), "gpuPriceMultiplier", "0.0");
        refused(b -> b.hostBandwidthGbps(0), "hostBandwidthGbps", "0.0");
        refused(b -> b.ttftSloMs(0), "ttftSloMs", "0.0");
        refused(b -> b.tpotSloMs(-5), "tpotSloMs", "-5.0");
        refused(b -> b.serviceCv2(-1), "serviceCv2", "-1.0");
        refused(b -> b.serviceCv2(Double.POSITIVE_INFINITY), "serviceCv2", "Infinity");
        refused(b -> b.electricityRate(-1), "electricityRate", "-1.0");
        refused(b -> b.electricityRate(Double.NaN), "electricityRate", "NaN");
    }

    @Test
    void blankNamesAreRefused() {
        assertThatThrownBy(() -> PlanRequest.builder().hardware("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hardware");
        assertThatThrownBy(() -> PlanRequest.builder().hardware("   ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hardware");
        assertThatThrownBy(() -> PlanRequest.builder().model("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model");
        assertThatThrownBy(() -> PlanRequest.builder().model(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model");
    }

    @Test
    void boundaryValuesAreAccepted() {
        PlanRequest r = PlanRequest.builder().qualityTarget(0).qualityTarget(1).safetyTarget(0).prefixCacheHitRate(1)
                .dutyCycle(1).reasoningTokens(0).promptTokens(1).electricityRate(0).serviceCv2(0).build();
        assertThat(r.qualityTarget()).isEqualTo(1.0);
        assertThat(r.safetyTarget()).hasValue(0.0);
        assertThat(r.prefixCacheHitRate()).isEqualTo(1.0);
    }

    @Test
    void loraSettingsAreCheckedByTheirSettersWhetherOrNotAdaptersAreSet() {
        // issue 10 items 17 and 19: one rule set; structured errors, no internal names such as lora_adapters
        assertInvalid(() -> PlanRequest.builder().loraAdapters(-1), "loraAdapters", "-1", "between 0 and 64");
        assertInvalid(() -> PlanRequest.builder().loraAdapters(65), "loraAdapters", "65", "between 0 and 64");
        assertInvalid(() -> PlanRequest.builder().loraAdapters(4).loraRank(0), "loraRank", "0", "between 1 and 64");
        assertInvalid(() -> PlanRequest.builder().loraRank(65), "loraRank", "65", "between 1 and 64");
        assertInvalid(() -> PlanRequest.builder().loraTarget("mlp"), "loraTarget", "'mlp'", "one of: attn, qv");
        // no longer ignored without adapters
        assertInvalid(() -> PlanRequest.builder().loraAdapters(0).loraRank(0), "loraRank", "0", "between 1 and 64");
        assertInvalid(() -> PlanRequest.builder().loraTarget("ATTN"), "loraTarget", "'ATTN'", "one of: attn, qv");
        assertThat(PlanRequest.builder().loraAdapters(64).loraRank(64).loraTarget("attn").build().loraTarget())
                .isEqualTo(LoraModel.Target.ATTN);
        assertThat(PlanRequest.builder().loraRank(1).loraTarget("qv").build().loraAdapters()).isZero();
    }

    @Test
    void promptTokensFollowTheSameRuleAsTheCli() {
        // issue 10 item 17: the SDK accepted promptTokens(0), which the CLI refuses
        assertInvalid(() -> PlanRequest.builder().promptTokens(0), "promptTokens", "0", "an integer >= 1");
        assertThatThrownBy(() -> PlanRequest.builder().promptTokens(0))
                .hasMessage("promptTokens must be an integer >= 1, got 0");
    }

    @Test
    void blankModelIsAStructuredErrorAndNullANullPointer() {
        assertInvalid(() -> PlanRequest.builder().model(" "), "model", "' '", "a non-blank model identifier");
        assertThatThrownBy(() -> PlanRequest.builder().model((String) null)).isInstanceOf(NullPointerException.class)
                .hasMessage("model");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String setting,
            String value, String allowed) {
        assertThatThrownBy(call).isInstanceOf(InvalidSettingException.class)
                .hasMessage(setting + " must be " + allowed + ", got " + value)
                .hasMessageNotContaining("--")
                .satisfies(e -> {
                    InvalidSettingException invalid = (InvalidSettingException) e;
                    assertThat(invalid.setting()).isEqualTo(setting);
                    assertThat(invalid.value()).isEqualTo(value);
                    assertThat(invalid.allowed()).isEqualTo(allowed);
                });
    }

    @Test
    void engagedTensorAndPipelineParallelismConflict() {
        assertThatThrownBy(() -> PlanRequest.builder().tensorParallel(Parallelism.of(2))
                .pipelineParallel(Parallelism.of(2)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tensorParallel and pipelineParallel cannot both be above 1 yet; engage only one of them");
        assertThatThrownBy(() -> PlanRequest.builder().tensorParallel(Parallelism.of(4))
                .pipelineParallel(Parallelism.AUTO).build()).isInstanceOf(IllegalStateException.class);
        assertThat(PlanRequest.builder().tensorParallel(Parallelism.of(8)).pipelineParallel(Parallelism.of(1)).build()
                .tensorParallel().degree()).isEqualTo(8);
    }

    @Test
    void parallelismValues() {
        assertThat(Parallelism.of(1)).isEqualTo(Parallelism.NONE);
        assertThat(Parallelism.NONE.engaged()).isFalse();
        assertThat(Parallelism.AUTO.engaged()).isTrue();
        assertThat(Parallelism.of(2).engaged()).isTrue();
        assertThat(Parallelism.AUTO.toString()).isEqualTo("auto");
        assertThatThrownBy(() -> Parallelism.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("degree");
        assertThatThrownBy(() -> new Parallelism(true, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void workloadPresets() {
        assertThat(WorkloadPreset.STEADY.serviceCv2()).isEqualTo(0.0);
        assertThat(WorkloadPreset.CHATBOT.serviceCv2()).isEqualTo(1.0);
        assertThat(WorkloadPreset.BURSTY.serviceCv2()).isEqualTo(4.0);
        assertThat(WorkloadPreset.AGENT.serviceCv2()).isEqualTo(8.0);
        assertThat(WorkloadPreset.fromId("Agent")).contains(WorkloadPreset.AGENT);
        assertThat(WorkloadPreset.fromId("spiky")).isEmpty();
        assertThat(PlanRequest.builder().workload(WorkloadPreset.BURSTY).build().serviceCv2()).isEqualTo(4.0);
    }

    @Test
    void toBuilderCopiesEverySetting() {
        PlanRequest original = PlanRequest.builder().model("llama3.2-3b").requestRate(3).latencySloMs(1234)
                .qualityTarget(0.2).safetyTarget(0.7).budgetUsdPerMonth(999).hardware("H100").contextLength(4096)
                .avgTokens(64).reasoningTokens(10).promptTokens(100).prefixCacheHitRate(0.3).dutyCycle(0.4)
                .gpuPriceMultiplier(0.5).allowOffload(true).hostBandwidthGbps(32).loraAdapters(2).loraRank(8)
                .loraTarget("attn").ttftSloMs(500).tpotSloMs(50).serviceCv2(1).electricityRate(0.3)
                .kvPrecision(KvPrecision.Q8).tensorParallel(Parallelism.of(2)).build();
        PlanRequest copy = original.toBuilder().build();
        assertThat(copy).usingRecursiveComparison().isEqualTo(original);
        PlanRequest changed = original.toBuilder().requestRate(4).build();
        assertThat(changed.requestRate()).isEqualTo(4.0);
        assertThat(original.requestRate()).isEqualTo(3.0);
    }

    @Test
    void unknownHardwareIsRefusedAtPlanTime() {
        assertThatThrownBy(() -> Plans.PLANNER.plan(PlanRequest.builder().hardware("RTX 9999 48GB").build()))
                .isInstanceOf(UnknownGpuException.class)
                .hasMessageStartingWith("'RTX 9999 48GB' is not in the hardware DB, so there is nothing to plan against.");
    }

    @Test
    void partialGpuNamesResolveLikeTheReference() {
        PlanResult r = Plans.PLANNER.plan(PlanRequest.builder().hardware("rtx 4090").build());
        assertThat(r.gpu().name()).isEqualTo("RTX 4090 24GB");
        assertThat(r.candidates()).hasSize(72);
    }
}
