package io.chimeraforge.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.chimeraforge.eval.internal.TokenLcs;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The bit-parallel LCS equals the textbook dynamic programme, including across 64-token words. */
class TokenLcsProperties {

    @Property(tries = 300)
    void bitParallelLcsEqualsDynamicProgramme(
            @ForAll @Size(max = 150) List<@AlphaChars @StringLength(min = 1, max = 1) String> a,
            @ForAll @Size(max = 150) List<@AlphaChars @StringLength(min = 1, max = 1) String> b) {
        assertThat(TokenLcs.length(a, b)).isEqualTo(dp(a, b));
        assertThat(TokenLcs.length(b, a)).isEqualTo(dp(a, b));
    }

    private static int dp(List<String> a, List<String> b) {
        int[][] t = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                t[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? t[i - 1][j - 1] + 1 : Math.max(t[i - 1][j], t[i][j - 1]);
            }
        }
        return t[a.size()][b.size()];
    }
}
