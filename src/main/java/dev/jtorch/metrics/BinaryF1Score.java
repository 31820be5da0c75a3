package dev.jtorch.metrics;

/**
 * torchmetrics' {@code BinaryF1Score(threshold=0.5)}: the harmonic mean of precision and recall over all batches,
 * computed as scikit-learn's {@code f1_score(..., zero_division=0)} computes it.
 *
 * <p>Its values equal those of scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.f1_score.html">sklearn.metrics.f1_score</a>.
 */
public final class BinaryF1Score extends BinaryCounts {
    /** {@code BinaryF1Score()}: threshold 0.5. */
    public BinaryF1Score() {
        this(0.5);
    }

    /** {@code BinaryF1Score(threshold=threshold)}. */
    public BinaryF1Score(double threshold) {
        super(threshold);
    }

    @Override
    public Double compute() {
        double p = divide(tp, tp + fp);
        double r = divide(tp, tp + fn);
        double denom = p + r;
        return 2 * p * r / (denom == 0.0 ? 1 : denom);
    }
}
