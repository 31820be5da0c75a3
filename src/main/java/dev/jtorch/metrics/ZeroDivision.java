package dev.jtorch.metrics;

import dev.jtorch.PyEnum;

/**
 * scikit-learn's {@code zero_division} argument: the value of a precision, recall or F-score whose denominator is
 * zero.
 *
 * <p>Mirrors the {@code zero_division} argument of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_score.html">sklearn.metrics.precision_score</a>
 * and the other scores.
 */
public enum ZeroDivision implements PyEnum {
    /** {@code zero_division="warn"} (the default): 0, with an {@code UndefinedMetricWarning} (logged here). */
    WARN,
    /** {@code zero_division=0}. */
    ZERO,
    /** {@code zero_division=1}. */
    ONE;

    /** Python's spelling, as Python prints the value: {@code warn}, {@code 0} or {@code 1}. */
    @Override
    public String pythonName() {
        return switch (this) {
            case WARN -> "warn";
            case ZERO -> "0";
            case ONE -> "1";
        };
    }

    double value() {
        return this == ONE ? 1.0 : 0.0;
    }
}
