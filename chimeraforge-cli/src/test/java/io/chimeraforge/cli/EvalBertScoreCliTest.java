package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the ONNX module on the class path, the default {@code eval} scores BERTScore with its model
 * and says which model (and that it is not roberta-large); {@code --compat reference} does not.
 */
class EvalBertScoreCliTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Path[] files() throws IOException {
        Path pred = dir.resolve("pred.txt");
        Path ref = dir.resolve("ref.txt");
        Files.writeString(pred, "The cat sat on the mat.\nParis is the capital of France.\n");
        Files.writeString(ref, "A cat was sitting on the mat.\nThe capital of France is Paris.\n");
        return new Path[] {pred, ref};
    }

    @Test
    void defaultScoringUsesTheInstalledEmbeddingModel() throws IOException {
        Path[] f = files();
        CliRun run = CliRun.of(dir, "eval", "-p", f[0].toString(), "-r", f[1].toString(), "--json");
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode scores = MAPPER.readTree(run.stdout()).get(0).get("scores");
        assertThat(scores.get("bert_score").asDouble()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        assertThat(run.stderr()).contains("BERTScore: all-MiniLM-L6-v2").contains("roberta-large");
        assertThat(MAPPER.readTree(run.stdout()).get(0).get("warnings").toString()).doesNotContain("BERTScore unavailable");
    }

    @Test
    void referenceCompatibilityNeverLoadsAModel() throws IOException {
        Path[] f = files();
        CliRun run = CliRun.of(dir, "eval", "-p", f[0].toString(), "-r", f[1].toString(), "--compat", "reference",
                "--json");
        assertThat(run.exitCode()).isZero();
        assertThat(MAPPER.readTree(run.stdout()).get(0).get("scores").get("bert_score").asDouble()).isZero();
        assertThat(run.stderr()).doesNotContain("BERTScore:");
    }

    @Test
    void bertModelNoneSkipsBertScoreAndAnUnknownModelIsOneLine() throws IOException {
        Path[] f = files();
        CliRun none = CliRun.of(dir, "eval", "-p", f[0].toString(), "-r", f[1].toString(), "--bert-model", "none",
                "--json");
        assertThat(none.exitCode()).isZero();
        assertThat(MAPPER.readTree(none.stdout()).get(0).get("scores").get("bert_score").asDouble()).isZero();
        CliRun unknown = CliRun.of(dir, "eval", "-p", f[0].toString(), "-r", f[1].toString(), "--bert-model",
                "roberta-large");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.stderrLines()).hasSize(1);
        assertThat(unknown.stderr()).contains("not installed").contains("all-MiniLM-L6-v2");
    }
}
