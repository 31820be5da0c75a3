package dev.jtorch.metrics;

/**
 * The result of scikit-learn's {@code precision_recall_curve}: {@code precision, recall, thresholds}, thresholds
 * increasing; precision ends with 1 and recall with 0, one element more than the thresholds.
 *
 * <p>Mirrors the result of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_recall_curve.html">sklearn.metrics.precision_recall_curve</a>.
 */
public record PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds) {
    /** Keeps copies of the arrays. */
    public PrecisionRecallCurve {
        precision = precision.clone();
        recall = recall.clone();
        thresholds = thresholds.clone();
    }

    /** The precision at each threshold, ending with 1 (a copy). */
    @Override
    public double[] precision() {
        return precision.clone();
    }

    /** The recall at each threshold, ending with 0 (a copy). */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** The increasing thresholds (a copy). */
    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }
}
