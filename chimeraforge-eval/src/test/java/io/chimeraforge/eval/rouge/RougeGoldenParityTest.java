package io.chimeraforge.eval.rouge;

import static io.chimeraforge.eval.testing.Golden.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.eval.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays Google rouge-score's recorded outputs (rouge.jsonl): tokens, P/R/F and bootstrap aggregates. */
class RougeGoldenParityTest {

    private static final double TOL = 1e-12;
    private static final RougeScorer PLAIN = RougeScorer.builder().build();
    private static final RougeScorer STEMMED = RougeScorer.builder().useStemmer(true).build();

    static Stream<JsonNode> pairs() {
        return Golden.records("rouge.jsonl", "rouge_pair").stream();
    }

    static Stream<JsonNode> aggregates() {
        return Golden.records("rouge.jsonl", "rouge_aggregate").stream();
    }

    @Test
    void goldenFileHasTheDocumentedRecordCounts() {
        assertThat(pairs()).hasSize(200);
        assertThat(aggregates()).hasSize(5);
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("pairs")
    void pairReproducesWithoutStemmer(JsonNode record) {
        check(record, PLAIN, record.get("output").get("no_stem"));
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("pairs")
    void pairReproducesWithStemmer(JsonNode record) {
        check(record, STEMMED, record.get("output").get("stem"));
    }

    private static void check(JsonNode record, RougeScorer scorer, JsonNode expected) {
        String id = record.get("id").asText();
        String target = record.get("input").get("target").asText();
        String prediction = record.get("input").get("prediction").asText();
        assertThat(scorer.tokenize(target)).as(id + " tokens_target")
                .containsExactlyElementsOf(strings(expected.get("tokens_target")));
        assertThat(scorer.tokenize(prediction)).as(id + " tokens_prediction")
                .containsExactlyElementsOf(strings(expected.get("tokens_prediction")));
        assertThat(scorer.sentenceTokens(target)).as(id + " sentence_tokens_target")
                .isEqualTo(nested(expected.get("sentence_tokens_target")));
        assertThat(scorer.sentenceTokens(prediction)).as(id + " sentence_tokens_prediction")
                .isEqualTo(nested(expected.get("sentence_tokens_prediction")));
        RougeScores scores = scorer.score(target, prediction);
        for (RougeType type : RougeType.values()) {
            assertScore(id + " " + type.key(), expected.get(type.key()), scores.require(type));
        }
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("aggregates")
    void aggregateReproducesBootstrapAndMean(JsonNode record) {
        String id = record.get("id").asText();
        JsonNode in = record.get("input");
        JsonNode out = record.get("output");
        RougeScorer scorer = RougeScorer.builder().useStemmer(in.get("use_stemmer").asBoolean()).build();
        assertThat(strings(in.get("rouge_types"))).containsExactly("rouge1", "rouge2", "rougeL", "rougeLsum");
        List<RougeScores> perPair = new ArrayList<>();
        for (JsonNode p : in.get("pairs")) {
            perPair.add(scorer.score(p.get("target").asText(), p.get("prediction").asText()));
        }
        for (RougeType type : RougeType.values()) {
            JsonNode rows = out.get("per_pair_scores").get(type.key());
            for (int i = 0; i < perPair.size(); i++) {
                RougeScore s = perPair.get(i).require(type);
                JsonNode row = rows.get(i);
                assertClose(id + " pair " + i + " " + type.key() + " p", row.get(0).doubleValue(), s.precision(), TOL);
                assertClose(id + " pair " + i + " " + type.key() + " r", row.get(1).doubleValue(), s.recall(), TOL);
                assertClose(id + " pair " + i + " " + type.key() + " f", row.get(2).doubleValue(), s.fmeasure(), TOL);
            }
        }
        BootstrapAggregator aggregator = new BootstrapAggregator(in.get("confidence_interval").doubleValue(),
                in.get("n_samples").intValue(), in.get("numpy_seed").longValue());
        int[] first = aggregator.firstResampleIndices(perPair.size());
        List<Integer> expectedFirst = new ArrayList<>();
        out.get("first_resample_indices").forEach(n -> expectedFirst.add(n.intValue()));
        assertThat(first).as(id + " first resample").containsExactly(
                expectedFirst.stream().mapToInt(Integer::intValue).toArray());

        Map<RougeType, AggregateScore> boot = aggregator.aggregate(perPair);
        Map<RougeType, RougeScore> mean = BootstrapAggregator.mean(perPair);
        for (RougeType type : RougeType.values()) {
            JsonNode b = out.get("bootstrap").get(type.key());
            AggregateScore a = boot.get(type);
            // bit for bit: same RNG stream, same summation order, same percentile interpolation
            assertExact(id + " " + type.key() + " low", b.get("low"), a.low());
            assertExact(id + " " + type.key() + " mid", b.get("mid"), a.mid());
            assertExact(id + " " + type.key() + " high", b.get("high"), a.high());
            assertScore(id + " " + type.key() + " mean", out.get("mean").get(type.key()), mean.get(type));
        }
    }

    private static void assertScore(String where, JsonNode expected, RougeScore actual) {
        assertClose(where + " precision", expected.get("precision").doubleValue(), actual.precision(), TOL);
        assertClose(where + " recall", expected.get("recall").doubleValue(), actual.recall(), TOL);
        assertClose(where + " fmeasure", expected.get("fmeasure").doubleValue(), actual.fmeasure(), TOL);
    }

    private static void assertExact(String where, JsonNode expected, RougeScore actual) {
        assertThat(actual.precision()).as(where + " precision").isEqualTo(expected.get("precision").doubleValue());
        assertThat(actual.recall()).as(where + " recall").isEqualTo(expected.get("recall").doubleValue());
        assertThat(actual.fmeasure()).as(where + " fmeasure").isEqualTo(expected.get("fmeasure").doubleValue());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<List<String>> nested(JsonNode array) {
        List<List<String>> out = new ArrayList<>();
        array.forEach(n -> out.add(strings(n)));
        return out;
    }
}
