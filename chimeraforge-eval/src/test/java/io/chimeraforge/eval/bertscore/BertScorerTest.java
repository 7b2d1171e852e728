package io.chimeraforge.eval.bertscore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** BertScorer wiring: provider embeddings, idf from the call's references, baseline rescaling. */
class BertScorerTest {

    /** [CLS] + one vector per space-separated word (deterministic from the word) + [SEP]. */
    static final class WordProvider implements EmbeddingProvider {
        @Override
        public TokenEmbeddings embed(String text) {
            List<String> words = text.isBlank() ? List.of() : List.of(text.trim().split(" +"));
            int n = words.size() + 2;
            int[] ids = new int[n];
            double[][] v = new double[n][4];
            ids[0] = 101;
            v[0] = new double[] {1, 0.2, 0, 0};
            for (int i = 0; i < words.size(); i++) {
                int h = Math.floorMod(words.get(i).hashCode(), 97);
                ids[i + 1] = 1000 + h;
                v[i + 1] = new double[] {0.1, Math.sin(h), Math.cos(h), 0.5 + (h % 5) / 10.0};
            }
            ids[n - 1] = 102;
            v[n - 1] = new double[] {0.9, 0, 0.3, 0};
            return new TokenEmbeddings(ids, v);
        }

        @Override
        public Set<Integer> specialTokenIds() {
            return Set.of(101, 102);
        }

        @Override
        public String modelName() {
            return "words";
        }

        @Override
        public int numLayers() {
            return 3;
        }
    }

    private final WordProvider provider = new WordProvider();

    @Test
    void idfComesFromTheReferencesOfTheCall() {
        List<String> cands = List.of("the cat sat", "a dog ran far");
        List<String> refs = List.of("the cat sat down", "the dog ran");
        BertScorer scorer = BertScorer.builder(provider).idf(true).build();
        List<BertScoreTriple> got = scorer.score(cands, refs);

        List<int[]> docs = new ArrayList<>();
        refs.forEach(r -> docs.add(provider.embed(r).tokenIds()));
        IdfDictionary idf = IdfDictionary.fromDocuments(docs);
        for (int i = 0; i < cands.size(); i++) {
            TokenEmbeddings c = provider.embed(cands.get(i));
            TokenEmbeddings r = provider.embed(refs.get(i));
            GreedyMatch expected = BertScoreMath.greedy(c.vectorsView(), r.vectorsView(),
                    idf.weights(c.tokenIds()), idf.weights(r.tokenIds()));
            assertThat(got.get(i)).isEqualTo(expected.raw());
        }
        // "the" is in both references: idf ln(3/3) = 0, so it carries no weight
        assertThat(idf.idf(provider.embed("the").tokenIds()[1])).isEqualTo(0.0);
    }

    @Test
    void identicalTextScoresOneAndBaselineRescales() {
        BertScoreTriple same = BertScorer.builder(provider).build().score("red fox", "red fox");
        assertThat(same.precision()).isCloseTo(1.0, Offset.offset(1e-12));
        assertThat(same.f1()).isCloseTo(1.0, Offset.offset(1e-12));
        Baseline b = new Baseline(0.8, 0.8, 0.8);
        BertScoreTriple raw = BertScorer.builder(provider).build().score("red fox", "blue fox jumps");
        BertScoreTriple rescaled = BertScorer.builder(provider).baseline(b).build().score("red fox", "blue fox jumps");
        assertThat(rescaled.f1()).isCloseTo((raw.f1() - 0.8) / 0.2, Offset.offset(1e-12));
        assertThat(rescaled.recall()).isCloseTo((raw.recall() - 0.8) / 0.2, Offset.offset(1e-12));
    }

    @Test
    void emptySentenceScoresZeroAndRescalesToMinusBaselineRatio() {
        BertScoreTriple empty = BertScorer.builder(provider).build().score("", "something here");
        assertThat(empty.precision()).isZero();
        assertThat(empty.recall()).isZero();
        BertScoreTriple rescaled = BertScorer.builder(provider).baseline(new Baseline(0.5, 0.5, 0.5)).build()
                .score("", "something here");
        assertThat(rescaled.precision()).isEqualTo(-1.0);
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> new Baseline(1.0, 0, 0)).hasMessageContaining("precision");
        assertThatThrownBy(() -> new TokenEmbeddings(new int[] {1, 2}, new double[][] {{1}})).hasMessageContaining(
                "one vector per token");
        assertThatThrownBy(() -> BertScorer.builder(provider).build().score(List.of("a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(BertScorer.builder(provider).customBaseline(new Baseline(0.1, 0.1, 0.1)).build().hash())
                .isEqualTo("words_L3_no-idf_version=chimeraforge-eval(java)-custom-rescaled");
    }
}
