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

    /** The precision per class, or one value with an average (a copy). */
    @Override
    public double[] precision() {
        return precision.clone();
    }

    /** The recall per class, or one value with an average (a copy). */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** The F-beta score per class, or one value with an average (a copy). */
    @Override
    public double[] fbetaScore() {
        return fbetaScore.clone();
    }

    /** The number of occurrences of each class in {@code y_true} (a copy), or {@code null} with an average. */
    @Override
    public long[] support() {
        return support == null ? null : support.clone();
    }
}
