package dev.jtorch.metrics;

/**
 * The result of scikit-learn's {@code precision_recall_fscore_support}: per class (with {@code average=None}, in
 * the order of the labels) or, with an average, one value each and no support ({@code null}, Python's
 * {@code None}).
 *
 * <p>Mirrors the result of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_recall_fscore_support.html">sklearn.metrics.precision_recall_fscore_support</a>.
 */
public record PrecisionRecallFscoreSupport(double[] precision, double[] recall, double[] fbetaScore, long[] support) {
    /** Keeps copies of the arrays. */
    public PrecisionRecallFscoreSupport {
        precision = precision.clone();
        recall = recall.clone();
        fbetaScore = fbetaScore.clone();
        support = support == null ? null : support.clone();
    }

    @Override
    public double[] precision() {
        return precision.clone();
    }

    @Override
    public double[] recall() {
        return recall.clone();
    }

    @Override
    public double[] fbetaScore() {
        return fbetaScore.clone();
    }

    @Override
    public long[] support() {
        return support == null ? null : support.clone();
    }
}
