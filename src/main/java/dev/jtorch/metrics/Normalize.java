package dev.jtorch.metrics;

/** The {@code normalize} argument of scikit-learn's {@code confusion_matrix}. */
public enum Normalize {
    /** {@code normalize='true'}: each row (true class) sums to 1. */
    TRUE,
    /** {@code normalize='pred'}: each column (predicted class) sums to 1. */
    PRED,
    /** {@code normalize='all'}: the whole matrix sums to 1. */
    ALL
}
