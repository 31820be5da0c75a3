package dev.jtorch.metrics;

import dev.jtorch.Tensor;
import java.util.Objects;

/** torchmetrics' multiclass input rules: {@code (N, C)} scores become their argmax, {@code (N,)} are labels. */
final class MulticlassInputs {
    private MulticlassInputs() {}

    static long[] predictions(Tensor preds, int numClasses) {
        Objects.requireNonNull(preds, "preds");
        if (preds.dim() == 2 && preds.dtype().isFloatingPoint()) {
            int n = (int) preds.size(0);
            int c = (int) preds.size(1);
            if (c != numClasses) {
                throw new IllegalArgumentException("Expected `preds` to have " + numClasses
                        + " columns (one score per class), got shape " + preds.shape());
            }
            double[] flat = preds.toDoubleArray();
            double[][] rows = new double[n][];
            for (int i = 0; i < n; i++) {
                rows[i] = java.util.Arrays.copyOfRange(flat, i * c, (i + 1) * c);
            }
            return argmax(rows);
        }
        return check(Targets.labels(preds, "preds"), numClasses, "preds");
    }

    static long[] argmax(double[][] scores) {
        long[] out = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int best = 0;
            for (int j = 1; j < scores[i].length; j++) {
                if (scores[i][j] > scores[i][best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }

    static long[] check(long[] labels, int numClasses, String name) {
        for (long v : labels) {
            if (v < 0 || v >= numClasses) {
                throw new IllegalArgumentException("Detected more unique values in `" + name + "` than expected. "
                        + "Expected only " + numClasses + " but found " + v + " (labels must be in [0, "
                        + numClasses + "))");
            }
        }
        return labels;
    }
}
