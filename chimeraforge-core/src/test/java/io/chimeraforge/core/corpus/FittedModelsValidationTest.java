package io.chimeraforge.core.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10 items 7, 16 and 19: a models file with values out of range, duplicate keys, trailing
 * content, an empty path, or more bytes than the limit is refused with one line naming the file and
 * the key path (or the limit).
 */
class FittedModelsValidationTest {

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("fitted_models.json");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "{\"vram\": {\"overhead_factor\": -1.1}}                         => vram.overhead_factor must be a finite number > 0, got -1.1",
        "{\"vram\": {\"act_coeff\": -0.01}}                              => vram.act_coeff must be a finite number >= 0",
        "{\"quality\": {\"lookup\": {\"m|FP16\": 7.0}}}                  => quality.lookup['m|FP16'] must be between 0 and 1, got 7.0",
        "{\"quality\": {\"fp16_baselines\": {\"m\": -0.2}}}              => quality.fp16_baselines['m'] must be between 0 and 1",
        "{\"quality\": {\"quant_deltas\": {\"Q4_K_M\": 1.5}}}             => quality.quant_deltas['Q4_K_M'] must be between -1 and 1",
        "{\"throughput\": {\"lookup\": {\"m|ollama|FP16\": 1e999}}}      => throughput.lookup['m|ollama|FP16'] must be a finite number > 0, got Infinity",
        "{\"throughput\": {\"lookup\": {\"m|ollama|FP16\": 0}}}          => throughput.lookup['m|ollama|FP16'] must be a finite number > 0, got 0.0",
        "{\"throughput\": {\"quant_multipliers\": {\"Q8_0\": -1.3}}}     => throughput.quant_multipliers['Q8_0'] must be a finite number > 0",
        "{\"throughput\": {\"size_power_a\": 0}}                         => throughput.size_power_a must be a finite number > 0",
        "{\"scaling\": {\"serial_fractions\": {\"m|ollama\": 2}}}        => scaling.serial_fractions['m|ollama'] must be between 0 and 1",
        "{\"cost\": {\"hw_cost_per_hour\": -0.5}}                        => cost.hw_cost_per_hour must be a finite number >= 0",
        "{\"latency\": {\"safety_factor\": 0}}                           => latency.safety_factor must be greater than 0 and at most 1",
        "{\"safety\": {\"lookup\": {\"m|FP16\": 1.01}}}                  => safety.lookup['m|FP16'] must be between 0 and 1",
        "{\"safety\": {\"rtsi\": {\"m|FP16\": {\"score\": -1e999, \"risk\": \"LOW\"}}}} => safety.rtsi['m|FP16'].score must be a finite number",
    })
    void outOfRangeValuesNameTheKeyPath(String json, String message) throws IOException {
        Path file = write(json);
        assertThatThrownBy(() -> FittedModels.read(file)).isInstanceOf(CorpusFileException.class)
                .hasMessageStartingWith("invalid models file '" + file + "': " + message);
    }

    @Test
    void nonStandardNumbersAreRefused() throws IOException {
        for (String token : new String[] {"NaN", "Infinity", "inf"}) {
            Path file = write("{\"vram\": {\"overhead_factor\": " + token + "}}");
            assertThatThrownBy(() -> FittedModels.read(file)).as(token).isInstanceOf(CorpusFileException.class)
                    .hasMessageStartingWith("invalid models file '" + file + "': ");
        }
    }

    @Test
    void duplicateKeysAreRefusedWithTheKeyAndItsLine() throws IOException {
        Path file = write("{\"quality\": {\"lookup\": {\"m|FP16\": 0.5,\n \"m|FP16\": 0.9}}}");
        assertThatThrownBy(() -> FittedModels.read(file)).isInstanceOf(CorpusFileException.class)
                .hasMessageStartingWith("invalid models file '" + file + "': ")
                .hasMessageContaining("Duplicate field 'm|FP16'").hasMessageContaining("line 2");
        Path sections = write("{\"vram\": {}, \"vram\": {\"overhead_factor\": 2}}");
        assertThatThrownBy(() -> FittedModels.read(sections)).hasMessageContaining("Duplicate field 'vram'");
    }

    @Test
    void trailingContentIsRefused() throws IOException {
        Path file = write("{\"vram\": {\"overhead_factor\": 1.1}} garbage");
        assertThatThrownBy(() -> FittedModels.read(file)).isInstanceOf(CorpusFileException.class)
                .hasMessageStartingWith("invalid models file '" + file + "': ");
        Path twoDocuments = write("{}\n{}\n");
        assertThatThrownBy(() -> FittedModels.read(twoDocuments)).isInstanceOf(CorpusFileException.class);
    }

    @Test
    void anEmptyPathSaysSoRatherThanDirectory() {
        assertThatThrownBy(() -> FittedModels.read(Path.of(""))).isInstanceOf(CorpusFileException.class)
                .hasMessage("invalid models file: the path is empty");
    }

    @Test
    void aFileOverTheLimitIsRefusedNamingTheLimit() throws IOException {
        Path file = write("{\"vram\": {\"overhead_factor\": 1.1}}          ");
        assertThat(FittedModelsFormat.read(file, Files.size(file)).vram().overheadFactor()).isEqualTo(1.1);
        assertThatThrownBy(() -> FittedModelsFormat.read(file, Files.size(file) - 1))
                .isInstanceOf(CorpusFileException.class)
                .hasMessage("invalid models file '" + file + "': larger than the " + (Files.size(file) - 1)
                        + " bytes limit for a models file");
        assertThat(FittedModels.MAX_FILE_BYTES).isEqualTo(16L << 20);
    }

    @Test
    void anEndlessDeviceEndsAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "needs /dev/zero");
        assertThatThrownBy(() -> FittedModelsFormat.read(zero, 1 << 20)).isInstanceOf(CorpusFileException.class)
                .hasMessage("invalid models file '/dev/zero': larger than the 1 MiB limit for a models file");
        assertThatThrownBy(() -> FittedModels.read(zero)).isInstanceOf(CorpusFileException.class)
                .hasMessageContaining("16 MiB limit");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted() throws IOException {
        Path file = dir.resolve("bom.json");
        Files.write(file, ("\uFEFF{\"vram\": {\"overhead_factor\": 1.2}}").getBytes(StandardCharsets.UTF_8));
        assertThat(FittedModels.read(file).vram().overheadFactor()).isEqualTo(1.2);
    }
}
