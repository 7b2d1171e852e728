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
            if (match != null) { // no match leaves V unchanged
                advance(v, match, 0);
            }
        }
        return length(v, m);
    }

    /**
     * One step of the bit-parallel recurrence for a token of the second sequence whose positions
     * in the first are the bits of {@code match[offset .. offset + v.length)}:
     * {@code V' = (V + U) | (V - U)} with {@code U = V & match}; U is a subset of V, so
     * {@code V - U = V & ~U} needs no borrows, and the add carries across words.
     */
    public static void advance(long[] v, long[] match, int offset) {
        long carry = 0;
        for (int w = 0; w < v.length; w++) {
            long vw = v[w];
            long u = vw & match[offset + w];
            long sum = vw + u;
            long withCarry = sum + carry;
            long nextCarry = (Long.compareUnsigned(sum, vw) < 0 || Long.compareUnsigned(withCarry, sum) < 0)
                    ? 1L : 0L;
            v[w] = withCarry | (vw & ~u);
            carry = nextCarry;
        }
    }

    /** The LCS length the state {@code v} encodes for a first sequence of {@code m} tokens: its zero bits. */
    public static int length(long[] v, int m) {
        int zeros = 0;
        for (int w = 0; w < v.length; w++) {
            long valid = (w == v.length - 1 && (m & 63) != 0) ? (1L << (m & 63)) - 1 : -1L;
            zeros += Long.bitCount(~v[w] & valid);
        }
        return zeros;
    }
}
