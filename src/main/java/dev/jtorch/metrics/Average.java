package dev.jtorch.metrics;

import dev.jtorch.PyEnum;

/**
 * The {@code average} argument of scikit-learn's {@code precision_score}, {@code recall_score}, {@code f1_score},
 * {@code roc_auc_score} (and of torchmetrics' classification metrics).
 *
 * <p>Mirrors the {@code average} argument of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_score.html">sklearn.metrics.precision_score</a>
 * and the other scores.
 */
public enum Average implements PyEnum {
    /** {@code average='binary'}: the score of the positive class ({@code pos_label}) only. */
    BINARY("binary"),
    /** {@code average='micro'}: counts summed over classes first. */
    MICRO("micro"),
    /** {@code average='macro'}: the unweighted mean of the per-class scores. */
    MACRO("macro"),
    /** {@code average='weighted'}: the per-class scores weighted by each class's support. */
    WEIGHTED("weighted"),
    /** {@code average=None}: one score per class. */
    NONE("None");

    private final String pythonName;

    Average(String pythonName) {
        this.pythonName = pythonName;
    }

    /** Python's spelling, e.g. {@code macro}. */
    @Override
    public String pythonName() {
        return pythonName;
    }

    /** The same as {@link #pythonName()}. */
    @Override
    public String toString() {
        return pythonName;
    }
}
