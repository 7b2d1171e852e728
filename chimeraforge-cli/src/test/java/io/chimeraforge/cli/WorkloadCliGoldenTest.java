package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.core.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
 * Replays golden {@code workload.jsonl} through {@code chimeraforge workload}: the recorded argv
 * gives the corrected outcome, the same argv with {@code --compat reference} the v0.30.0 one;
 * exit code and every key of the JSON document are compared.
 */
class WorkloadCliGoldenTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = WorkloadCliGoldenTest.class.getResourceAsStream("/golden/workload.jsonl");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                JsonNode record = Json.mapper().readTree(line);
                out.add(Arguments.of(record.get("id").asText(), record, "corrected"));
                out.add(Arguments.of(record.get("id").asText(), record, "reference"));
            }
        }
        assertThat(out).hasSize(48);
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void replays(String id, JsonNode record, String mode) throws IOException {
        Path caseDir = Files.createDirectories(dir.resolve(id));
        for (Iterator<Map.Entry<String, JsonNode>> it = record.at("/input/files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            Files.writeString(caseDir.resolve(f.getKey()), f.getValue().asText(), StandardCharsets.UTF_8);
        }
        List<String> argv = new ArrayList<>();
        for (JsonNode a : record.at("/input/argv")) {
            String arg = a.asText();
            argv.add(arg.startsWith("<") && arg.endsWith(">")
                    ? caseDir.resolve(arg.substring(1, arg.length() - 1)).toString() : arg);
        }
        if (mode.equals("reference")) {
            argv.add("--compat");
            argv.add("reference");
        }
        CliRun run = CliRun.of(dir, argv.toArray(String[]::new));
        JsonNode expected = record.get(mode);
        assertThat(run.exitCode()).as(run.stderr()).isEqualTo(expected.get("exit_code").asInt());
        ObjectNode actual = (ObjectNode) Json.mapper().readTree(run.stdout());
        assertThat(actual.remove("captured_at").asText()).isEqualTo("2026-11-22T12:00:00+00:00");
        actual.put("source", Path.of(actual.get("source").asText()).getFileName().toString());
        assertThat(actual.toString()).isEqualTo(expected.get("output").toString());
    }
}
