package dev.jtorch.prep;

/**
 * The Mersenne Twister MT19937 as NumPy's {@code RandomState} runs it: {@code init_genrand} and
 * {@code genrand_int32}.
 */
final class Mt19937 {
    static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] key = new int[N];
    private int pos;

    /** MT19937's {@code init_genrand(seed)}. */
    void seed(int seed) {
        int s = seed;
        for (int i = 0; i < N; i++) {
            key[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    /** The 624 words of the state, as unsigned values. */
    long[] key() {
        long[] k = new long[N];
        for (int i = 0; i < N; i++) {
            k[i] = key[i] & 0xFFFF_FFFFL;
        }
        return k;
    }

    /** The position in the words. */
    int pos() {
        return pos;
    }

    /** Restores a state of {@link #key()} and {@link #pos()} (sizes already checked). */
    void set(long[] k, int position) {
        for (int i = 0; i < N; i++) {
            key[i] = (int) k[i];
        }
        pos = position;
    }

    private void twist() {
        int i = 0;
        int y;
        for (; i < N - M; i++) {
            y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
        key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /** The next 32 random bits (MT19937's {@code genrand_int32}). */
    int nextInt32() {
        if (pos == N) {
            twist();
        }
        int y = key[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** The next 32 random bits as an unsigned value. */
    long nextUint32() {
        return nextInt32() & 0xFFFF_FFFFL;
    }

    /** The next 64 random bits: the first 32-bit draw is the high half. */
    long nextInt64() {
        long hi = nextUint32();
        return (hi << 32) | nextUint32();
    }
}
