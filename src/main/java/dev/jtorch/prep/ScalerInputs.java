package dev.jtorch.prep;

import dev.jtorch.Tensor;
import java.util.Objects;

/** What {@link StandardScaler} accepts: 2-D arrays or tensors, checked with scikit-learn's messages. */
final class ScalerInputs {
    private ScalerInputs() {}

    /** Checks a batch of rows (non-empty, finite or NaN, the fitted width) and returns its number of features. */
    static int checkInput(double[][] x, int expectedFeatures) {
        Objects.requireNonNull(x, "X");
        int nFeatures = Validation.checkMatrix(x, "X");
        if (x.length == 0) {
            throw new IllegalArgumentException("Found array with 0 sample(s) (shape=(0, " + nFeatures
                    + ")) while a minimum of 1 is required by StandardScaler.");
        }
        if (nFeatures == 0) {
            throw new IllegalArgumentException("Found array with 0 feature(s) (shape=(" + x.length
                    + ", 0)) while a minimum of 1 is required by StandardScaler.");
        }
        for (double[] row : x) {
            for (double v : row) {
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException(
                            "Input X contains infinity or a value too large for dtype('float64').");
                }
            }
        }
        if (expectedFeatures >= 0 && nFeatures != expectedFeatures) {
            throw new IllegalArgumentException("X has " + nFeatures + " features, but StandardScaler is expecting "
                    + expectedFeatures + " features as input.");
        }
        return nFeatures;
    }

    /** A float32 matrix widened to doubles. */
    static double[][] toDouble(float[][] x) {
        Objects.requireNonNull(x, "X");
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[x[i].length];
            for (int j = 0; j < x[i].length; j++) {
                out[i][j] = x[i][j];
            }
        }
        return out;
    }

    static double[][] matrix(Tensor x) {
        Objects.requireNonNull(x, "X");
        if (x.dim() != 2) {
            throw new IllegalArgumentException("Expected 2D array, got " + x.dim() + "D array instead");
        }
        return x.toDoubleArray2d();
    }

    static float[][] floatMatrix(Tensor x) {
        Objects.requireNonNull(x, "X");
        if (x.dim() != 2) {
            throw new IllegalArgumentException("Expected 2D array, got " + x.dim() + "D array instead");
        }
        int rows = (int) x.size(0);
        int cols = (int) x.size(1);
        float[] flat = x.toFloatArray();
        float[][] out = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(flat, r * cols, out[r], 0, cols);
        }
        return out;
    }
}
