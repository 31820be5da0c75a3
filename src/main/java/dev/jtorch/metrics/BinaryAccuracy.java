package dev.jtorch.metrics;

/**
 * torchmetrics' {@code BinaryAccuracy(threshold=0.5)}: the fraction of correct 0/1 predictions over all batches,
 * equal to scikit-learn's {@code accuracy_score} of the concatenated, thresholded batches.
 *
 * <p>Its values equal those of scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.accuracy_score.html">sklearn.metrics.accuracy_score</a>.
 */
public final class BinaryAccuracy extends BinaryCounts {
    /** {@code BinaryAccuracy()}: threshold 0.5. */
    public BinaryAccuracy() {
        this(0.5);
    }

    /** {@code BinaryAccuracy(threshold=threshold)}. */
    public BinaryAccuracy(double threshold) {
        super(threshold);
    }

    /** {@code (tp + tn) / n}; NaN before any sample. */
    @Override
    public Double compute() {
        long n = tp + tn + fp + fn;
        return (double) (tp + tn) / n;
    }
}
