package io.chimeraforge.eval.onnx.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class WordPieceTokenizerProperties {

    private static final WordPieceTokenizer BUNDLED = WordPieceTokenizerTest.BUNDLED;

    @Property(tries = 300)
    void anyTextEncodesToClsPiecesSep(@ForAll String text, @ForAll @IntRange(min = 2, max = 64) int maxTokens) {
        int[] ids = BUNDLED.encode(text, maxTokens).ids();
        assertThat(ids.length).isBetween(2, maxTokens);
        assertThat(ids[0]).isEqualTo(101);
        assertThat(ids[ids.length - 1]).isEqualTo(102);
        for (int i = 1; i < ids.length - 1; i++) {
            assertThat(ids[i]).isBetween(0, 30521).isNotIn(101, 102);
        }
    }

    @Property(tries = 300)
    void aSpaceSeparatesTokenisationIndependently(@ForAll String a, @ForAll String b) {
        List<String> joined = BUNDLED.wordPieces(a + " " + b);
        List<String> separate = new ArrayList<>(BUNDLED.wordPieces(a));
        separate.addAll(BUNDLED.wordPieces(b));
        assertThat(joined).isEqualTo(separate);
    }
}
