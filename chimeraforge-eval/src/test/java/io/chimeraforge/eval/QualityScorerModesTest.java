package io.chimeraforge.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.eval.bertscore.BertScorer;
import io.chimeraforge.eval.bertscore.EmbeddingProvider;
import io.chimeraforge.eval.bertscore.TokenEmbeddings;
import io.chimeraforge.eval.internal.PyStrings;
import io.chimeraforge.eval.rouge.RougeTokenizer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real-metric modes of QualityScorer: rouge-score ROUGE-L and BERTScore from a provider. */
class QualityScorerModesTest {

    /** A toy encoder: [CLS] word... [SEP], one-hot-ish vectors by word hash, so identical words match. */
    static final class ToyProvider implements EmbeddingProvider {
        @Override
        public TokenEmbeddings embed(String text) {
            List<String> words = PyStrings.split(PyStrings.lower(text));
            int n = words.size() + 2;
            int[] ids = new int[n];
            double[][] v = new double[n][8];
            ids[0] = 101;
            v[0][0] = 1;
            for (int i = 0; i < words.size(); i++) {
                int h = Math.floorMod(words.get(i).hashCode(), 1000);
                ids[i + 1] = 1000 + h;
                v[i + 1][1 + h % 7] = 1;
                v[i + 1][0] = 0.1;
            }
            ids[n - 1] = 102;
            v[n - 1][0] = 1;
            v[n - 1][1] = 0.01;
            return new TokenEmbeddings(ids, v);
        }

        @Override
        public Set<Integer> specialTokenIds() {
            return Set.of(101, 102);
        }

        @Override
        public String modelName() {
            return "toy";
        }

        @Override
        public int numLayers() {
            return 1;
        }
    }

    @Test
    void rougeScoreModeLowercasesAndDropsPunctuation() {
        QualityScorer real = QualityScorer.builder().mode(ScoringMode.ROUGE_SCORE).build();
        MetricScores m = real.score(List.of("Paris."), List.of("paris"));
        assertThat(m.rougeL()).isEqualTo(1.0);
        assertThat(QualityScorer.reference().score(List.of("Paris."), List.of("paris")).rougeL()).isEqualTo(0.0);
        QualityScorer stemmed = real.toBuilder().useStemmer(true).build();
        assertThat(stemmed.score(List.of("the dogs were running"), List.of("the dog was running")).rougeL())
                .isGreaterThan(real.score(List.of("the dogs were running"), List.of("the dog was running")).rougeL());
    }

    @Test
    void rougeScoreModeIsLabelledInJson() {
        QualityScorer real = QualityScorer.builder().mode(ScoringMode.ROUGE_SCORE).build();
        EvalResult r = real.run(EvalRequest.builder(List.of("a"), List.of("a")).build());
        assertThat(EvalJson.toMap(r)).containsEntry("scoring_mode", "rouge_score");
        assertThat(EvalJson.toMap(QualityScorer.reference().run(EvalRequest.builder(List.of("a"), List.of("a")).build())))
                .doesNotContainKey("scoring_mode");
    }

    @Test
    void defaultTokenizerWarnsWhenMostLettersAreDropped() {
        QualityScorer real = QualityScorer.builder().mode(ScoringMode.ROUGE_SCORE).build();
        EvalResult r = real.run(EvalRequest.builder(List.of("\u6771\u4eac\u306f\u65e5\u672c\u306e\u9996\u90fd"),
                List.of("\u65e5\u672c\u306e\u9996\u90fd\u306f\u6771\u4eac")).build());
        assertThat(r.warnings()).anyMatch(w -> w.startsWith("rouge-score tokenizer dropped 100.0% of letters"));
        assertThat(r.scores().rougeL()).isEqualTo(0.0);
        QualityScorer unicode = real.toBuilder().tokenizer(RougeTokenizer.UNICODE_AWARE).build();
        EvalResult u = unicode.run(EvalRequest.builder(List.of("\u6771\u4eac\u306f\u65e5\u672c\u306e\u9996\u90fd"),
                List.of("\u65e5\u672c\u306e\u9996\u90fd\u306f\u6771\u4eac")).build());
        assertThat(u.warnings()).noneMatch(w -> w.contains("tokenizer dropped"));
        assertThat(u.scores().rougeL()).isGreaterThan(0.0);
        // English with punctuation and a few accents stays under the threshold
        EvalResult en = real.run(EvalRequest.builder(List.of("The caf\u00e9 opened in 1990, didn't it?"),
                List.of("It opened in 1990.")).build());
        assertThat(en.warnings()).noneMatch(w -> w.contains("tokenizer dropped"));
    }

    @Test
    void bertScoreFromAProviderKeepsItsWeightEvenAtZero() {
        BertScorer bert = BertScorer.builder(new ToyProvider()).build();
        QualityScorer s = QualityScorer.builder().bertScorer(bert).build();
        MetricScores same = s.score(List.of("the cat sat"), List.of("the cat sat"));
        assertThat(same.bertAvailable()).isTrue();
        assertThat(same.bertScore()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(same.composite()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        EvalResult r = s.run(EvalRequest.builder(List.of("the cat sat"), List.of("the cat sat")).build());
        assertThat(r.warnings()).doesNotContain(QualityScorer.BERT_UNAVAILABLE_WARNING);
        assertThat(bert.hash()).isEqualTo("toy_L1_no-idf_version=chimeraforge-eval(java)");
        assertThat(BertScorer.builder(new ToyProvider()).idf(true)
                .baseline(new io.chimeraforge.eval.bertscore.Baseline(0.5, 0.5, 0.5)).build().hash())
                .isEqualTo("toy_L1_idf_version=chimeraforge-eval(java)-rescaled");
    }

    @Test
    void referenceModeRejectsRougeScoreSettings() {
        assertThatThrownBy(() -> QualityScorer.builder().useStemmer(true).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ROUGE_SCORE");
        assertThatThrownBy(() -> QualityScorer.builder().mode(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("mode");
    }

    @Test
    void evaluateLabelsFp16WhenNoQuantIsGiven() {
        QualityScore q = QualityScorer.reference().evaluate(List.of("a"), List.of("a"), "m", Optional.empty(),
                OptionalDouble.empty());
        assertThat(q.quant()).isEqualTo("FP16");
        assertThat(q.tier()).isEqualTo(QualityTier.UNKNOWN);
    }
}
