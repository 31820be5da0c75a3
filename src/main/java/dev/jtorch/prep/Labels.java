package dev.jtorch.prep;

import java.util.Arrays;

/** NumPy's {@code np.unique(y, return_inverse=True)} and friends, for integer labels. */
final class Labels {
    final long[] classes;
    final int[] inverse;
    final int[] counts;

    private Labels(long[] classes, int[] inverse, int[] counts) {
        this.classes = classes;
        this.inverse = inverse;
        this.counts = counts;
    }

    /** The sorted distinct labels, each sample's index among them, and each label's count. */
    static Labels of(long[] y) {
        long[] classes = Arrays.stream(y).distinct().sorted().toArray();
        int[] inverse = new int[y.length];
        int[] counts = new int[classes.length];
        for (int i = 0; i < y.length; i++) {
            inverse[i] = Arrays.binarySearch(classes, y[i]);
            counts[inverse[i]]++;
        }
        return new Labels(classes, inverse, counts);
    }

    static long[] toLong(int[] y) {
        long[] out = new long[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i];
        }
        return out;
    }

    /** For each class, the indices of its samples in increasing order. */
    int[][] classIndices() {
        int[][] out = new int[classes.length][];
        int[] fill = new int[classes.length];
        for (int k = 0; k < classes.length; k++) {
            out[k] = new int[counts[k]];
        }
        for (int i = 0; i < inverse.length; i++) {
            int k = inverse[i];
            out[k][fill[k]++] = i;
        }
        return out;
    }
}
