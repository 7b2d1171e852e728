package io.chimeraforge.eval.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.chimeraforge.eval.EvalRequest;
import io.chimeraforge.eval.EvalResult;
import io.chimeraforge.eval.MetricScores;
import io.chimeraforge.eval.QualityScorer;
import io.chimeraforge.eval.bertscore.Baseline;
import io.chimeraforge.eval.bertscore.BertScoreTriple;
import io.chimeraforge.eval.bertscore.BertScorer;
import io.chimeraforge.eval.bertscore.IdfDictionary;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** BERTScore with the ONNX provider: the module's acceptance checks. */
class OnnxBertScoreTest {

    private static OnnxEmbeddingProvider provider;

    @BeforeAll
    static void load() {
        provider = OnnxEmbeddingProvider.create();
    }

    @AfterAll
    static void close() {
        provider.close();
    }

    @Test
    void identicalTextsScoreOne() {
        List<String> texts = List.of("The cat sat on the mat.",
                "Quantization reduces model size with a small loss in accuracy, usually below one point.",
                "Café naïve résumé — ÉCOLE Straße, 中文字符测试!",
                "x",
                "word ".repeat(300));
        for (boolean idf : new boolean[] {false, true}) {
            BertScorer scorer = BertScorer.builder(provider).idf(idf).build();
            List<BertScoreTriple> scores = scorer.score(texts, texts);
            for (BertScoreTriple s : scores) {
                assertThat(s.precision()).isCloseTo(1.0, within(1e-6));
                assertThat(s.recall()).isCloseTo(1.0, within(1e-6));
                assertThat(s.f1()).isCloseTo(1.0, within(1e-6));
            }
        }
    }

    @Test
    void emptyTextsScoreZeroAsInBertScore() {
        BertScoreTriple s = BertScorer.builder(provider).build().score("", "");
        assertThat(s.f1()).isZero();
    }

    @Test
    void paraphrasesScoreAboveUnrelatedSentences() {
        BertScorer plain = BertScorer.builder(provider).build();
        List<String> references = ParaphraseTriples.ALL.stream().map(ParaphraseTriples.Triple::reference).toList();
        BertScorer idf = BertScorer.builder(provider)
                .idfDictionary(IdfDictionary.fromTexts(references, provider)).build();
        for (BertScorer scorer : List.of(plain, idf)) {
            for (ParaphraseTriples.Triple t : ParaphraseTriples.ALL) {
                double paraphrase = scorer.score(t.paraphrase(), t.reference()).f1();
                double unrelated = scorer.score(t.unrelated(), t.reference()).f1();
                assertThat(paraphrase).as("%s: paraphrase vs unrelated (%s)", t.reference(), scorer.hash())
                        .isGreaterThan(unrelated);
                assertThat(paraphrase).isLessThan(1.0);
            }
        }
    }

    @Test
    void scoringIsDeterministic() {
        List<String> cands = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (ParaphraseTriples.Triple t : ParaphraseTriples.ALL) {
            cands.add(t.paraphrase());
            refs.add(t.reference());
            cands.add(t.unrelated());
            refs.add(t.reference());
        }
        BertScorer scorer = BertScorer.builder(provider).idf(true).build();
        List<BertScoreTriple> first = scorer.score(cands, refs);
        List<BertScoreTriple> second = scorer.score(cands, refs);
        assertThat(second).isEqualTo(first); // exact doubles

        // a pair scores the same alone as in a list (idf off: no dictionary from the list)
        BertScorer plain = BertScorer.builder(provider).build();
        List<BertScoreTriple> inList = plain.score(cands, refs);
        for (int i = 0; i < cands.size(); i++) {
            assertThat(plain.score(cands.get(i), refs.get(i))).isEqualTo(inList.get(i));
        }
    }

    @Test
    void hashNamesModelLayerIdfRuntimeAndRescaling() {
        String runtime = provider.runtime();
        assertThat(runtime).matches("onnxruntime=\\d+\\.\\d+\\.\\d+.*");
        assertThat(BertScorer.builder(provider).build().hash())
                .isEqualTo("all-MiniLM-L6-v2-q_L6_no-idf_version=chimeraforge-eval(" + runtime + ")");
        assertThat(BertScorer.builder(provider).idf(true).customBaseline(new Baseline(0.5, 0.5, 0.5)).build().hash())
                .isEqualTo("all-MiniLM-L6-v2-q_L6_idf_version=chimeraforge-eval(" + runtime + ")-custom-rescaled");
    }

    @Test
    void qualityScorerUsesTheModelBackedBertScore() {
        QualityScorer scorer = QualityScorer.builder().bertScorer(BertScorer.builder(provider).build()).build();
        List<String> refs = List.of("The meeting has been postponed until next Tuesday.", "The cat sat on the mat.");
        MetricScores same = scorer.score(refs, refs);
        assertThat(same.bertAvailable()).isTrue();
        assertThat(same.bertScore()).isCloseTo(1.0, within(1e-6));

        List<String> preds = List.of("We moved the meeting to next Tuesday.", "A cat was sitting on the rug.");
        MetricScores para = scorer.score(preds, refs);
        assertThat(para.bertScore()).isStrictlyBetween(0.0, 1.0);
        MetricScores withoutBert = QualityScorer.reference().score(preds, refs);
        assertThat(para.composite()).isNotEqualTo(withoutBert.composite());

        EvalResult result = scorer.run(EvalRequest.builder(preds, refs).model("m").build());
        assertThat(result.warnings()).doesNotContain(QualityScorer.BERT_UNAVAILABLE_WARNING);
    }
}
