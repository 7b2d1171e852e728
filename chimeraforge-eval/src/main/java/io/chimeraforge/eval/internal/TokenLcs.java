package io.chimeraforge.eval.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Length of the longest common subsequence of two token lists (exact token equality).
 *
 * <p>Uses the bit-parallel formulation (Allison–Dix, Hyyrö): one bit per position of the first
 * list, one multi-word add per token of the second, so a 200×200 comparison costs about 800 word
 * operations instead of a 40,000-cell table. The result is the same integer the textbook
 * dynamic programme gives; only the length is produced, never the subsequence itself.
 */
public final class TokenLcs {

    private TokenLcs() {
    }

    /** LCS length of {@code a} and {@code b}; 0 when either is empty. */
    public static int length(List<String> a, List<String> b) {
        int m = a.size();
        if (m == 0 || b.isEmpty()) {
            return 0;
        }
        int words = (m + 63) >>> 6;
        Map<String, long[]> positions = new HashMap<>(m * 2);
        for (int i = 0; i < m; i++) {
            long[] mask = positions.computeIfAbsent(a.get(i), k -> new long[words]);
            mask[i >>> 6] |= 1L << (i & 63);
        }
        long[] v = new long[words];
        java.util.Arrays.fill(v, -1L);
        for (String token : b) {
            long[] match = positions.get(token);
            if (match == null) {
                continue; // U = 0 leaves V unchanged
            }
            long carry = 0;
            for (int w = 0; w < words; w++) {
                long vw = v[w];
                long u = vw & match[w];
                // V' = (V + U) | (V - U); U is a subset of V, so V - U = V & ~U without borrows.
                long sum = vw + u;
                long withCarry = sum + carry;
                long nextCarry = (Long.compareUnsigned(sum, vw) < 0 || Long.compareUnsigned(withCarry, sum) < 0)
                        ? 1L : 0L;
                v[w] = withCarry | (vw & ~u);
                carry = nextCarry;
            }
        }
        int zeros = 0;
        for (int w = 0; w < words; w++) {
            long valid = (w == words - 1 && (m & 63) != 0) ? (1L << (m & 63)) - 1 : -1L;
            zeros += Long.bitCount(~v[w] & valid);
        }
        return zeros;
    }
}
