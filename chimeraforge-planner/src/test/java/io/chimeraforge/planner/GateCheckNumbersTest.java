package io.chimeraforge.planner;

import static io.chimeraforge.planner.Plans.PLANNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.quant.Backend;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Issue 10 item 21: every numeric gate carries its value, limit, bound and unit, not only prose. */
class GateCheckNumbersTest {

    @Test
    void everyNumericGateCarriesItsNumbersAndTheVerdictFollowsThem() {
        PlanRequest workload = PlanRequest.builder().safetyTarget(0.5).build();
        CapacityReport report = PLANNER.check(workload, Deployment.of("llama3.1-8b", "FP16", Backend.OLLAMA, 1));

        GateCheck vram = report.gate(Gate.VRAM);
        assertThat(vram.value()).hasValueCloseTo(17.82, within(0.01));
        assertThat(vram.limit()).hasValue(12.0);
        assertThat(vram.unit()).isEqualTo("GB");
        assertThat(vram.passed()).isFalse();

        assertThat(report.gate(Gate.QUALITY).limit()).hasValue(0.5);
        assertThat(report.gate(Gate.QUALITY).bound()).isEqualTo(GateCheck.Bound.AT_LEAST);
        assertThat(report.gate(Gate.BUDGET).limit()).hasValue(100.0);
        assertThat(report.gate(Gate.BUDGET).unit()).isEqualTo("USD/month");
        assertThat(report.gate(Gate.LATENCY).limit()).hasValue(5000.0);
        assertThat(report.gate(Gate.THROUGHPUT).unit()).isEqualTo("tok/s");
        assertThat(report.gate(Gate.FORMAT).value()).isEmpty();
        assertThat(report.gate(Gate.FORMAT).bound()).isEqualTo(GateCheck.Bound.NONE);

        for (Gate gate : new Gate[] {Gate.VRAM, Gate.QUALITY, Gate.THROUGHPUT, Gate.BUDGET}) {
            GateCheck check = report.gate(gate);
            double value = check.value().orElseThrow();
            double limit = check.limit().orElseThrow();
            boolean within = check.bound() == GateCheck.Bound.AT_MOST ? value <= limit : value >= limit;
            assertThat(check.passed()).as("%s: %s vs %s", gate, value, limit).isEqualTo(within);
        }
    }

    @Test
    void aSafetyGateWithoutATargetHasNoNumbers() {
        CapacityReport report = PLANNER.check(PlanRequest.defaults(),
                Deployment.of("qwen2.5-1.5b", "Q6_K", Backend.OLLAMA, 1));
        assertThat(report.gate(Gate.SAFETY).value()).isEmpty();
        assertThat(report.gate(Gate.SAFETY).limit()).isEmpty();
    }

    @Test
    void valueAndLimitComeTogether() {
        assertThatThrownBy(() -> new GateCheck(Gate.VRAM, true, OptionalDouble.of(1), OptionalDouble.empty(),
                GateCheck.Bound.AT_MOST, "GB", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GateCheck.unmeasured(Gate.FORMAT, true, null))
                .isInstanceOf(NullPointerException.class).hasMessage("detail");
    }
}
