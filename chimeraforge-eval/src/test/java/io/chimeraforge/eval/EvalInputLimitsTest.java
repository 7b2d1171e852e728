package io.chimeraforge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.chimeraforge.core.InvalidSettingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 items 7 and 19 for eval inputs: a size limit (endless inputs end at it), a leading
 * UTF-8 BOM ignored, an empty path named as such, the FP16 baseline range, and strict pairing.
 */
class EvalInputLimitsTest {

    @TempDir
    Path dir;

    @Test
    void aFileOverTheLimitIsRefusedNamingTheLimit() throws IOException {
        Path file = Files.writeString(dir.resolve("p.txt"), "one\ntwo\nthree\n");
        long size = Files.size(file);
        assertThat(EvalInputs.readLines(file, "predictions", size)).containsExactly("one", "two", "three");
        assertThatThrownBy(() -> EvalInputs.readLines(file, "predictions", size - 1))
                .isInstanceOf(EvalInputException.class)
                .hasMessage("predictions file '" + file + "' is larger than the " + (size - 1)
                        + " bytes limit for an eval input.");
        assertThat(EvalInputs.MAX_FILE_BYTES).isEqualTo(64L << 20);
    }

    @Test
    void anEndlessDeviceEndsAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(zero), "needs /dev/zero");
        assertThatThrownBy(() -> EvalInputs.readLines(zero, "predictions", 1 << 20))
                .isInstanceOf(EvalInputException.class)
                .hasMessage("predictions file '/dev/zero' is larger than the 1 MiB limit for an eval input.");
        assertThatThrownBy(() -> EvalInputs.readPairs(zero)).isInstanceOf(EvalInputException.class)
                .hasMessageContaining("64 MiB limit");
    }

    @Test
    void aLeadingByteOrderMarkDoesNotLowerExactMatch() throws IOException {
        Path pred = dir.resolve("pred.txt");
        Files.write(pred, "\uFEFFParis\nBerlin\n".getBytes(StandardCharsets.UTF_8));
        Path ref = Files.writeString(dir.resolve("ref.txt"), "Paris\nBerlin\n");
        assertThat(EvalInputs.readLines(pred, "predictions")).containsExactly("Paris", "Berlin");
        EvalRun.Outcome outcome = EvalRun.builder().predictions(pred).references(ref).build()
                .execute(QualityScorer.reference());
        assertThat(outcome.result().scores().exactMatch()).isEqualTo(1.0);
    }

    @Test
    void anEmptyPathSaysSo() {
        assertThatThrownBy(() -> EvalInputs.readLines(Path.of(""), "references"))
                .isInstanceOf(EvalInputException.class).hasMessage("references file path is empty.");
    }

    @ParameterizedTest
    @ValueSource(doubles = {5.0, 1.0001, 0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void anFp16BaselineOutsideZeroToOneIsRefused(double baseline) {
        assertThatThrownBy(() -> EvalRun.builder().fp16Baseline(baseline))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("fp16Baseline must be greater than 0 and at most 1 (a composite score), got " + baseline);
        assertThat(EvalRun.builder().fp16Baseline(1.0).build().fp16Baseline()).hasValue(1.0);
    }

    @Test
    void strictPairingRefusesMismatchedLengthsWhileTheDefaultWarns() throws IOException {
        Path pred = Files.writeString(dir.resolve("pred.txt"), "a\nb\nc\n");
        Path ref = Files.writeString(dir.resolve("ref.txt"), "a\nb\n");
        EvalRun.Outcome lenient = EvalRun.builder().predictions(pred).references(ref).build()
                .execute(QualityScorer.reference());
        assertThat(lenient.result().warnings()).anyMatch(w -> w.startsWith("Length mismatch: 3 predictions vs 2"));
        assertThatThrownBy(() -> EvalRun.builder().predictions(pred).references(ref).strictPairing(true).build()
                .execute(QualityScorer.reference()))
                .isInstanceOf(EvalInputException.class)
                .hasMessageStartingWith("predictions and references do not pair up: 3 predictions vs 2 references");
    }

    @Test
    void nullArgumentsThrowNullPointerExceptionNamingThem() {
        assertThatThrownBy(() -> EvalRun.builder().model(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("model");
        assertThatThrownBy(() -> QualityScorer.builder().mode(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("mode");
        assertThatThrownBy(() -> QualityScorer.reference().score(null, List.of()))
                .isInstanceOf(NullPointerException.class).hasMessage("predictions");
    }
}
