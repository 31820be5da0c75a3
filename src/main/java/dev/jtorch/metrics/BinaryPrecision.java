package dev.jtorch.metrics;

/**
 * torchmetrics' {@code BinaryPrecision(threshold=0.5)}: {@code tp / (tp + fp)} over all batches, 0 without
 * positive predictions; scikit-learn's {@code precision_score(..., zero_division=0)}.
 *
 * <p>Its values equal those of scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_score.html">sklearn.metrics.precision_score</a>.
 */
public final class BinaryPrecision extends BinaryCounts {
    /** {@code BinaryPrecision()}: threshold 0.5. */
    public BinaryPrecision() {
        this(0.5);
    }

    /** {@code BinaryPrecision(threshold=threshold)}. */
    public BinaryPrecision(double threshold) {
        super(threshold);
    }

    @Override
    public Double compute() {
        return divide(tp, tp + fp);
    }
}
