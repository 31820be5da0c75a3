package dev.jtorch.metrics;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import java.util.Arrays;

/**
 * torchmetrics' binary input rules: floating predictions are probabilities, or logits (passed through a sigmoid)
 * when any lies outside [0, 1], and count as positive above the threshold; integer predictions and all targets
 * must be 0 or 1.
 */
final class BinaryInputs {
    private BinaryInputs() {}

    static long[] predictions(Tensor preds, double threshold) {
        if (!preds.dtype().isFloatingPoint()) {
            return check(preds.toLongArray(), "preds");
        }
        double[] p = preds.toDoubleArray();
        if (!inUnitInterval(p)) {
            try (TensorScope s = new TensorScope("sigmoid")) {
                p = preds.sigmoid().toDoubleArray();
            }
        }
        return threshold(p, threshold, false);
    }

    static long[] predictions(double[] preds, double threshold) {
        return threshold(preds, threshold, !inUnitInterval(preds));
    }

    private static boolean inUnitInterval(double[] p) {
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                return false;
            }
        }
        return true;
    }

    private static long[] threshold(double[] p, double threshold, boolean sigmoid) {
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            double v = sigmoid ? 1.0 / (1.0 + Math.exp(-p[i])) : p[i];
            out[i] = v > threshold ? 1 : 0;
        }
        return out;
    }

    static long[] targets(Tensor target) {
        return check(Targets.labels(target, "target"), "target");
    }

    static long[] check(long[] v, String name) {
        for (long x : v) {
            if (x != 0 && x != 1) {
                long[] seen = Arrays.stream(v).distinct().sorted().toArray();
                throw new IllegalArgumentException("Detected the following values in `" + name + "`: "
                        + Targets.pyList(seen) + " but expected only the following values [0, 1].");
            }
        }
        return v;
    }
}
