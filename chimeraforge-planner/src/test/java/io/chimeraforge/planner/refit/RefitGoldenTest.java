package io.chimeraforge.planner.refit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.Json;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the reference's recorded refits ({@code golden/loop-refit.jsonl}) through the library
 * under {@link Compat#REFERENCE}: the written corpus (every key, in order; the power law to 1e-4
 * relative, everything else to 1e-9), the summary, and the validation rows the text output shows.
 */
class RefitGoldenTest {

    static Stream<Arguments> records() throws Exception {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                RefitGoldenTest.class.getResourceAsStream("/golden/loop-refit.jsonl"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode record = Json.mapper().readTree(line);
                out.add(Arguments.of(record.get("id").asText(), record));
            }
        }
        assertEquals(20, out.size(), "the golden file holds 20 refit records");
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void replaysTheReferenceRefit(String id, JsonNode record) throws Exception {
        List<BenchResult> results = new ArrayList<>();
        List<String> argv = new ArrayList<>();
        record.get("input").get("argv").forEach(a -> argv.add(a.asText()));
        String files = argv.get(argv.indexOf("--bench-files") + 1);
        for (String placeholder : files.split(",")) {
            String name = placeholder.substring(1, placeholder.length() - 1);
            results.addAll(BenchResultFiles.parse(record.get("input").get("files").get(name).toString()));
        }
        RefitOutcome outcome = Refit.builder().compat(Compat.REFERENCE).results(results).build().run();

        boolean validate = argv.contains("--validate");
        JsonNode written = record.get("written");
        if (validate) {
            assertValidationRows(id, record.get("stdout_text").asText(), outcome.validation());
            assertEquals(record.get("exit_code").asInt() == 0, outcome.validation().passed(), id + ": validation verdict");
        } else {
            assertTreeEquals(id, "summary", record.get("stdout_json"),
                    Json.mapper().readTree(outcome.summary().toJson(Compat.REFERENCE)));
        }
        if (written != null && !written.isNull()) {
            assertTreeEquals(id, "", written, Json.mapper().readTree(outcome.corpusJson()));
            // whatever the reference writes, the planner can load (refit-11-009 fits b < 0)
            assertEquals(outcome.corpus().throughput().sizePowerB(), written.get("throughput").get("size_power_b").asDouble(),
                    1e-4 * Math.abs(written.get("throughput").get("size_power_b").asDouble()));
        }
    }

    /** The rows of the reference's validation table: name, PASS/FAIL, expected and actual, in order. */
    private static void assertValidationRows(String id, String text, CorpusValidation validation) {
        List<String[]> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] cells = line.split("│");
            if (line.startsWith("│") && cells.length == 5) {
                rows.add(new String[] {cells[1].strip(), cells[2].strip(), cells[3].strip(), cells[4].strip()});
            }
        }
        assertEquals(10, rows.size(), id + ": ten rows in the recorded table");
        assertEquals(10, validation.checks().size(), id + ": ten checks under the reference behaviour");
        for (int i = 0; i < rows.size(); i++) {
            ValidationCheck check = validation.checks().get(i);
            String[] row = rows.get(i);
            assertEquals(row[0], check.name(), id + " row " + i);
            assertEquals(row[1], check.passed() ? "PASS" : "FAIL", id + " " + check.name());
            assertEquals(row[2], check.expected(), id + " " + check.name() + " expected");
            assertEquals(row[3], check.actual(), id + " " + check.name() + " actual");
        }
        assertTrue(text.contains(validation.passedCount() + "/10 checks passed"), id + ": footer");
    }

    static void assertTreeEquals(String id, String path, JsonNode expected, JsonNode actual) {
        assertNotNull(actual, id + ": missing " + path);
        if (expected.isObject()) {
            assertTrue(actual.isObject(), id + ": " + path + " is not an object");
            List<String> expectedKeys = new ArrayList<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            List<String> actualKeys = new ArrayList<>();
            actual.fieldNames().forEachRemaining(actualKeys::add);
            assertEquals(expectedKeys, actualKeys, id + ": keys of " + path);
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                assertTreeEquals(id, path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), id + ": size of " + path);
            for (int i = 0; i < expected.size(); i++) {
                assertTreeEquals(id, path + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else if (expected.isNumber()) {
            assertTrue(actual.isNumber(), id + ": " + path + " is not a number: " + actual);
            double tolerance = path.endsWith("size_power_a") || path.endsWith("size_power_b") ? 1e-4 : 1e-9;
            double e = expected.doubleValue();
            double a = actual.doubleValue();
            if (Math.abs(e - a) > tolerance * Math.max(1.0, Math.abs(e))) {
                fail(id + ": " + path + " expected " + e + " but was " + a);
            }
        } else {
            assertEquals(expected, actual, id + ": " + path);
        }
    }
}
