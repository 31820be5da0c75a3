package dev.jtorch.metrics;

/**
 * scikit-learn's {@code zero_division} argument: the value of a precision, recall or F-score whose denominator is
 * zero.
 *
 * <p>Mirrors the {@code zero_division} argument of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_score.html">sklearn.metrics.precision_score</a>
 * and the other scores.
 */
public enum ZeroDivision {
    /** {@code zero_division="warn"} (the default): 0, with an {@code UndefinedMetricWarning} (logged here). */
    WARN,
    /** {@code zero_division=0}. */
    ZERO,
    /** {@code zero_division=1}. */
    ONE;

    double value() {
        return this == ONE ? 1.0 : 0.0;
    }
}
