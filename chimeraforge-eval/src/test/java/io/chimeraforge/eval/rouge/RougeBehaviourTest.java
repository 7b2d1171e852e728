package io.chimeraforge.eval.rouge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chimeraforge.eval.internal.Mt19937;
import io.chimeraforge.eval.internal.PorterStemmer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Behaviour beyond the golden pairs: stemmer forms, tokenizers, RNG vectors, validation. */
class RougeBehaviourTest {

    private final PorterStemmer stemmer = new PorterStemmer();

    @Test
    void stemmerFollowsTheNltkExtensionsMode() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("skies", "sky"), Map.entry("dying", "die"), Map.entry("lying", "lie"),
                Map.entry("tying", "tie"), Map.entry("news", "news"), Map.entry("innings", "inning"),
                Map.entry("proceed", "proceed"), Map.entry("dies", "die"), Map.entry("flies", "fli"),
                Map.entry("died", "die"), Map.entry("spied", "spi"), Map.entry("crying", "cri"),
                Map.entry("beautifully", "beauti"), Map.entry("runs", "run"), Map.entry("this", "thi"),
                Map.entry("1990s", "1990"), Map.entry("happy", "happi"), Map.entry("enjoy", "enjoy"),
                Map.entry("caresses", "caress"), Map.entry("ponies", "poni"), Map.entry("agreed", "agre"),
                Map.entry("hopping", "hop"), Map.entry("falling", "fall"), Map.entry("hoping", "hope"),
                Map.entry("relational", "relat"), Map.entry("conditional", "condit"),
                Map.entry("generalization", "gener"), Map.entry("electricity", "electr"),
                Map.entry("adjustment", "adjust"), Map.entry("controlling", "control"),
                Map.entry("geology", "geolog"), Map.entry("is", "is"));
        expected.forEach((word, stem) -> assertThat(stemmer.stem(word)).as(word).isEqualTo(stem));
    }

    @Test
    void defaultTokenizerDropsNonAsciiAndUnicodeAwareKeepsIt() {
        assertThat(RougeTokenizer.DEFAULT.tokenize("Caf\u00e9 na\u00efve \u4e1c\u4eac!", false))
                .containsExactly("caf", "na", "ve");
        assertThat(RougeTokenizer.UNICODE_AWARE.tokenize("Caf\u00e9 na\u00efve \u4e1c\u4eac! e\u0301cole \u041c\u043e\u0441\u043a\u0432\u0430", false))
                .containsExactly("caf\u00e9", "na\u00efve", "\u4e1c", "\u4eac", "e\u0301cole", "\u043c\u043e\u0441\u043a\u0432\u0430");
        assertThat(RougeTokenizer.UNICODE_AWARE.tokenize("Running dogs", true)).containsExactly("run", "dog");
        assertThat(RougeTokenizer.coverage("Caf\u00e9!!").droppedFraction()).isEqualTo(0.25);
        assertThat(RougeTokenizer.coverage("...").droppedFraction()).isEqualTo(0.0);
    }

    @Test
    void cjkScoresZeroWithTheDefaultTokenizerButNotWithTheUnicodeOne() {
        RougeScorer def = RougeScorer.defaults();
        RougeScorer uni = RougeScorer.builder().tokenizer(RougeTokenizer.UNICODE_AWARE).build();
        String ref = "\u4e1c\u4eac\u662f\u65e5\u672c\u7684\u9996\u90fd";
        String pred = "\u65e5\u672c\u7684\u9996\u90fd\u662f\u4e1c\u4eac";
        assertThat(def.score(ref, pred).require(RougeType.ROUGE1).fmeasure()).isEqualTo(0.0);
        assertThat(uni.score(ref, pred).require(RougeType.ROUGE1).fmeasure()).isEqualTo(1.0);
        assertThat(uni.score(ref, pred).require(RougeType.ROUGE_L).fmeasure()).isEqualTo(5.0 / 8);
    }

    @Test
    void requestedTypesOnly() {
        RougeScorer s = RougeScorer.builder().types(RougeType.ROUGE_L).build();
        RougeScores scores = s.score("a b", "a b");
        assertThat(scores.scores().keySet()).containsExactly(RougeType.ROUGE_L);
        assertThat(scores.get(RougeType.ROUGE1)).isEmpty();
        assertThatThrownBy(() -> scores.require(RougeType.ROUGE2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RougeScorer.builder().types(Set.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(RougeType.fromKey("rougeLsum")).isEqualTo(RougeType.ROUGE_LSUM);
    }

    @Test
    void mersenneTwisterMatchesTheReferenceVectors() {
        // init_genrand(5489) is the reference implementation's default seed; its first output is published.
        assertThat(Integer.toUnsignedLong(new Mt19937(5489).nextInt32())).isEqualTo(3499211612L);
        Mt19937 one = new Mt19937(1);
        assertThat(Integer.toUnsignedLong(one.nextInt32())).isEqualTo(1791095845L);
        assertThat(Integer.toUnsignedLong(one.nextInt32())).isEqualTo(4282876139L);
        assertThat(new Mt19937(7).nextBounded(1)).isZero();
        assertThatThrownBy(() -> new Mt19937(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aggregatorValidatesItsSettings() {
        assertThatThrownBy(() -> new BootstrapAggregator(1.0, 1000, 1)).hasMessageContaining("confidenceInterval");
        assertThatThrownBy(() -> new BootstrapAggregator(0.95, 0, 1)).hasMessageContaining("nSamples");
        assertThatThrownBy(() -> BootstrapAggregator.withSeed(1L << 32)).hasMessageContaining("seed");
        assertThatThrownBy(() -> BootstrapAggregator.withSeed(1).aggregate(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void singlePairAggregateIsThatPair() {
        RougeScores s = RougeScorer.defaults().score("the cat sat", "the cat");
        var agg = BootstrapAggregator.withSeed(3).aggregate(List.of(s));
        assertThat(agg.get(RougeType.ROUGE1).mid()).isEqualTo(s.require(RougeType.ROUGE1));
        assertThat(agg.get(RougeType.ROUGE1).low()).isEqualTo(s.require(RougeType.ROUGE1));
    }
}
