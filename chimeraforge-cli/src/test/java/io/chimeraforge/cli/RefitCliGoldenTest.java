package io.chimeraforge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
 * Replays the reference's recorded {@code refit} runs (the refit records of the golden
 * {@code loop.jsonl}, kept in chimeraforge-planner's test resources) through
 * {@link ChimeraforgeCli#run} with {@code --compat reference}: exit code, the {@code --json}
 * summary, the {@code --validate} table rows and verdict line, and the file written (every key;
 * the power law to 1e-4 relative, other numbers to 1e-9) or its absence.
 */
class RefitCliGoldenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The module's tests run with the module as working directory; the records live with the library's tests. */
    private static final Path RECORDS = Path.of("..", "chimeraforge-planner", "src", "test", "resources", "golden",
            "loop-refit.jsonl");

    @TempDir
    Path dir;

    static Stream<Arguments> records() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(RECORDS, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode r = MAPPER.readTree(line);
                out.add(Arguments.of(r.get("id").asText(), r));
            }
        }
        assertThat(out).hasSize(20);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void replaysTheReferenceRun(String id, JsonNode r) throws Exception {
        Iterator<Map.Entry<String, JsonNode>> files = r.get("input").get("files").fields();
        List<String> argv = new ArrayList<>();
        r.get("input").get("argv").forEach(a -> argv.add(a.asText()));
        while (files.hasNext()) {
            Map.Entry<String, JsonNode> file = files.next();
            Path path = dir.resolve(file.getKey());
            Files.writeString(path, file.getValue().toString());
            for (int i = 0; i < argv.size(); i++) {
                argv.set(i, argv.get(i).replace("<" + file.getKey() + ">", path.toString()));
            }
        }
        Path out = dir.resolve("out").resolve("fitted_models.json");
        argv.replaceAll(a -> a.replace("<out/fitted_models.json>", out.toString()));
        argv.add("--compat");
        argv.add("reference");
        CliRun run = CliRun.of(dir.resolve("cache"), argv.toArray(String[]::new));

        assertEquals(r.get("exit_code").asInt(), run.exitCode(), id + ": " + run.stderr());
        if (r.hasNonNull("stdout_json")) {
            assertTree(id, "summary", r.get("stdout_json"), MAPPER.readTree(run.stdout()));
        } else {
            String expected = r.get("stdout_text").asText();
            assertEquals(rows(expected), rows(run.stdout()), id + ": validation rows");
            assertThat(run.stdout()).contains(footer(expected));
            assertEquals(expected.contains("Validation failed -- refit NOT saved."),
                    run.stdout().contains("Validation failed -- refit NOT saved."), id);
        }
        JsonNode written = r.get("written");
        if (written == null || written.isNull()) {
            assertTrue(Files.notExists(out), id + ": nothing may be written");
        } else {
            assertTree(id, "", written, MAPPER.readTree(Files.readString(out)));
        }
    }

    /** The table rows: name, status, expected, actual. */
    private static List<List<String>> rows(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] cells = line.split("│");
            if (line.startsWith("│") && cells.length == 5) {
                rows.add(List.of(cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip()));
            }
        }
        return rows;
    }

    private static String footer(String text) {
        for (String line : text.split("\n")) {
            if (line.strip().endsWith("checks passed")) {
                return line.strip();
            }
        }
        throw new AssertionError("no footer in the recorded text");
    }

    private static void assertTree(String id, String path, JsonNode expected, JsonNode actual) {
        if (actual == null) {
            fail(id + ": missing " + path);
        }
        if (expected.isObject()) {
            List<String> e = new ArrayList<>();
            expected.fieldNames().forEachRemaining(e::add);
            List<String> a = new ArrayList<>();
            actual.fieldNames().forEachRemaining(a::add);
            assertEquals(e, a, id + ": keys of " + path);
            for (String key : e) {
                assertTree(id, path + "." + key, expected.get(key), actual.get(key));
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), id + ": size of " + path);
            for (int i = 0; i < expected.size(); i++) {
                assertTree(id, path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (expected.isNumber()) {
            assertTrue(actual.isNumber(), id + ": " + path + " is not a number");
            double tolerance = path.endsWith("size_power_a") || path.endsWith("size_power_b") ? 1e-4 : 1e-9;
            double e = expected.doubleValue();
            if (Math.abs(e - actual.doubleValue()) > tolerance * Math.max(1.0, Math.abs(e))) {
                fail(id + ": " + path + " expected " + e + " but was " + actual.doubleValue());
            }
        } else {
            assertEquals(expected, actual, id + ": " + path);
        }
    }
}
