package io.chimeraforge.eval.internal;

/**
 * The 32-bit Mersenne Twister (Matsumoto and Nishimura, 1998) seeded with the standard
 * {@code init_genrand} recurrence, plus the masked-rejection bounded integers of numpy's legacy
 * {@code RandomState}. Together they reproduce {@code np.random.seed(s)} followed by
 * {@code np.random.choice(n, size=n)} draw for draw, which rouge-score's bootstrap depends on.
 *
 * <p>Not thread-safe; one instance per aggregation.
 */
public final class Mt19937 {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int index;

    /**
     * Seeds the generator.
     *
     * @param seed 0 to 2^32 − 1, as numpy accepts for a scalar seed
     */
    public Mt19937(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("seed must be between 0 and 4294967295, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        index = N;
    }

    /** The next tempered 32-bit output, as an unsigned value in an int. */
    public int nextInt32() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /**
     * A uniform integer in {@code [0, bound)} by numpy's legacy masked rejection: draw 32 bits,
     * keep the low bits under the smallest all-ones mask covering {@code bound − 1}, redraw while
     * the value exceeds {@code bound − 1}. A bound of 1 consumes no output.
     */
    public int nextBounded(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long max = bound - 1L;
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long value;
        do {
            value = (nextInt32() & 0xFFFFFFFFL) & mask;
        } while (value > max);
        return (int) value;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & UPPER_MASK) | (mt[(i + 1) % N] & LOWER_MASK);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= MATRIX_A;
            }
            mt[i] = next;
        }
        index = 0;
    }
}
