package io.chimeraforge.eval;

import static io.chimeraforge.eval.testing.Golden.assertClose;
import static io.chimeraforge.eval.testing.Golden.assertJsonEquals;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chimeraforge.eval.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every record of chimeraforge v0.30.0's eval.jsonl against the REFERENCE mode. */
class EvalGoldenParityTest {

    private static final double TOL = 1e-12;
    private static final QualityScorer SCORER = QualityScorer.builder()
            .clock(Clock.fixed(Instant.parse("2026-01-02T03:04:05.678901Z"), ZoneOffset.UTC)).build();

    static Stream<JsonNode> pairs() {
        return Golden.records("eval.jsonl", "pair").stream();
    }

    static Stream<JsonNode> batches() {
        return Golden.records("eval.jsonl", "batch").stream();
    }

    static Stream<JsonNode> tiers() {
        return Golden.records("eval.jsonl", "tier").stream();
    }

    static Stream<JsonNode> composites() {
        return Golden.records("eval.jsonl", "composite").stream();
    }

    static Stream<JsonNode> cliRuns() {
        return Golden.records("eval.jsonl", "cli").stream();
    }

    @Test
    void goldenFileHasTheDocumentedRecordCounts() {
        assertThat(pairs()).hasSize(37);
        assertThat(batches()).hasSize(6);
        assertThat(tiers()).hasSize(15);
        assertThat(composites()).hasSize(6);
        assertThat(cliRuns()).hasSize(3);
    }

