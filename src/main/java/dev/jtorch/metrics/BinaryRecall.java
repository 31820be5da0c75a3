package dev.jtorch.metrics;

/**
 * torchmetrics' {@code BinaryRecall(threshold=0.5)}: {@code tp / (tp + fn)} over all batches, 0 without positive
 * targets; scikit-learn's {@code recall_score(..., zero_division=0)}.
 *
 * <p>Its values equal those of scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.recall_score.html">sklearn.metrics.recall_score</a>.
 */
public final class BinaryRecall extends BinaryCounts {
    /** {@code BinaryRecall()}: threshold 0.5. */
    public BinaryRecall() {
        this(0.5);
    }

    /** {@code BinaryRecall(threshold=threshold)}. */
    public BinaryRecall(double threshold) {
        super(threshold);
    }

    @Override
    public Double compute() {
        return divide(tp, tp + fn);
    }
}
