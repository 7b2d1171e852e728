package io.chimeraforge.core.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.core.Compat;
import io.chimeraforge.core.corpus.FittedModels;
import io.chimeraforge.core.hardware.Gpu;
import io.chimeraforge.core.hardware.GpuCatalog;
import io.chimeraforge.core.model.ModelRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ThroughputModel#singleStream}: rows measured on GPUs other than the reference one. */
class ThroughputHardwareRowsTest {

    private static final GpuCatalog CATALOG = GpuCatalog.bundled();

    private static FittedModels.Throughput throughput(Map<String, Map<String, Double>> hardware) {
        FittedModels.Throughput t = FittedModels.bundled().throughput();
        return new FittedModels.Throughput(t.lookup(), t.quantMultipliers(), t.sizePowerA(), t.sizePowerB(),
                t.fitted(), hardware);
    }

    private static final FittedModels.Throughput ROWS = throughput(Map.of(
            "RTX 4090 24GB", Map.of("llama3.2-3b|vllm|FP16", 150.0, "llama3.2-3b|sglang|FP16", 120.0),
            "A100 80GB", Map.of("llama3.2-3b|sglang|FP16", 200.0),
            "Not A Catalog GPU", Map.of("llama3.2-3b|sglang|FP16", 999.0)));
    private final ThroughputModel model = new ThroughputModel(ROWS, CATALOG, ModelRegistry.bundled());
    private final ThroughputModel bundled =
            new ThroughputModel(FittedModels.bundled().throughput(), CATALOG, ModelRegistry.bundled());

    private static Gpu gpu(String name) {
        return CATALOG.require(name);
    }

    @Test
    void theTargetsOwnRowIsMeasuredAndUnscaled() {
        ThroughputModel.SingleStream s = model.singleStream("llama3.2-3b", "vllm", "FP16", gpu("RTX 4090 24GB"));
        assertThat(s.tps()).isEqualTo(150.0);
        assertThat(s.provenance()).isEqualTo(Provenance.MEASURED);
        assertThat(s.measuredOn()).contains("RTX 4090 24GB");
        assertThat(s.bandwidthRatio()).isEqualTo(1.0);
        assertThat(model.predict("llama3.2-3b", "vllm", "FP16", "RTX 4090 24GB")).isEqualTo(150.0);
        assertThat(bundled.predict("llama3.2-3b", "vllm", "FP16", "RTX 4090 24GB")).isNotEqualTo(150.0);
    }

    @Test
    void theReferenceRowComesBeforeAnotherGpusRow() {
        ThroughputModel.SingleStream s = model.singleStream("llama3.2-3b", "vllm", "FP16", gpu("H100 80GB"));
        assertThat(s.provenance()).isEqualTo(Provenance.EXTRAPOLATED);
        assertThat(s.measuredOn()).contains(GpuCatalog.REFERENCE_GPU_NAME);
        assertThat(s.tps()).isEqualTo(bundled.predict("llama3.2-3b", "vllm", "FP16", "H100 80GB"));
        ThroughputModel.SingleStream onReference = model.singleStream("llama3.2-3b", "vllm", "FP16",
                gpu(GpuCatalog.REFERENCE_GPU_NAME));
        assertThat(onReference.provenance()).isEqualTo(Provenance.MEASURED);
        assertThat(onReference.tps()).isEqualTo(FittedModels.bundled().throughput().lookup()
                .get("llama3.2-3b|vllm|FP16"));
    }

    @Test
    void withoutAReferenceRowTheNearestCatalogGpuInBandwidthIsScaled() {
        ThroughputModel.SingleStream h100 = model.singleStream("llama3.2-3b", "sglang", "FP16", gpu("H100 80GB"));
        assertThat(h100.provenance()).isEqualTo(Provenance.EXTRAPOLATED);
        assertThat(h100.measuredOn()).contains("A100 80GB");
        assertThat(h100.bandwidthRatio()).isCloseTo(3352.0 / 2039.0, within(1e-12));
        assertThat(h100.tps()).isCloseTo(200.0 * 3352 / 2039, within(1e-9));

        ThroughputModel.SingleStream l4 = model.singleStream("llama3.2-3b", "sglang", "FP16", gpu("L4 24GB"));
        assertThat(l4.measuredOn()).contains("RTX 4090 24GB");
        assertThat(l4.tps()).isCloseTo(120.0 * 300 / 1008, within(1e-9));
    }

    @Test
    void aRowOnAGpuTheCatalogLacksIsNeverASource() {
        HardwareRows rows = model.hardwareRows("llama3.2-3b", "sglang", "FP16");
        assertThat(rows.size()).isEqualTo(3);
        assertThat(List.of(rows.gpu(0), rows.gpu(1), rows.gpu(2)))
                .containsExactly("A100 80GB", "Not A Catalog GPU", "RTX 4090 24GB");
        for (String name : List.of("H100 80GB", "RTX 4080 12GB", "T4 16GB", "B200 180GB")) {
            int source = rows.extrapolationSource(gpu(name));
            assertThat(rows.gpu(source)).isNotEqualTo("Not A Catalog GPU");
        }
        Gpu custom = new Gpu("Not A Catalog GPU", 24, 900, 0.1, 100, 300, 64, true);
        assertThat(rows.tps(rows.measuredOn(custom))).isEqualTo(999.0);
    }

    @Test
    void noRowAnywhereIsTheEstimateFromTheReferenceRows() {
        ThroughputModel.SingleStream s = model.singleStream("llama3.2-3b", "sglang", "FP8", gpu("H100 80GB"));
        assertThat(s.provenance()).isEqualTo(Provenance.ESTIMATED);
        assertThat(s.measuredOn()).isEmpty();
        assertThat(s.tps()).isEqualTo(bundled.predict("llama3.2-3b", "sglang", "FP8", "H100 80GB"));
        assertThat(model.hardwareRows("llama3.2-3b", "sglang", "FP8")).isSameAs(HardwareRows.NONE);
    }

    @Test
    void compatReferenceAndAnEmptyTableUseNoRows() {
        ThroughputModel reference = new ThroughputModel(ROWS, GpuCatalog.bundled(Compat.REFERENCE),
                ModelRegistry.bundled(), PhysicsConstants.of(Compat.REFERENCE));
        assertThat(reference.usesHardwareRows()).isFalse();
        assertThat(reference.hardwareRows("llama3.2-3b", "vllm", "FP16")).isSameAs(HardwareRows.NONE);
        ThroughputModel.SingleStream s = reference.singleStream("llama3.2-3b", "sglang", "FP16",
                GpuCatalog.bundled(Compat.REFERENCE).require("RTX 4090 24GB"));
        assertThat(s.provenance()).isEqualTo(Provenance.ESTIMATED);
        assertThat(model.usesHardwareRows()).isTrue();
        assertThat(bundled.usesHardwareRows()).isFalse();
        assertThat(new ThroughputModel(throughput(Map.of("RTX 4090 24GB", Map.of())), CATALOG,
                ModelRegistry.bundled()).usesHardwareRows()).isFalse();
    }

    @Test
    void singleStreamWithoutRowsAgreesWithPredict() {
        for (Gpu g : CATALOG.all()) {
            for (String key : List.of("llama3.2-3b|ollama|Q4_K_M", "llama3.1-8b|vllm|FP16", "qwen2.5-1.5b|tgi|FP16")) {
                String[] k = key.split("\\|");
                assertThat(bundled.singleStream(k[0], k[1], k[2], g).tps())
                        .isEqualTo(bundled.predict(k[0], k[1], k[2], g.name()));
            }
        }
    }
}