    private static OptionalDouble optionalDouble(JsonNode n) {
        return n == null || n.isNull() ? OptionalDouble.empty() : OptionalDouble.of(n.doubleValue());
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("pairs")
    void pairRecordReproduces(JsonNode record) {
        String id = record.get("id").asText();
        JsonNode in = record.get("input");
        JsonNode out = record.get("output");
        String p = in.get("prediction").asText();
        String r = in.get("reference").asText();
        OptionalDouble baseline = optionalDouble(in.get("fp16_baseline"));

        MetricScores m = SCORER.score(List.of(p), List.of(r));
        assertClose(id + " exact_match", out.get("exact_match").doubleValue(), m.exactMatch(), TOL);
        assertClose(id + " rouge_l", out.get("rouge_l").doubleValue(), m.rougeL(), TOL);
        assertClose(id + " bert_score", out.get("bert_score").doubleValue(), m.bertScore(), TOL);
        assertClose(id + " coherence", out.get("coherence").doubleValue(), m.coherence(), TOL);
        assertClose(id + " composite", out.get("composite").doubleValue(), m.composite(), TOL);
        assertThat(m.bertAvailable()).isFalse();

        ReferenceMetrics.LcsDetail lcs = ReferenceMetrics.rougeLDetail(p, r);
        assertThat(lcs.lcsTokens()).as(id + " lcs").isEqualTo(out.get("lcs_tokens").intValue());
        assertThat(lcs.predictionTokens()).as(id + " pred tokens").isEqualTo(out.get("pred_tokens").intValue());
        assertThat(lcs.referenceTokens()).as(id + " ref tokens").isEqualTo(out.get("ref_tokens").intValue());

        assertThat(QualityTier.of(m.composite(), baseline).label()).as(id + " tier")
                .isEqualTo(out.get("tier").asText());

        QualityScore q = SCORER.evaluate(List.of(p), List.of(r), "m", Optional.of("Q4_K_M"), baseline);
        assertJsonEquals(id + " evaluate_quality", out.get("evaluate_quality"),
                Golden.parse(EvalJson.toJson(q)), TOL);
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("batches")
    void batchRecordReproduces(JsonNode record) {
        String id = record.get("id").asText();
        JsonNode in = record.get("input");
        JsonNode out = record.get("output");
        List<String> preds = strings(in.get("predictions"));
        List<String> refs = strings(in.get("references"));
        OptionalDouble baseline = optionalDouble(in.get("fp16_baseline"));

        MetricScores m = SCORER.score(preds, refs);
        assertClose(id + " exact_match", out.get("exact_match").doubleValue(), m.exactMatch(), TOL);
        assertClose(id + " rouge_l", out.get("rouge_l").doubleValue(), m.rougeL(), TOL);
        assertClose(id + " coherence", out.get("coherence").doubleValue(), m.coherence(), TOL);

        QualityScore q = SCORER.evaluate(preds, refs, "m", Optional.empty(), baseline);
        assertJsonEquals(id + " evaluate_quality", out.get("evaluate_quality"),
                Golden.parse(EvalJson.toJson(q)), TOL);

        EvalResult result = SCORER.run(EvalRequest.builder(preds, refs).model("m").backend("b")
                .fp16Composite(baseline).build());
        ObjectNode actual = (ObjectNode) Golden.parse(EvalJson.toJson(result));
        assertThat(actual.get("timestamp").asText()).isEqualTo("2026-01-02T03:04:05.678901+00:00");
        actual.put("timestamp", "<redacted>");
        assertJsonEquals(id + " run_eval", out.get("run_eval"), actual, TOL);
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("tiers")
    void tierProbeReproduces(JsonNode record) {
        String id = record.get("id").asText();
        JsonNode in = record.get("input");
        JsonNode out = record.get("output");
        QualityTier.Assessment a = QualityTier.assess(in.get("composite").doubleValue(),
                OptionalDouble.of(in.get("fp16_composite").doubleValue()));
        assertThat(a.tier().label()).as(id).isEqualTo(out.get("tier").asText());
        JsonNode drop = out.get("drop_pp");
        if (drop.isNull()) {
            assertThat(a.dropPp()).as(id).isEmpty();
        } else {
            // exact, sign of zero included: the drop is rounded to 6 decimals like Python's round()
            assertThat(Double.compare(a.dropPp().getAsDouble(), drop.doubleValue())).as(id + " drop_pp "
                    + a.dropPp()).isZero();
        }
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("composites")
    void compositeProbeReproduces(JsonNode record) {
        JsonNode in = record.get("input");
        double c = Composite.referenceRule(in.get("exact_match").doubleValue(), in.get("rouge_l").doubleValue(),
                in.get("bert_score").doubleValue(), in.get("coherence").doubleValue());
        assertClose(record.get("id").asText(), record.get("output").get("composite").doubleValue(), c, TOL);
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("cliRuns")
    void cliRunReproduces(JsonNode record, @TempDir Path dir) throws IOException {
        JsonNode in = record.get("input");
        Path pred = dir.resolve("pred.txt");
        Path ref = dir.resolve("ref.txt");
        Files.writeString(pred, in.get("predictions_file").asText(), StandardCharsets.UTF_8);
        Files.writeString(ref, in.get("references_file").asText(), StandardCharsets.UTF_8);
        EvalRun.Builder b = EvalRun.builder();
        List<String> argv = strings(in.get("argv"));
        // argv[0] is "eval"; file arguments are placeholders for the files written above
        for (int i = 1; i < argv.size(); i++) {
            String arg = argv.get(i);
            switch (arg) {
                case "--predictions" -> {
                    b.predictions(pred);
                    i++;
                }
                case "--references" -> {
                    b.references(ref);
                    i++;
                }
                case "--model" -> b.model(argv.get(++i));
                case "--quant" -> b.quant(argv.get(++i));
                case "--fp16-baseline" -> b.fp16Baseline(Double.parseDouble(argv.get(++i)));
                case "--json" -> {
                    // the JSON document is what is compared
                }
                default -> throw new IllegalStateException("unexpected argument " + arg);
            }
        }
        assertThat(record.get("exit_code").intValue()).isZero();
        EvalRun.Outcome outcome = b.build().execute(SCORER);
        JsonNode actual = Golden.parse(outcome.toJson());
        for (JsonNode element : actual) {
            ((ObjectNode) element).put("timestamp", "<redacted>");
        }
        assertJsonEquals(record.get("id").asText(), record.get("output"), actual, TOL);
        assertThat(outcome.notes()).isEmpty();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
