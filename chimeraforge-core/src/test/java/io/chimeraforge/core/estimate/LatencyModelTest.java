package io.chimeraforge.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** TTFT and the queueing p95 (spec 2.12; section 8 items 21-22). */
class LatencyModelTest {

    private static Optional<Gpu> gpu(String name) {
        return Optional.of(GpuCatalog.bundled().require(name));
    }

    @Test
    void ttftIsComputeBoundPrefill() {
        double base = LatencyModel.ttftMs(7, 512, gpu("RTX 4090 24GB"));
        assertThat(base).isCloseTo(108.47, within(0.005));
        assertThat(LatencyModel.ttftMs(14, 512, gpu("RTX 4090 24GB"))).isCloseTo(2 * base, within(1e-9));
        assertThat(LatencyModel.ttftMs(7, 2048, gpu("RTX 4090 24GB"))).isCloseTo(4 * base, within(1e-9));
        assertThat(LatencyModel.ttftMs(7, 512, gpu("T4 16GB"))).isGreaterThan(LatencyModel.ttftMs(7, 512, gpu("H100")));
        assertThat(LatencyModel.ttftMs(8.03, 4096, gpu("H100 80GB"))).isCloseTo(166.3, within(0.05));
        assertThat(LatencyModel.ttftMs(7, 512, Optional.empty())).isZero();
        assertThat(LatencyModel.ttftMs(0, 512, gpu("RTX 4090 24GB"))).isZero();
        assertThat(LatencyModel.ttftMs(7, 0, gpu("RTX 4090 24GB"))).isZero();
        assertThat(LatencyModel.PREFILL_MFU).isEqualTo(0.4);
    }

    @Test
    void ttftAddsExactlyToServiceTime() {
        LatencyModel.QueueEstimate without = LatencyModel.p95(0.5, 1, 1, 128, 100, 0, 0, 0.7);
        LatencyModel.QueueEstimate with = LatencyModel.p95(0.5, 1, 1, 128, 100, 200, 0, 0.7);
        assertThat(without.serviceMs()).isEqualTo(1280.0);
        assertThat(with.serviceMs()).isEqualTo(1480.0);
    }

    @Test
    void mD1WaitAtZeroVariance() {
        // 0.5 req/s, service 1.28 s: rho = 0.64, Wq = rho / (2 C (1 - rho)), p95 = service + 3 Wq
        LatencyModel.QueueEstimate q = LatencyModel.p95(0.5, 1, 1, 128, 100, 0, 0, 0.7);
        double c = 1000 / 1280.0;
        double rho = 0.5 / c;
        double wq = rho / (2 * c * (1 - rho));
        assertThat(q.utilisation()).isCloseTo(0.64, within(1e-12));
        assertThat(q.capacityRps()).isCloseTo(c, within(1e-12));
        assertThat(q.p95Ms()).isCloseTo(1280 + 3 * wq * 1000, within(0.05));
        assertThat(q.saturated()).isFalse();
    }

    @Test
    void varianceRaisesTheTail() {
        double steady = LatencyModel.p95(0.5, 1, 1, 128, 100, 0, 0.0, 0.7).p95Ms();
        double chat = LatencyModel.p95(0.5, 1, 1, 128, 100, 0, 1.0, 0.7).p95Ms();
        double agent = LatencyModel.p95(0.5, 1, 1, 128, 100, 0, 8.0, 0.7).p95Ms();
        assertThat(agent).isGreaterThan(chat);
        assertThat(chat).isGreaterThan(steady);
    }

    @Test
    void overloadIsSaturatedAndInfinite() {
        // llama3.2-3b on ollama at 95.86 tok/s single stream cannot take 10 req/s of 128 tokens
        LatencyModel.QueueEstimate q = LatencyModel.p95(10, 1, 1, 128, 95.85597625783407, 0, 0, 0.7);
        assertThat(q.saturated()).isTrue();
        assertThat(q.p95Ms()).isInfinite();
        assertThat(q.utilisation()).isGreaterThan(1.0);
    }

    @Test
    void saturationFlagIsAdvisoryAboveTheFactor() {
        // rho = 0.8 > 0.7: flagged but finite
        LatencyModel.QueueEstimate q = LatencyModel.p95(0.625, 1, 1, 128, 100, 0, 0, 0.7);
        assertThat(q.utilisation()).isCloseTo(0.8, within(1e-12));
        assertThat(q.saturated()).isTrue();
        assertThat(q.p95Ms()).isFinite();
    }

    @Test
    void hugeP95IsReportedAsInfinite() {
        // rho just below 1 makes the wait enormous: anything >= 1e6 ms is infinity
        LatencyModel.QueueEstimate q = LatencyModel.p95(0.78124, 1, 1, 128, 100, 0, 0, 0.7);
        assertThat(q.utilisation()).isLessThan(1.0);
        assertThat(q.p95Ms()).isInfinite();
        assertThat(LatencyModel.INFINITE_P95_MS).isEqualTo(1e6);
    }

    @Test
    void zeroDecodeTokensMeansNearInstantService() {
        LatencyModel.QueueEstimate q = LatencyModel.p95(1, 1, 1, 0, 100, 0, 0, 0.7);
        assertThat(q.capacityRps()).isGreaterThan(100);
        assertThat(q.p95Ms()).isFinite();
    }

    @Test
    void replicasAndBatchMultiplyCapacity() {
        LatencyModel.QueueEstimate one = LatencyModel.p95(0.5, 1, 1, 128, 100, 0, 0, 0.7);
        LatencyModel.QueueEstimate many = LatencyModel.p95(0.5, 2, 4, 128, 100, 0, 0, 0.7);
        assertThat(many.capacityRps()).isCloseTo(8 * one.capacityRps(), within(1e-12));
        assertThat(many.p95Ms()).isLessThan(one.p95Ms());
    }
}
