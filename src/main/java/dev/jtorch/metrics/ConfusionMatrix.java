package dev.jtorch.metrics;

import dev.jtorch.Tensor;

/**
 * torchmetrics' {@code ConfusionMatrix(task="multiclass", num_classes=...)} (and {@code task="binary"} for two
 * classes): counts over all batches, true classes in rows and predictions in columns, equal to scikit-learn's
 * {@code confusion_matrix(..., labels=range(num_classes))} of the concatenated batches.
 *
 * <p>Predictions are labels, {@code (N, C)} scores (their argmax), or, for two classes, {@code (N,)} probabilities
 * or logits thresholded at 0.5 as {@link BinaryAccuracy} does.
 *
 * <p>Its values equal those of scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.confusion_matrix.html">sklearn.metrics.confusion_matrix</a>.
 */
public final class ConfusionMatrix implements Metric<long[][]> {
    private final int numClasses;
    private final long[][] counts;

    /** {@code ConfusionMatrix(num_classes=numClasses)}. */
    public ConfusionMatrix(int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException(
                    "Expected argument `num_classes` to be an integer larger than 1, but got " + numClasses);
        }
        this.numClasses = numClasses;
        this.counts = new long[numClasses][numClasses];
    }

    /** Adds a batch (see the class comment for the accepted predictions). */
    @Override
    public void update(Tensor preds, Tensor target) {
        long[] p;
        if (numClasses == 2 && preds.dtype().isFloatingPoint() && (preds.dim() < 2 || preds.size(-1) == 1)) {
            p = BinaryInputs.predictions(preds, 0.5);
        } else {
            p = MulticlassInputs.predictions(preds, numClasses);
        }
        add(p, MulticlassInputs.check(Targets.labels(target, "target"), numClasses, "target"));
    }

    /** Adds a batch of predicted and true labels. */
    public void update(long[] preds, long[] target) {
        add(MulticlassInputs.check(preds, numClasses, "preds"), MulticlassInputs.check(target, numClasses, "target"));
    }

    /** Adds a batch of predicted and true labels. */
    public void update(int[] preds, int[] target) {
        update(Targets.toLong(preds), Targets.toLong(target));
    }

    private void add(long[] p, long[] t) {
        Targets.checkConsistentLength(p.length, t.length);
        for (int i = 0; i < p.length; i++) {
            counts[(int) t[i]][(int) p[i]]++;
        }
    }

    /** The counts so far. */
    @Override
    public long[][] compute() {
        long[][] out = new long[numClasses][];
        for (int i = 0; i < numClasses; i++) {
            out[i] = counts[i].clone();
        }
        return out;
    }

    /** {@code ConfusionMatrix(..., normalize=...)}: the counts normalized over true classes, predictions or all. */
    public double[][] compute(Normalize normalize) {
        return ClassificationMetrics.normalize(compute(), java.util.Objects.requireNonNull(normalize, "normalize"));
    }

    @Override
    public void reset() {
        for (long[] row : counts) {
            java.util.Arrays.fill(row, 0);
        }
    }
}
