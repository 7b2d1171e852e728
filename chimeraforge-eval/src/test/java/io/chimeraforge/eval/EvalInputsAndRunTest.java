package io.chimeraforge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.eval.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input files, bad input, built-in tasks and the eval run flow (spec §3.4, §3.5, §7.3 E-07 to E-10). */
class EvalInputsAndRunTest {

    @TempDir
    Path dir;

    private final QualityScorer scorer = QualityScorer.builder()
            .clock(Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC)).build();

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void textFilesAreStrippedThenSplitIntoLines() throws IOException {
        // Python: open(p).read().strip().splitlines(); inner leading spaces survive, outer ones do not
        Path p = write("p.txt", "\n\n  first\r\nsecond\n\nfourth\u2028fifth \n\n");
        assertThat(EvalInputs.readLines(write("inner.txt", "a\n  b  \n"), "x")).containsExactly("a", "  b");
        assertThat(EvalInputs.readLines(p, "predictions")).containsExactly("first", "second", "", "fourth", "fifth");
        assertThat(EvalInputs.readLines(write("empty.txt", ""), "predictions")).isEmpty();
        assertThat(EvalInputs.readLines(write("blank.txt", " \n\t\n"), "predictions")).isEmpty();
    }

    @Test
    void missingAndInvalidFilesGiveOneLineErrors() throws IOException {
        Path missing = dir.resolve("nope.txt");
        assertThatThrownBy(() -> EvalInputs.readLines(missing, "predictions"))
                .isInstanceOf(EvalInputException.class).isInstanceOf(EvalException.class)
                .hasMessage("predictions file '" + missing + "' not found.");
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> EvalInputs.readLines(latin1, "references"))
                .isInstanceOf(EvalInputException.class)
                .hasMessage("references file '" + latin1 + "' is not valid UTF-8 (invalid byte 0xe9 at offset 3).");
        assertThatThrownBy(() -> EvalInputs.readLines(dir, "references"))
                .isInstanceOf(EvalInputException.class).hasMessageContaining("is a directory");
    }

    @Test
    void jsonlPairsCarryMultiLineAnswers() throws IOException {
        Path p = write("pairs.jsonl", "{\"prediction\": \"def f():\\n    return 1\", \"reference\": \"def f():\\n    return 1\", \"id\": 7}\n"
                + "\n{\"prediction\": \"Paris\", \"reference\": \"paris\"}\r\n");
        EvalInputs.Pairs pairs = EvalInputs.readPairs(p);
        assertThat(pairs.predictions()).containsExactly("def f():\n    return 1", "Paris");
        assertThat(pairs.references()).containsExactly("def f():\n    return 1", "paris");
    }

    @Test
    void badJsonlLinesNameTheLine() throws IOException {
        Path array = write("a.jsonl", "{\"prediction\": \"a\", \"reference\": \"b\"}\n[1, 2]\n");
        assertThatThrownBy(() -> EvalInputs.readPairs(array)).isInstanceOf(EvalInputException.class)
                .hasMessage("pairs file '" + array + "' line 2: expected a JSON object {\"prediction\": ..., "
                        + "\"reference\": ...}, got an array.");
        Path missingKey = write("b.jsonl", "{\"prediction\": \"a\"}\n");
        assertThatThrownBy(() -> EvalInputs.readPairs(missingKey)).hasMessageEndingWith("line 1: missing \"reference\".");
        Path notString = write("c.jsonl", "{\"prediction\": 1, \"reference\": \"b\"}\n");
        assertThatThrownBy(() -> EvalInputs.readPairs(notString))
                .hasMessageEndingWith("line 1: \"prediction\" must be a string, got a number.");
        Path broken = write("d.jsonl", "{\"prediction\": \"a\", \"reference\": \n");
        assertThatThrownBy(() -> EvalInputs.readPairs(broken)).hasMessageContaining("line 1: invalid JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Path trailing = write("e.jsonl", "{\"prediction\": \"a\", \"reference\": \"b\"} extra\n");
        assertThatThrownBy(() -> EvalInputs.readPairs(trailing)).hasMessageContaining("line 1: invalid JSON");
        Path empty = write("f.jsonl", "\n\n");
        assertThatThrownBy(() -> EvalInputs.readPairs(empty)).hasMessage("pairs file '" + empty + "' has no records.");
    }

    @Test
    void tasksE07() {
        assertThat(EvalTasks.names()).containsExactly("code", "general_knowledge", "summarization");
        assertThat(EvalTasks.get("general_knowledge").prompts()).hasSize(10);
        assertThat(EvalTasks.get("summarization").prompts()).hasSize(5)
                .allMatch(p -> p.startsWith("Summarize in one sentence: "));
        assertThat(EvalTasks.get("code").references()).hasSize(5).allMatch(r -> r.startsWith("def ") && r.contains("\n"));
        for (EvalTask t : EvalTasks.all()) {
            assertThat(t.prompts()).hasSameSizeAs(t.references());
        }
        assertThatThrownBy(() -> EvalTasks.get("nope")).isInstanceOf(UnknownTaskException.class)
                .hasMessage("Unknown eval task 'nope'. Available: code, general_knowledge, summarization");
    }

    @Test
    void placeholderTaskRunScoresPromptsAndSaysSo() {
        EvalRun.Outcome o = EvalRun.builder().task("general_knowledge").model("test").build().execute(scorer);
        assertThat(o.notes()).containsExactly(EvalRun.PLACEHOLDER_NOTE);
        assertThat(o.result().task()).isEqualTo("general_knowledge");
        assertThat(o.result().scores().nSamples()).isEqualTo(10);
        assertThat(o.result().scores().exactMatch()).isEqualTo(0.0);
        JsonNode json = Golden.parse(o.toJson());
        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(1);
        assertThat(json.get(0).get("model").asText()).isEqualTo("test");
    }

    @Test
    void taskRunWithPredictionsFileAndIgnoredReferences() throws IOException {
        EvalTask gk = EvalTasks.get("general_knowledge");
        Path preds = write("preds.txt", String.join("\n", gk.references()) + "\n");
        Path refs = write("refs.txt", "ignored\n");
        EvalRun.Outcome o = EvalRun.builder().task("general_knowledge").predictions(preds).references(refs)
                .fp16Baseline(1.0).build().execute(scorer);
        assertThat(o.result().scores().exactMatch()).isEqualTo(1.0);
        assertThat(o.result().scores().tier()).isEqualTo(QualityTier.NEGLIGIBLE);
        assertThat(o.notes()).containsExactly(EvalRun.REFERENCES_IGNORED_NOTE);
    }

    @Test
    void fileRunsE09() throws IOException {
        Path p = write("p.txt", "Paris\nMercury\n");
        EvalRun.Outcome o = EvalRun.builder().predictions(p).references(write("r.txt", "Paris\nMercury\n")).build()
                .execute(scorer);
        assertThat(o.result().scores().exactMatch()).isEqualTo(1.0);
        assertThat(o.result().task()).isEqualTo("file:p.txt");
        assertThat(o.result().quant()).isEmpty();
        assertThat(o.result().scores().quant()).isEqualTo("FP16");

        Path missing = dir.resolve("missing.txt");
        assertThatThrownBy(() -> EvalRun.builder().predictions(missing).references(p).build().execute(scorer))
                .isInstanceOf(EvalInputException.class).hasMessage("predictions file '" + missing + "' not found.");
        assertThatThrownBy(() -> EvalRun.builder().predictions(p).references(missing).build().execute(scorer))
                .hasMessage("references file '" + missing + "' not found.");
        assertThatThrownBy(() -> EvalRun.builder().predictions(p).build().execute(scorer))
                .isInstanceOf(EvalModeException.class).hasMessage("give a task, a pairs file, or both a predictions and a references file.");
        assertThatThrownBy(() -> EvalRun.builder().build().execute(scorer)).isInstanceOf(EvalInputException.class);
    }

    @Test
    void emptyAndMismatchedFilesAreWarningsNotErrors() throws IOException {
        Path empty = write("empty.txt", "");
        Path two = write("two.txt", "a\nb\n");
        Path three = write("three.txt", "a\nb\nc\n");
        EvalResult r = EvalRun.builder().predictions(empty).references(two).build().execute(scorer).result();
        assertThat(r.warnings()).containsExactly(
                "Length mismatch: 0 predictions vs 2 references. Using min(0, 2) = 0 pairs.",
                QualityScorer.EMPTY_WARNING);
        assertThat(r.scores().composite()).isEqualTo(0.0);
        EvalResult m = EvalRun.builder().predictions(three).references(two).build().execute(scorer).result();
        assertThat(m.warnings()).containsExactly(
                "Length mismatch: 3 predictions vs 2 references. Using min(3, 2) = 2 pairs.",
                QualityScorer.BERT_UNAVAILABLE_WARNING);
        assertThat(m.scores().nSamples()).isEqualTo(2);
    }

    @Test
    void pairsRun() throws IOException {
        Path p = write("pairs.jsonl", "{\"prediction\": \"Paris\", \"reference\": \"Paris\"}\n");
        EvalResult r = EvalRun.builder().pairs(p).quant("Q4_K_M").build().execute(scorer).result();
        assertThat(r.task()).isEqualTo("file:pairs.jsonl");
        assertThat(r.quant()).contains("Q4_K_M");
        assertThatThrownBy(() -> EvalRun.builder().pairs(p).predictions(p).build().execute(scorer))
                .isInstanceOf(EvalModeException.class).hasMessageContaining("cannot be combined").hasMessageNotContaining("--");
    }

    @Test
    void jsonDocumentIsWrittenAsPythonJsonDumpsIndent2() {
        EvalResult r = scorer.run(EvalRequest.builder(List.of("\u00fcber \uD83C\uDF55"), List.of("uber"))
                .model("m").build());
        String expected = String.join("\n",
                "[",
                "  {",
                "    \"model\": \"m\",",
                "    \"backend\": \"unknown\",",
                "    \"quant\": null,",
                "    \"task\": \"custom\",",
                "    \"scores\": {",
                "      \"model\": \"m\",",
                "      \"quant\": \"FP16\",",
                "      \"exact_match\": 0.0,",
                "      \"rouge_l\": 0.0,",
                "      \"bert_score\": 0.0,",
                "      \"coherence\": 0.6667,",
                "      \"composite\": 0.1333,",
                "      \"tier\": \"unknown\",",
                "      \"n_samples\": 1",
                "    },",
                "    \"timestamp\": \"2026-03-04T05:06:07+00:00\",",
                "    \"warnings\": [",
                "      \"BERTScore unavailable; composite redistributed weight to ROUGE-L.\"",
                "    ]",
                "  }",
                "]");
        assertThat(EvalJson.toJsonArray(List.of(r))).isEqualTo(expected);
        assertThat(EvalJson.toJson(r)).doesNotContain("\u00fc");
        EvalResult withText = scorer.run(EvalRequest.builder(List.of("a"), List.of("b")).model("caf\u00e9 \uD83C\uDF55\n\"x\"").build());
        assertThat(EvalJson.toJson(withText)).contains("\"model\": \"caf\\u00e9 \\ud83c\\udf55\\n\\\"x\\\"\"");
        assertThat(EvalJson.toJsonArray(List.of())).isEqualTo("[]");
    }

    @Test
    void timestampKeepsMicrosecondsLikePython() {
        QualityScorer s = scorer.toBuilder()
                .clock(Clock.fixed(Instant.parse("2026-03-04T05:06:07.123456789Z"), ZoneOffset.UTC)).build();
        EvalResult r = s.run(EvalRequest.builder(List.of("a"), List.of("a")).build());
        assertThat(EvalJson.toMap(r).get("timestamp")).isEqualTo("2026-03-04T05:06:07.123456+00:00");
    }
}
