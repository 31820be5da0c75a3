package dev.jtorch.metrics;

/**
 * The {@code normalize} argument of scikit-learn's {@code confusion_matrix}.
 *
 * <p>Mirrors the {@code normalize} argument of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.confusion_matrix.html">sklearn.metrics.confusion_matrix</a>.
 */
public enum Normalize {
    /** {@code normalize='true'}: each row (true class) sums to 1. */
    TRUE,
    /** {@code normalize='pred'}: each column (predicted class) sums to 1. */
    PRED,
    /** {@code normalize='all'}: the whole matrix sums to 1. */
    ALL
}
