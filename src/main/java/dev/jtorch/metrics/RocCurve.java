package dev.jtorch.metrics;

/**
 * The result of scikit-learn's {@code roc_curve}: {@code fpr, tpr, thresholds}, thresholds decreasing, the first
 * one {@code max(y_score) + 1} (scikit-learn 1.2's convention).
 *
 * <p>Mirrors the result of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.roc_curve.html">sklearn.metrics.roc_curve</a>.
 */
public record RocCurve(double[] fpr, double[] tpr, double[] thresholds) {
    /** Keeps copies of the arrays. */
    public RocCurve {
        fpr = fpr.clone();
        tpr = tpr.clone();
        thresholds = thresholds.clone();
    }

    /** The false positive rate at each threshold (a copy). */
    @Override
    public double[] fpr() {
        return fpr.clone();
    }

    /** The true positive rate at each threshold (a copy). */
    @Override
    public double[] tpr() {
        return tpr.clone();
    }

    /** The decreasing thresholds, the first {@code max(y_score) + 1} (a copy). */
    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }
}
