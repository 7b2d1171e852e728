package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the reference's {@code compare --json} runs (golden {@code compare.jsonl} and the compare
 * records of {@code loop.jsonl}) through {@link ChimeraforgeCli#run} with {@code --compat reference}:
 * exit code, rows (keys in order, numbers as numbers) or the error line.
 */
class CompareCliGoldenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<Arguments> records() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String resource : List.of("/golden/compare.jsonl", "/golden/loop-compare.jsonl")) {
            try (InputStream in = CompareCliGoldenTest.class.getResourceAsStream(resource)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank()) {
                        JsonNode r = MAPPER.readTree(line);
                        out.add(Arguments.of(r.get("id").asText(), r));
                    }
                }
            }
        }
        assertThat(out).hasSize(27);
        return out.stream();
    }

    /** Writes the record's input files and returns its argv with the placeholders replaced by paths. */
    private List<String> argv(JsonNode r) throws IOException {
        JsonNode input = r.get("input");
        JsonNode files = input.get("files");
        if (files == null) { // compare.jsonl: baseline + candidates[i]
            files = MAPPER.createObjectNode().set("baseline.json", input.get("baseline"));
            for (int i = 0; i < input.get("candidates").size(); i++) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) files).set("candidate" + i + ".json",
                        input.get("candidates").get(i));
            }
        }
        List<String> args = new ArrayList<>();
        for (JsonNode a : input.get("argv")) {
            args.add(a.asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> file = it.next();
            Path path = dir.resolve(file.getKey());
            Files.writeString(path, file.getValue().isTextual() ? file.getValue().asText() : file.getValue().toString());
            args.replaceAll(a -> a.replace("<" + file.getKey() + ">", path.toString()));
        }
        return args;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void referenceModeMatchesTheReference(String id, JsonNode r) throws IOException {
        List<String> args = argv(r);
        args.add("--compat");
        args.add("reference");
        CliRun run = CliRun.of(dir, args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(r.get("exit_code").asInt());
        JsonNode stdout = MAPPER.readTree(run.stdout());
        if (run.exitCode() != 0) {
            assertThat("Error: " + stdout.get("error").asText()).isEqualTo(r.get("stdout_text").asText());
            return;
        }
        JsonNode expected = r.has("output") ? r.get("output") : r.get("stdout_json");
        assertThat(stdout.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            List<String> keys = new ArrayList<>();
            stdout.get(i).fieldNames().forEachRemaining(keys::add);
            List<String> expectedKeys = new ArrayList<>();
            expected.get(i).fieldNames().forEachRemaining(expectedKeys::add);
            assertThat(keys).isEqualTo(expectedKeys);
            for (String key : expectedKeys) {
                JsonNode e = expected.get(i).get(key);
                JsonNode a = stdout.get(i).get(key);
                if (e.isNumber()) {
                    assertThat(a.asDouble()).as(key).isEqualTo(e.asDouble());
                } else {
                    assertThat(a).as(key).isEqualTo(e);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void defaultModeComparesEveryCase(String id, JsonNode r) throws IOException {
        CliRun run = CliRun.of(dir, argv(r).toArray(String[]::new));
        assertThat(run.exitCode()).as(run.stdout()).isZero();
        JsonNode doc = MAPPER.readTree(run.stdout());
        assertThat(doc.get("summary").get("configs_compared").asInt()).isEqualTo(doc.get("rows").size());
        if (r.path("reference_defect").asBoolean(false)) {
            assertThat(doc.get("rows").size()).isPositive();
        }
    }
}
