package io.chimeraforge.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chimeraforge.core.Compat;
import io.chimeraforge.core.result.BenchResult;
import io.chimeraforge.core.result.BenchResultFiles;
import java.io.IOException;
import java.io.InputStream;
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
 * Replays the reference's compare cases through the library: golden {@code compare.jsonl} (7) and
 * the {@code compare} records of {@code loop.jsonl} (20), in {@link Compat#REFERENCE} mode row for
 * row; and checks that the default mode compares the cases the reference failed on.
 */
class CompareGoldenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String READ_ERROR = "Error: failed to read result file(s): ";

    /** id, baseline text, candidate texts in argv order, exit code, expected rows or error text, defect flag. */
    record Case(String id, String baseline, List<String> candidates, int exitCode, JsonNode rows, String error,
            boolean referenceDefect) {
    }

    static List<JsonNode> lines(String resource) throws IOException {
        try (InputStream in = CompareGoldenTest.class.getResourceAsStream(resource)) {
            List<JsonNode> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    out.add(MAPPER.readTree(line));
                }
            }
            return out;
        }
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (JsonNode r : lines("/golden/compare.jsonl")) {
            List<String> candidates = new ArrayList<>();
            r.path("input").path("candidates").forEach(c -> candidates.add(c.toString()));
            out.add(new Case(r.get("id").asText(), r.path("input").path("baseline").toString(), candidates,
                    r.get("exit_code").asInt(), r.get("output"), null, false));
        }
        for (JsonNode r : lines("/golden/loop.jsonl")) {
            if (!r.get("kind").asText().equals("compare")) {
                continue;
            }
            JsonNode files = r.path("input").path("files");
            List<String> argv = new ArrayList<>();
            r.path("input").path("argv").forEach(a -> argv.add(a.asText()));
            String baseline = content(files, argv.get(argv.indexOf("--baseline") + 1));
            List<String> candidates = new ArrayList<>();
            for (String name : argv.get(argv.indexOf("--candidate") + 1).split(",")) {
                candidates.add(content(files, name));
            }
            String text = r.path("stdout_text").isNull() ? null : r.path("stdout_text").asText();
            out.add(new Case(r.get("id").asText(), baseline, candidates, r.get("exit_code").asInt(),
                    r.get("stdout_json"), text, r.path("reference_defect").asBoolean(false)));
        }
        assertThat(out).hasSize(27);
        return out;
    }

    private static String content(JsonNode files, String placeholder) {
        JsonNode file = files.get(placeholder.substring(1, placeholder.length() - 1));
        return file.isTextual() ? file.asText() : file.toString();
    }

    static Stream<Arguments> allCases() throws IOException {
        return cases().stream().map(c -> Arguments.of(c.id(), c));
    }

    static Stream<Arguments> defectCases() throws IOException {
        return cases().stream().filter(Case::referenceDefect).map(c -> Arguments.of(c.id(), c));
    }

    private static List<BenchResult> pool(List<String> texts) throws IOException {
        List<BenchResult> out = new ArrayList<>();
        for (String t : texts) {
            out.addAll(BenchResultFiles.parse(t));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allCases")
    void referenceModeReproducesTheReference(String id, Case c) throws IOException {
        List<BenchResult> baseline = BenchResultFiles.parse(c.baseline());
        List<BenchResult> candidates = pool(c.candidates());
        if (c.exitCode() != 0) {
            assertThat(c.error()).startsWith(READ_ERROR);
            assertThatThrownBy(() -> Comparison.of(baseline, candidates, Compat.REFERENCE))
                    .isInstanceOf(ComparisonException.class)
                    .hasMessage(c.error().substring(READ_ERROR.length()));
            return;
        }
        JsonNode actual = MAPPER.readTree(Comparison.of(baseline, candidates, Compat.REFERENCE).toJson());
        assertSameRows(actual, c.rows());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defectCases")
    void defaultModeComparesModelNamesHoldingABar(String id, Case c) throws IOException {
        List<BenchResult> baseline = BenchResultFiles.parse(c.baseline());
        Comparison comparison = Comparison.of(baseline, pool(c.candidates()));
        assertThat(comparison.rows()).isNotEmpty();
        assertThat(comparison.rows()).anyMatch(r -> r.model().contains("|"));
        for (ComparisonRow row : comparison.rows()) {
            BenchResult source = baseline.stream().filter(b -> b.model().equals(row.model())
                    && b.backend().equals(row.backend())).findFirst().orElseThrow();
            assertThat(row.workload()).isEqualTo(source.workload().isEmpty() ? "single" : source.workload());
        }
    }

    /** Same keys in the same order; numbers compared as numbers (the golden holds Python reprs). */
    static void assertSameRows(JsonNode actual, JsonNode expected) {
        assertThat(actual.isArray()).isTrue();
        assertThat(actual.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            List<String> actualKeys = new ArrayList<>();
            actual.get(i).fieldNames().forEachRemaining(actualKeys::add);
            List<String> expectedKeys = new ArrayList<>();
            expected.get(i).fieldNames().forEachRemaining(expectedKeys::add);
            assertThat(actualKeys).isEqualTo(expectedKeys);
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.get(i).fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode a = actual.get(i).get(e.getKey());
                if (e.getValue().isNumber()) {
                    assertThat(a.isNumber()).as(e.getKey()).isTrue();
                    assertThat(a.asDouble()).as(e.getKey()).isEqualTo(e.getValue().asDouble());
                } else {
                    assertThat(a).as(e.getKey()).isEqualTo(e.getValue());
                }
            }
        }
    }
}
