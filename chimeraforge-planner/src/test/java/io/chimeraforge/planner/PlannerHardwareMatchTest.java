package io.chimeraforge.planner;

import static io.chimeraforge.planner.Plans.PLANNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.core.hardware.AmbiguousGpuException;
import io.chimeraforge.core.quant.Backend;
import org.junit.jupiter.api.Test;

/** Issue 10 item 18 through the SDK: ambiguous GPU fragments are refused, resolved ones are noted. */
class PlannerHardwareMatchTest {

    @Test
    void anAmbiguousFragmentIsRefusedByPlanAndCheck() {
        PlanRequest request = PlanRequest.builder().hardware("80GB").build();
        assertThatThrownBy(() -> PLANNER.plan(request)).isInstanceOf(AmbiguousGpuException.class)
                .hasMessageContaining("A100 80GB, H100 80GB");
        assertThatThrownBy(() -> PLANNER.check(request, Deployment.of("qwen2.5-1.5b", "Q6_K", Backend.OLLAMA, 1)))
                .isInstanceOf(AmbiguousGpuException.class);
    }

    @Test
    void aResolvedFragmentIsNotedInTheResult() {
        PlanResult result = PLANNER.plan(PlanRequest.builder().hardware("A100").modelSize("8b")
                .budgetUsdPerMonth(1000).build());
        assertThat(result.notes()).contains("'A100' matched A100 40GB (also: A100 80GB; name the GPU in full to choose)");
        assertThat(PLANNER.plan(PlanRequest.builder().hardware("rtx 4080 12gb").build()).notes())
                .noneMatch(n -> n.contains("matched"));
    }
}
