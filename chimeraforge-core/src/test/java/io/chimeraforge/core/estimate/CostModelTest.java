package io.chimeraforge.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hardware bill, $/1M tokens and energy (spec 2.15, 2.16; section 8 item 25). */
class CostModelTest {

    @Test
    void monthlyCostAndCostPerMillionTokens() {
        assertThat(CostModel.monthlyCost(0.035, 1)).isCloseTo(25.2, within(1e-9));
        assertThat(CostModel.monthlyCost(2.5, 4)).isCloseTo(7200, within(1e-9));
        assertThat(CostModel.costPerMillionTokens(0.035, 1, 50)).isCloseTo(0.035 / (50 * 3600) * 1e6, within(1e-15))
                .isCloseTo(0.19444, within(0.000005));
        assertThat(CostModel.costPerMillionTokens(0.035, 1, 0)).isInfinite();
        // invariant in replica count: N GPUs serving N x the rate cost the same per token
        assertThat(CostModel.costPerMillionTokens(0.035, 4, 200))
                .isCloseTo(CostModel.costPerMillionTokens(0.035, 1, 50), within(1e-12));
    }

    @Test
    void tokensServedAndEffectiveCost() {
        assertThat(CostModel.tokensServedPerMonth(2, 128, 1.0)).isEqualTo(663_552_000.0);
        assertThat(CostModel.tokensServedPerMonth(1, 128, 1.0)).isEqualTo(331_776_000.0);
        assertThat(CostModel.tokensServedPerMonth(2, 128, 0.25)).isEqualTo(663_552_000.0 * 0.25);
        assertThat(CostModel.effectiveCostPerMillionTokens(1800, 663_552_000.0)).isCloseTo(2.7127, within(0.00005));
        assertThat(CostModel.effectiveCostPerMillionTokens(1800, 0)).isInfinite();
        assertThat(CostModel.SECONDS_PER_MONTH).isEqualTo(2_592_000);
        assertThat(CostModel.HOURS_PER_MONTH).isEqualTo(720);
    }

    @Test
    void energy() {
        double h100 = CostModel.energyCostPerMonth(700, 1, 0.12);
        assertThat(h100).isCloseTo(700 / 1000.0 * 0.85 * 720 * 0.12, within(1e-12)).isCloseTo(51.408, within(1e-9));
        assertThat(CostModel.energyCostPerMonth(700, 3, 0.12)).isCloseTo(3 * h100, within(1e-9));
        assertThat(CostModel.energyCostPerMonth(700, 1, 0.24)).isCloseTo(2 * h100, within(1e-9));
        assertThat(CostModel.energyCostPerMonth(700, 1, 0.0)).isZero();

        double perMillion = CostModel.energyCostPerMillionTokens(h100, 700, 500);
        double perMillionScaled = CostModel.energyCostPerMillionTokens(CostModel.energyCostPerMonth(700, 4, 0.12), 700,
                2000);
        assertThat(perMillionScaled).isCloseTo(perMillion, within(1e-12));
        assertThat(CostModel.perfPerWatt(2000, 700, 4)).isCloseTo(CostModel.perfPerWatt(500, 700, 1), within(1e-12));
        assertThat(CostModel.perfPerWatt(500, 700, 1)).isCloseTo(500 / (700 * 0.85), within(1e-12));

        assertThat(CostModel.energyCostPerMonth(0, 1, 0.12)).isZero();
        assertThat(CostModel.energyCostPerMillionTokens(0, 0, 500)).isZero();
        assertThat(CostModel.energyCostPerMillionTokens(h100, 700, 0)).isZero();
        assertThat(CostModel.perfPerWatt(500, 0, 1)).isZero();
        assertThat(CostModel.perfPerWatt(0, 700, 1)).isZero();
        assertThat(CostModel.POWER_UTILISATION).isEqualTo(0.85);
        assertThat(CostModel.DEFAULT_ELECTRICITY_RATE).isEqualTo(0.12);
    }
}
