package io.chimeraforge.core.result;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code hardware} label: read back by {@link BenchResult#hardware()}, absent files unchanged. */
class BenchResultHardwareTest {

    private static final String UNLABELLED = """
            [{"model": "m", "backend": "vllm", "quant": "FP16", "warnings": [], "load": {"kind": "closed"}}]""";

    @Test
    void aLabelledResultReadsItsGpu() throws Exception {
        BenchResult r = BenchResultFiles.parse("""
                [{"model": "m", "backend": "vllm", "warnings": [], "hardware": "RTX 4090 24GB"}]""").get(0);
        assertThat(r.hardware()).contains("RTX 4090 24GB");
        assertThat(BenchResultFiles.toJson(List.of(r))).contains("\"hardware\": \"RTX 4090 24GB\"");
    }

    @Test
    void aFileWithoutTheKeyHasNoLabelAndWritesNone() throws Exception {
        BenchResult r = BenchResultFiles.parse(UNLABELLED).get(0);
        assertThat(r.hardware()).isEmpty();
        String written = BenchResultFiles.toJson(List.of(r));
        assertThat(written).doesNotContain("hardware");
        assertThat(BenchResultFiles.toJson(BenchResultFiles.parse(written))).isEqualTo(written);
    }

    @Test
    void aNonStringOrBlankLabelIsNoLabel() throws Exception {
        assertThat(BenchResultFiles.parse("[{\"hardware\": 4090}]").get(0).hardware()).isEmpty();
        assertThat(BenchResultFiles.parse("[{\"hardware\": \" \"}]").get(0).hardware()).isEmpty();
        assertThat(BenchResultFiles.parse("[{\"hardware\": null}]").get(0).hardware()).isEmpty();
    }

    @Test
    void withHardwareLabelsAfterTheOtherAddedKeysAndRoundTrips() throws Exception {
        BenchResult r = BenchResultFiles.parse(UNLABELLED).get(0).withHardware("H100 80GB");
        assertThat(r.hardware()).contains("H100 80GB");
        assertThat(List.copyOf(r.extra().keySet())).containsExactly("load", "hardware");
        String json = BenchResultFiles.toJson(List.of(r));
        assertThat(json.indexOf("\"hardware\"")).isGreaterThan(json.indexOf("\"warnings\""));
        assertThat(BenchResultFiles.parse(json).get(0)).isEqualTo(r);
        assertThat(r.withHardware("A100 80GB").hardware()).contains("A100 80GB");
        assertThatThrownBy(() -> r.withHardware(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
