package dev.jtorch.prep;

import java.util.Arrays;

/** Argument checks with scikit-learn's messages ({@code sklearn.utils.validation}). */
final class Validation {
    private Validation() {}

    /** {@code check_consistent_length}: every length is the same. */
    static void checkConsistentLength(int... lengths) {
        for (int n : lengths) {
            if (n != lengths[0]) {
                throw new IllegalArgumentException(
                        "Found input variables with inconsistent numbers of samples: " + Arrays.toString(lengths));
            }
        }
    }

    /** A rectangular 2-D array: every row has as many columns as the first; returns the column count. */
    static int checkMatrix(double[][] x, String name) {
        if (x == null) {
            throw new NullPointerException(name);
        }
        int cols = x.length == 0 ? 0 : x[0].length;
        for (double[] row : x) {
            if (row == null || row.length != cols) {
                throw new IllegalArgumentException(
                        "setting an array element with a sequence. The requested array has an inhomogeneous shape "
                                + "after 1 dimensions. The detected shape was (" + x.length + ",) + inhomogeneous part.");
            }
        }
        return cols;
    }
}
