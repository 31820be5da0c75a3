package dev.jtorch.metrics;

import dev.jtorch.PyEnum;
import java.util.Locale;

/**
 * The {@code normalize} argument of scikit-learn's {@code confusion_matrix}.
 *
 * <p>Mirrors the {@code normalize} argument of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.confusion_matrix.html">sklearn.metrics.confusion_matrix</a>.
 */
public enum Normalize implements PyEnum {
    /** {@code normalize='true'}: each row (true class) sums to 1. */
    TRUE,
    /** {@code normalize='pred'}: each column (predicted class) sums to 1. */
    PRED,
    /** {@code normalize='all'}: the whole matrix sums to 1. */
    ALL;

    /** Python's spelling: {@code true}, {@code pred} or {@code all}. */
    @Override
    public String pythonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
