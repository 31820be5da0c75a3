package dev.jtorch.prep;

/**
 * NumPy's legacy bounded integers from MT19937: masked rejection sampling, with 32-bit draws for ranges that fit
 * in 32 bits and 64-bit draws otherwise ({@code randint}, {@code choice}, and each step of {@code shuffle}).
 */
final class BoundedDraws {
    private static final long U32 = 0xFFFF_FFFFL;

    private BoundedDraws() {}

    /** A value in {@code [0, rng]} (rng taken as unsigned), NumPy's legacy masked method. */
    static long bounded(Mt19937 mt, long rng) {
        if (rng == 0) {
            return 0;
        }
        if (Long.compareUnsigned(rng, U32) <= 0) {
            if (rng == U32) {
                return mt.nextUint32();
            }
            long mask = mask(rng);
            long v;
            do {
                v = mt.nextUint32() & mask;
            } while (v > rng);
            return v;
        }
        if (rng == -1L) {
            return mt.nextInt64();
        }
        long mask = mask(rng);
        long v;
        do {
            v = mt.nextInt64() & mask;
        } while (Long.compareUnsigned(v, rng) > 0);
        return v;
    }

    private static long mask(long max) {
        long m = max;
        m |= m >>> 1;
        m |= m >>> 2;
        m |= m >>> 4;
        m |= m >>> 8;
        m |= m >>> 16;
        m |= m >>> 32;
        return m;
    }

    /** A value in {@code [0, max]}: the draw NumPy's legacy shuffle makes for each position. */
    static long interval(Mt19937 mt, long max) {
        if (max == 0) {
            return 0;
        }
        long mask = mask(max);
        long v;
        if (max <= U32) {
            do {
                v = mt.nextUint32() & mask;
            } while (v > max);
        } else {
            do {
                v = mt.nextInt64() & mask;
            } while (Long.compareUnsigned(v, max) > 0);
        }
        return v;
    }
}
