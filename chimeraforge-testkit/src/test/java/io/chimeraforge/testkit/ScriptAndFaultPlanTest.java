package io.chimeraforge.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ScriptAndFaultPlanTest {

    @Test
    void fullChunksAreSpacedByTokensPerChunkGaps() {
        Script s = Script.builder().tokensPerChunk(4).build();
        assertThat(s.chunkCount(64)).isEqualTo(16);
        assertThat(s.chunkOffsetNanos(0, 64, 10)).isZero();
        assertThat(s.chunkOffsetNanos(1, 64, 10)).isEqualTo(40);
        assertThat(s.chunkOffsetNanos(15, 64, 10)).isEqualTo(600);
    }

    @Test
    void shortLastChunkKeepsThePerTokenGap() {
        Script s = Script.builder().tokensPerChunk(4).build();
        // 10 tokens: chunks of 4, 4, 2; the 2-token chunk leaves 2 gaps after the previous one.
        assertThat(s.chunkCount(10)).isEqualTo(3);
        assertThat(s.chunkOffsetNanos(2, 10, 10)).isEqualTo(60);
        // Fewer tokens than one chunk: a single chunk at TTFT.
        assertThat(s.chunkOffsetNanos(0, 2, 10)).isZero();
    }

    @Test
    void scriptValidationNamesParameterAndRange() {
        assertThatThrownBy(() -> Script.builder().tokensPerChunk(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokensPerChunk")
                .hasMessageContaining("[1, 1024]").hasMessageContaining("0");
        assertThatThrownBy(() -> Script.builder().ttft(Duration.ofMillis(-1)).build())
                .hasMessageContaining("ttft");
        assertThat(Script.defaults().toBuilder().outputTokens(7).build().outputTokens()).isEqualTo(7);
    }

    @Test
    void everyNthFaultsExactlyTheMultiples() {
        FaultPlan plan = FaultPlan.everyNth(3, Fault.HTTP_500);
        assertThat(LongStream.range(0, 9).filter(i -> plan.faultFor(i).isPresent()).boxed())
                .containsExactly(2L, 5L, 8L);
        assertThatThrownBy(() -> FaultPlan.everyNth(0, Fault.HTTP_500)).hasMessageContaining("n must be >= 1");
    }

    @Test
    void seededPlanIsDeterministicAndRoughlyAtTheRate() {
        FaultPlan a = FaultPlan.seeded(7, 0.2, Fault.HTTP_500, Fault.DROP_MID_STREAM);
        FaultPlan b = FaultPlan.seeded(7, 0.2, Fault.HTTP_500, Fault.DROP_MID_STREAM);
        long faults = 0;
        for (long i = 0; i < 5000; i++) {
            assertThat(a.faultFor(i)).isEqualTo(b.faultFor(i));
            faults += a.faultFor(i).isPresent() ? 1 : 0;
        }
        assertThat(faults).isBetween(850L, 1150L);
        assertThat(FaultPlan.seeded(8, 0.2, Fault.HTTP_500).faultFor(0))
                .isIn(Optional.empty(), Optional.of(Fault.HTTP_500));
        assertThat(FaultPlan.none().faultFor(3)).isEmpty();
        assertThatThrownBy(() -> FaultPlan.seeded(1, 1.5, Fault.HTTP_500)).hasMessageContaining("probability");
    }
}
