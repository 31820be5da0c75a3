package dev.jtorch.metrics;

import dev.jtorch.Tensor;
import java.util.Objects;

/** The true/false positive/negative counts behind torchmetrics' binary classification metrics. */
abstract class BinaryCounts implements Metric<Double> {
    final double threshold;
    long tp;
    long fp;
    long tn;
    long fn;

    BinaryCounts(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException(
                    "Expected argument `threshold` to be a float in the [0,1] range, but got " + threshold + ".");
        }
        this.threshold = threshold;
    }

    /** Adds a batch: {@code preds} probabilities, logits or 0/1 labels, {@code target} 0/1 (flattened). */
    @Override
    public void update(Tensor preds, Tensor target) {
        Objects.requireNonNull(preds, "preds");
        add(BinaryInputs.predictions(preds, threshold), BinaryInputs.targets(target));
    }

    /** Adds a batch of probabilities (or logits) and 0/1 targets. */
    public void update(double[] preds, long[] target) {
        add(BinaryInputs.predictions(preds, threshold), BinaryInputs.check(target.clone(), "target"));
    }

    /** Adds a batch of 0/1 predictions and targets. */
    public void update(long[] preds, long[] target) {
        add(BinaryInputs.check(preds.clone(), "preds"), BinaryInputs.check(target.clone(), "target"));
    }

    /** Adds a batch of 0/1 predictions and targets. */
    public void update(int[] preds, int[] target) {
        update(Targets.toLong(preds), Targets.toLong(target));
    }

    private void add(long[] p, long[] t) {
        Targets.checkConsistentLength(p.length, t.length);
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 1) {
                if (t[i] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (t[i] == 1) {
                fn++;
            } else {
                tn++;
            }
        }
    }

    @Override
    public void reset() {
        tp = 0;
        fp = 0;
        tn = 0;
        fn = 0;
    }

    static double divide(long num, long den) {
        return den == 0 ? 0.0 : (double) num / den;
    }
}
