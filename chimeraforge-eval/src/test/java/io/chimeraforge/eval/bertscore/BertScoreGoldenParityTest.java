package io.chimeraforge.eval.bertscore;

import static io.chimeraforge.eval.testing.Golden.assertClose;
import static io.chimeraforge.eval.testing.Golden.number;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chimeraforge.eval.testing.Golden;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays bert_score's matching math on recorded embeddings (bertscore.jsonl), double precision. */
class BertScoreGoldenParityTest {

    private static final double TOL = 1e-9;

    static Stream<JsonNode> greedy() {
        return Golden.records("bertscore.jsonl", "bertscore_greedy").stream();
    }

    static Stream<JsonNode> idf() {
        return Golden.records("bertscore.jsonl", "bertscore_idf").stream();
    }

    @Test
    void goldenFileHasTheDocumentedRecordCounts() {
        assertThat(greedy()).hasSize(90);
        assertThat(idf()).hasSize(10);
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("greedy")
    void greedyCaseReproduces(JsonNode record) {
        String id = record.get("id").asText();
        JsonNode in = record.get("input");
        JsonNode f64 = record.get("output").get("f64");
        double[][] cand = matrix(in.get("cand_embeddings"));
        double[][] ref = matrix(in.get("ref_embeddings"));
        int[] candIds = ints(in.get("cand_token_ids"));
        int[] refIds = ints(in.get("ref_token_ids"));
        Set<Integer> specials = Set.of(in.get("special_token_ids").get("cls").intValue(),
                in.get("special_token_ids").get("sep").intValue());
        JsonNode baselineNode = in.get("baseline");
        Baseline baseline = new Baseline(baselineNode.get("P").doubleValue(), baselineNode.get("R").doubleValue(),
                baselineNode.get("F").doubleValue());

        // weights: computed by our code, checked against the recorded ones
        double[] uniformCand = IdfDictionary.uniformWeights(candIds, specials);
        double[] uniformRef = IdfDictionary.uniformWeights(refIds, specials);
        IdfDictionary dictionary = IdfDictionary.fromDocuments(docs(in.get("idf_corpus")));
        double[] idfCand = dictionary.weights(candIds);
        double[] idfRef = dictionary.weights(refIds);
        JsonNode w = in.get("idf_weights");
        assertArray(id + " uniform cand weights", w.get("uniform").get("cand"), uniformCand);
        assertArray(id + " uniform ref weights", w.get("uniform").get("ref"), uniformRef);
        assertArray(id + " idf cand weights", w.get("idf").get("cand"), idfCand);
        assertArray(id + " idf ref weights", w.get("idf").get("ref"), idfRef);

        check(id + " uniform", f64.get("uniform"), BertScoreMath.greedy(cand, ref, uniformCand, uniformRef), baseline);
        check(id + " idf", f64.get("idf"), BertScoreMath.greedy(cand, ref, idfCand, idfRef), baseline);
    }

    private static void check(String where, JsonNode expected, GreedyMatch match, Baseline baseline) {
        assertTriple(where + " raw", expected.get("raw"), match.raw());
        assertTriple(where + " rescaled", expected.get("rescaled"), match.rescaled(baseline));
        assertArray(where + " word_precision", expected.get("word_precision"), match.wordPrecision());
        assertArray(where + " word_recall", expected.get("word_recall"), match.wordRecall());
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("idf")
    void idfDictionaryCaseReproduces(JsonNode record) {
        String id = record.get("id").asText();
        JsonNode in = record.get("input");
        JsonNode out = record.get("output");
        IdfDictionary d = IdfDictionary.fromDocuments(docs(in.get("docs")));
        assertThat(d.numDocs()).as(id).isEqualTo(out.get("num_docs").intValue());
        assertClose(id + " default_idf", out.get("default_idf").doubleValue(), d.defaultIdf(), TOL);
        List<Map.Entry<Integer, Double>> entries = new ArrayList<>(d.entries().entrySet());
        assertThat(entries).as(id + " idf entries").hasSize(out.get("idf").size());
        for (int i = 0; i < entries.size(); i++) {
            JsonNode row = out.get("idf").get(i);
            assertThat(entries.get(i).getKey()).as(id + " idf id " + i).isEqualTo(row.get(0).intValue());
            assertClose(id + " idf value " + i, row.get(1).doubleValue(), entries.get(i).getValue(), TOL);
        }
        int[] query = ints(in.get("query"));
        assertArray(id + " query_weights", out.get("query_weights"), d.weights(query));
        Set<Integer> specials = Set.of(in.get("special_token_ids").get("cls").intValue(),
                in.get("special_token_ids").get("sep").intValue());
        assertArray(id + " query_weights_no_idf", out.get("query_weights_no_idf"),
                IdfDictionary.uniformWeights(query, specials));
    }

    private static void assertTriple(String where, JsonNode expected, BertScoreTriple actual) {
        assertClose(where + " P", number(expected.get("P")), actual.precision(), TOL);
        assertClose(where + " R", number(expected.get("R")), actual.recall(), TOL);
        assertClose(where + " F", number(expected.get("F")), actual.f1(), TOL);
    }

    private static void assertArray(String where, JsonNode expected, double[] actual) {
        assertThat(actual).as(where + " length").hasSize(expected.size());
        for (int i = 0; i < actual.length; i++) {
            assertClose(where + "[" + i + "]", number(expected.get(i)), actual[i], TOL);
        }
    }

    private static double[][] matrix(JsonNode rows) {
        double[][] m = new double[rows.size()][];
        for (int i = 0; i < m.length; i++) {
            JsonNode row = rows.get(i);
            m[i] = new double[row.size()];
            for (int k = 0; k < row.size(); k++) {
                m[i][k] = row.get(k).doubleValue();
            }
        }
        return m;
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).intValue();
        }
        return out;
    }

    private static List<int[]> docs(JsonNode array) {
        List<int[]> out = new ArrayList<>();
        array.forEach(d -> out.add(ints(d)));
        return out;
    }
}
