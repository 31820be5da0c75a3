package dev.jtorch.prep;

import java.util.Objects;

/**
 * The {@code (X, y)} pair that scikit-learn's dataset generators return ({@code X, y = make_classification(...)}):
 * {@code x} has one row per sample, {@code y} one integer label per sample.
 *
 * <p>Mirrors the {@code (X, y)} result of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.datasets.make_classification.html">sklearn.datasets.make_classification</a>.
 */
public record LabeledData(double[][] x, int[] y) {
    /** Checks that {@code x} and {@code y} have as many samples. */
    public LabeledData {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Validation.checkConsistentLength(x.length, y.length);
    }

    /** The labels as int64 values (NumPy's {@code int}). */
    public long[] yLong() {
        long[] out = new long[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i];
        }
        return out;
    }

    /** The number of samples. */
    public int nSamples() {
        return y.length;
    }

    /** The number of features (0 without samples). */
    public int nFeatures() {
        return x.length == 0 ? 0 : x[0].length;
    }
}
