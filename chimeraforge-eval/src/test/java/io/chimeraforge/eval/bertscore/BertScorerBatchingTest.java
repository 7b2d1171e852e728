package io.chimeraforge.eval.bertscore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 7: BERTScore embeds pairs a batch at a time (memory flat in the number of pairs)
 * and reports progress after each batch; the scores are those of scoring every pair on its own.
 */
class BertScorerBatchingTest {

    /** Records the largest {@code embedAll} call. */
    static final class CountingProvider implements EmbeddingProvider {
        final BertScorerTest.WordProvider words = new BertScorerTest.WordProvider();
        int largestCall;
        int calls;

        @Override
        public TokenEmbeddings embed(String text) {
            return words.embed(text);
        }

        @Override
        public List<TokenEmbeddings> embedAll(List<String> texts) {
            largestCall = Math.max(largestCall, texts.size());
            calls++;
            return EmbeddingProvider.super.embedAll(texts);
        }

        @Override
        public Set<Integer> specialTokenIds() {
            return words.specialTokenIds();
        }

        @Override
        public String modelName() {
            return "counting";
        }

        @Override
        public int numLayers() {
            return 1;
        }
    }

    @Test
    void embedsAtMostOneBatchAtATimeAndReportsProgressInOrder() {
        int n = 3 * BertScorer.BATCH_PAIRS + 5;
        List<String> cands = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cands.add("the cat number " + i + " sat");
            refs.add("a cat " + (i % 7) + " was sitting");
        }
        CountingProvider provider = new CountingProvider();
        List<long[]> updates = new ArrayList<>();
        List<BertScoreTriple> batched = BertScorer.builder(provider).idf(true).build()
                .score(cands, refs, (done, total) -> updates.add(new long[] {done, total}));

        assertThat(provider.largestCall).isLessThanOrEqualTo(BertScorer.BATCH_PAIRS);
        assertThat(updates).hasSize(4);
        assertThat(updates.get(updates.size() - 1)).containsExactly(n, n);
        for (int i = 1; i < updates.size(); i++) {
            assertThat(updates.get(i)[0]).isGreaterThan(updates.get(i - 1)[0]);
        }
        // same numbers as one pair at a time with the idf of all references
        BertScorer single = BertScorer.builder(new BertScorerTest.WordProvider())
                .idfDictionary(IdfDictionary.fromTexts(refs, new BertScorerTest.WordProvider())).build();
        for (int i = 0; i < n; i++) {
            assertThat(batched.get(i)).as("pair %d", i).isEqualTo(single.score(cands.get(i), refs.get(i)));
        }
    }
}
