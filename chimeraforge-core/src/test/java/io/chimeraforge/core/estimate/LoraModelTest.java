package io.chimeraforge.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.estimate.LoraModel.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Multi-LoRA adapter geometry and decode cost (spec 2.7; section 8 item 20). */
class LoraModelTest {

    @ParameterizedTest(name = "rank {0}")
    @ValueSource(ints = {1, 8, 16, 32, 64})
    void llama2SevenBQvAdapterIs524288ParamsPerRank(int rank) {
        // 32 layers, 32 KV heads x 128 = 4096 wide, hidden 4096
        assertThat(LoraModel.adapterParams(4096, 32, 128, 32, rank, Target.QV)).isEqualTo(524_288L * rank);
    }

    @Test
    void llama31EightBAdapters() {
        long qv16 = LoraModel.adapterParams(4096, 8, 128, 32, 16, Target.QV);
        assertThat(qv16).isEqualTo(6_815_744L);
        assertThat(LoraModel.gbPerAdapter(4096, 8, 128, 32, 16, Target.QV)).isCloseTo(0.013631488, within(1e-15));
        assertThat(LoraModel.adapterParams(4096, 8, 128, 32, 16, Target.ATTN)).isEqualTo(2 * qv16);
        assertThat(LoraModel.adapterParams(4096, 8, 128, 32, 32, Target.QV))
                .isEqualTo(4 * LoraModel.adapterParams(4096, 8, 128, 32, 8, Target.QV));
        // 16 x rank-32 qv adapters: 0.436208 GB (spec item 49)
        assertThat(16 * LoraModel.gbPerAdapter(4096, 8, 128, 32, 32, Target.QV)).isCloseTo(0.436208, within(5e-7));
    }

    @Test
    void rankZeroAndUnknownTargetsCostNothing() {
        assertThat(LoraModel.adapterParams(4096, 8, 128, 32, 0, Target.QV)).isZero();
        assertThat(LoraModel.adapterParams(4096, 8, 128, 32, -4, Target.ATTN)).isZero();
        assertThat(Target.fromId("mlp")).isEmpty();
        assertThat(Target.fromId("QV")).contains(Target.QV);
        assertThat(Target.fromId("attn")).contains(Target.ATTN);
        assertThat(Target.fromId(null)).isEmpty();
    }

    @Test
    void decodeMultiplierInterpolatesInLog2Rank() {
        assertThat(LoraModel.decodeMultiplier(1)).isEqualTo(0.761);
        assertThat(LoraModel.decodeMultiplier(8)).isEqualTo(0.761);
        assertThat(LoraModel.decodeMultiplier(64)).isEqualTo(0.530);
        assertThat(LoraModel.decodeMultiplier(512)).isEqualTo(0.530);
        assertThat(LoraModel.decodeMultiplier(16)).isCloseTo(0.684, within(1e-9));
        assertThat(LoraModel.decodeMultiplier(32)).isCloseTo(0.761 + 2.0 / 3 * (0.530 - 0.761), within(1e-12))
                .isCloseTo(0.607, within(1e-9));
        double previous = 1.0;
        for (int rank = 1; rank <= 128; rank++) {
            double m = LoraModel.decodeMultiplier(rank);
            assertThat(m).as("rank %d", rank).isLessThan(1.0).isLessThanOrEqualTo(previous);
            previous = m;
        }
        assertThat(LoraModel.decodeMultiplier(16)).isGreaterThan(LoraModel.decodeMultiplier(32));
    }

    @Test
    void constants() {
        assertThat(LoraModel.MAX_ADAPTERS).isEqualTo(64);
        assertThat(LoraModel.SOURCE)
                .isEqualTo("SqueezeBits vLLM 0.6.3 / A100 80GB / Llama-3.1-8B (blog.squeezebits.com/37065)");
    }
}
