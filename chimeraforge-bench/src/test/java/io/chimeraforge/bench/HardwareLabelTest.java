package io.chimeraforge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.bench.internal.EnvironmentProbe;
import io.chimeraforge.core.InvalidSettingException;
import io.chimeraforge.core.hardware.AmbiguousGpuException;
import io.chimeraforge.core.hardware.UnknownGpuException;
import io.chimeraforge.core.quant.Backend;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import io.chimeraforge.testkit.MockLlmServer;
import io.chimeraforge.testkit.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code hardware}: a run labelled with a catalog GPU, given or detected from {@code nvidia-smi}. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HardwareLabelTest {

    @TempDir
    Path dir;

    private static EnvironmentProbe.Gpu device(String name, double memoryMib) {
        return new EnvironmentProbe.Gpu(Optional.of(name), Optional.of("550.54"), Optional.of("12.4"),
                OptionalDouble.of(memoryMib));
    }

    @Test
    void theNameIsKeptAsTheCatalogSpellsIt() {
        assertThat(BenchConfig.builder().model("m").hardware("rtx 4090 24gb").build().hardware())
                .contains("RTX 4090 24GB");
        assertThat(BenchConfig.builder().model("m").hardware("4090").build().hardware()).contains("RTX 4090 24GB");
        assertThat(BenchConfig.builder().model("m").build().hardware()).isEmpty();
        BenchConfig labelled = BenchConfig.builder().model("m").hardware("H100 80GB").build();
        assertThat(labelled.toBuilder().build()).isEqualTo(labelled);
        assertThat(labelled).isNotEqualTo(BenchConfig.builder().model("m").build());
        assertThat(labelled.toString()).contains("hardware=Optional[H100 80GB]");
    }

    @Test
    void anUnknownNameIsRefusedNamingTheCatalog() {
        assertThatThrownBy(() -> BenchConfig.builder().hardware("RTX 9090"))
                .isInstanceOfSatisfying(InvalidSettingException.class, e -> {
                    assertThat(e.setting()).isEqualTo("hardware");
                    assertThat(e.value()).isEqualTo("RTX 9090");
                })
                .hasMessageStartingWith("hardware must be a GPU of the catalog (known GPUs: A100 40GB, A100 80GB, ")
                .hasMessageContaining("RTX 4090 24GB")
                .hasMessageEndingWith("), got RTX 9090")
                .hasCauseInstanceOf(UnknownGpuException.class);
        assertThatThrownBy(() -> BenchConfig.builder().hardware(null)).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void aNameFittingSeveralGpusIsRefusedWithTheCandidates() {
        assertThatThrownBy(() -> BenchConfig.builder().hardware("RTX 4080"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("hardware must be one GPU of the catalog; it matches RTX 4080 12GB, RTX 4080 16GB -- name one"
                        + " in full, got RTX 4080")
                .hasCauseInstanceOf(AmbiguousGpuException.class);
    }

    @Test
    void anUnlabelledRunTakesTheDetectedGpuOnlyWhenItIsOneCatalogGpu() {
        BenchConfig plain = BenchConfig.builder().model("m").baseUrl("http://127.0.0.1:11434").build();
        assertThat(BenchRunner.hardwareLabel(plain, device("NVIDIA GeForce RTX 4090", 24564))).contains("RTX 4090 24GB");
        assertThat(BenchRunner.hardwareLabel(plain, device("NVIDIA GeForce RTX 4080 Laptop GPU", 12282)))
                .contains("RTX 4080 12GB");
        assertThat(BenchRunner.hardwareLabel(plain, device("NVIDIA RTX A6000", 49140))).isEmpty();
        assertThat(BenchRunner.hardwareLabel(plain, EnvironmentProbe.Gpu.unknown())).isEmpty();
        BenchConfig off = plain.toBuilder().detectHardware(false).build();
        assertThat(BenchRunner.hardwareLabel(off, device("NVIDIA GeForce RTX 4090", 24564))).isEmpty();
        // the default URL is localhost; [::1] is loopback too
        assertThat(BenchRunner.hardwareLabel(BenchConfig.builder().model("m").build(),
                device("NVIDIA GeForce RTX 4090", 24564))).contains("RTX 4090 24GB");
        assertThat(BenchRunner.hardwareLabel(plain.toBuilder().baseUrls(List.of("http://[::1]:8000")).build(),
                device("NVIDIA GeForce RTX 4090", 24564))).contains("RTX 4090 24GB");
        // a remote server: the local GPU is not the one measured
        BenchConfig remote = plain.toBuilder().baseUrls(List.of("http://127.0.0.1:1", "http://gpu-box:8000")).build();
        assertThat(BenchRunner.hardwareLabel(remote, device("NVIDIA GeForce RTX 4090", 24564))).isEmpty();
        assertThat(BenchRunner.hardwareLabel(remote.toBuilder().hardware("RTX 4090 24GB").build(),
                EnvironmentProbe.Gpu.unknown())).contains("RTX 4090 24GB");
        BenchConfig given = plain.toBuilder().hardware("A100 80GB").build();
        assertThat(BenchRunner.hardwareLabel(given, device("NVIDIA GeForce RTX 4090", 24564))).contains("A100 80GB");
    }

    @Test
    void everyResultOfALabelledRunCarriesTheLabel() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(5)).interTokenGap(Duration.ZERO).outputTokens(4).build();
        Path file = dir.resolve("out.json");
        try (MockLlmServer server = MockLlmServer.builder().script(script).start()) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.OLLAMA)
                    .baseUrl(server.baseUrl()).runs(2).warmupRequests(0).contextLengths(List.of(512, 1024))
                    .hardware("RTX 4090 24GB").outputFile(file).build();
            BenchReport report = BenchRunner.builder(config).captureGpu(false).build().run();
            assertThat(report.configs()).hasSize(2)
                    .allSatisfy(c -> assertThat(c.result().hardware()).contains("RTX 4090 24GB"));
        }
        String json = Files.readString(file);
        List<BenchResult> read = BenchResultFiles.read(file);
        assertThat(read).hasSize(2).allSatisfy(r -> assertThat(r.hardware()).contains("RTX 4090 24GB"));
        assertThat(json.split("\"hardware\": \"RTX 4090 24GB\"", -1)).hasSize(3);
    }

    @Test
    void anUnlabelledRunWritesNoKey() throws Exception {
        Script script = Script.builder().ttft(Duration.ofMillis(5)).interTokenGap(Duration.ZERO).outputTokens(4).build();
        Path file = dir.resolve("out.json");
        try (MockLlmServer server = MockLlmServer.builder().script(script).start()) {
            BenchConfig config = BenchConfig.builder().model("mock-model").backend(Backend.OLLAMA)
                    .baseUrl(server.baseUrl()).runs(2).warmupRequests(0).outputFile(file).build();
            BenchRunner.builder(config).captureGpu(false).build().run();
        }
        assertThat(Files.readString(file)).doesNotContain("\"hardware\"");
        assertThat(BenchResultFiles.read(file).get(0).hardware()).isEmpty();
    }
}
