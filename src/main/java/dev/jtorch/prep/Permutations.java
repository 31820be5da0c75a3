package dev.jtorch.prep;

import java.util.List;

/** NumPy's legacy {@code shuffle} (Fisher-Yates from the last element down) and integer {@code choice}. */
final class Permutations {
    private Permutations() {}

    /** {@code RandomState.shuffle(x)} in place: the legacy Fisher-Yates pass from the last element down. */
    static void shuffle(Mt19937 mt, int[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = (int) BoundedDraws.interval(mt, i);
            int t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** {@code RandomState.shuffle(x)} in place. */
    static void shuffle(Mt19937 mt, long[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = (int) BoundedDraws.interval(mt, i);
            long t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** {@code RandomState.shuffle(x)} in place. */
    static void shuffle(Mt19937 mt, double[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = (int) BoundedDraws.interval(mt, i);
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** {@code RandomState.shuffle(x)} in place; for a 2-D array the rows are shuffled. */
    static <T> void shuffle(Mt19937 mt, T[] x) {
        for (int i = x.length - 1; i > 0; i--) {
            int j = (int) BoundedDraws.interval(mt, i);
            T t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    /** {@code RandomState.shuffle(x)} in place, for a list. */
    static <T> void shuffle(Mt19937 mt, List<T> x) {
        for (int i = x.size() - 1; i > 0; i--) {
            int j = (int) BoundedDraws.interval(mt, i);
            x.set(i, x.set(j, x.get(i)));
        }
    }

    /**
     * {@code RandomState.choice(a, size, replace)} for {@code a} an integer: with replacement
     * {@code randint(0, a, size)}, without replacement the first {@code size} values of {@code permutation(a)}.
     */
    static int[] choice(Mt19937 mt, int a, int size, boolean replace) {
        RandomState.checkSize(size);
        if (a < 0) {
            throw new IllegalArgumentException("a must be greater than 0 unless no samples are taken");
        }
        if (a == 0 && size != 0) {
            throw new IllegalArgumentException("a must be greater than 0 unless no samples are taken");
        }
        int[] out = new int[size];
        if (replace) {
            long rng = a - 1L;
            for (int i = 0; i < size; i++) {
                out[i] = (int) BoundedDraws.bounded(mt, rng);
            }
            return out;
        }
        if (size > a) {
            throw new IllegalArgumentException("Cannot take a larger sample than population when 'replace=False'");
        }
        int[] perm = new int[a];
        for (int i = 0; i < a; i++) {
            perm[i] = i;
        }
        shuffle(mt, perm);
        System.arraycopy(perm, 0, out, 0, size);
        return out;
    }

    /** {@code RandomState.choice(a, size, replace)} for an array {@code a}: {@code a[choice(len(a), ...)]}. */
    static int[] choice(Mt19937 mt, int[] a, int size, boolean replace) {
        if (a.length == 0 && size != 0) {
            throw new IllegalArgumentException("'a' cannot be empty unless no samples are taken");
        }
        int[] idx = choice(mt, a.length, size, replace);
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }

    /** {@code RandomState.choice(a, size, replace)} for an array {@code a}. */
    static long[] choice(Mt19937 mt, long[] a, int size, boolean replace) {
        if (a.length == 0 && size != 0) {
            throw new IllegalArgumentException("'a' cannot be empty unless no samples are taken");
        }
        int[] idx = choice(mt, a.length, size, replace);
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = a[idx[i]];
        }
        return out;
    }
}
