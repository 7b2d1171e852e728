package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The reference's recorded {@code eval --json} runs, replayed through {@code eval --compat reference --json}. */
class EvalCliGoldenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    static List<JsonNode> records() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = EvalCliGoldenTest.class.getResourceAsStream("/golden/eval-cli.jsonl");
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    out.add(MAPPER.readTree(line));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedEvalRunReproduces() throws IOException {
        return records().stream().map(r -> DynamicTest.dynamicTest(r.get("id").asText(), () -> replay(r)));
    }

    private void replay(JsonNode record) throws IOException {
        Path run = Files.createTempDirectory(dir, "run");
        Path pred = run.resolve("pred.txt");
        Path ref = run.resolve("ref.txt");
        Files.writeString(pred, record.get("input").get("predictions_file").asText(), StandardCharsets.UTF_8);
        Files.writeString(ref, record.get("input").get("references_file").asText(), StandardCharsets.UTF_8);
        List<String> argv = new ArrayList<>();
        for (JsonNode a : record.get("input").get("argv")) {
            argv.add(a.asText().replace("<pred.txt>", pred.toString()).replace("<ref.txt>", ref.toString()));
        }
        argv.add("--compat");
        argv.add("reference");
        CliRun result = CliRun.of(run, argv.toArray(new String[0]));
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(record.get("exit_code").asInt());
        JsonNode actual = MAPPER.readTree(result.stdout());
        for (JsonNode entry : actual) {
            assertThat(entry.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
            ((ObjectNode) entry).put("timestamp", "<redacted>");
        }
        PlanGoldenParityTest.compare("$", record.get("output"), actual);
    }

    @Test
    void listTasksPrintsTheThreeBuiltInTasks() {
        CliRun run = CliRun.of(dir, "eval", "--list-tasks");
        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().lines()).containsExactly("  code", "  general_knowledge", "  summarization");
    }

    @Test
    void missingPredictionsFileIsOneLineExitOne() {
        CliRun run = CliRun.of(dir, "eval", "--predictions", dir.resolve("nope.txt").toString(), "--references",
                dir.resolve("nope2.txt").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stderrLines()).hasSize(1);
        assertThat(run.stderr()).startsWith("Error: ").contains("nope.txt").doesNotContain("Exception");
    }
}
