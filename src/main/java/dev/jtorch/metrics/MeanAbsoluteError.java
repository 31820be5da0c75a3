package dev.jtorch.metrics;

import dev.jtorch.Tensor;
import java.util.Objects;

/**
 * torchmetrics' {@code MeanAbsoluteError}: the mean of {@code |preds - target|} over all batches; scikit-learn's
 * {@code mean_absolute_error} of the concatenated batches, to rounding.
 *
 * <p>Its values equal those of scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.mean_absolute_error.html">sklearn.metrics.mean_absolute_error</a>.
 */
public final class MeanAbsoluteError implements Metric<Double> {
    private final RunningSum sum = new RunningSum();
    private long total;

    /** {@code MeanAbsoluteError()}. */
    public MeanAbsoluteError() {}

    /** Adds a batch of predictions and targets (flattened). */
    @Override
    public void update(Tensor preds, Tensor target) {
        update(Targets.values(preds, "preds"), Targets.values(target, "target"));
    }

    /** Adds a batch of predictions and targets. */
    public void update(double[] preds, double[] target) {
        Objects.requireNonNull(preds, "preds");
        Objects.requireNonNull(target, "target");
        Targets.checkConsistentLength(preds.length, target.length);
        for (int i = 0; i < preds.length; i++) {
            sum.add(Math.abs(preds[i] - target[i]));
        }
        total += preds.length;
    }

    @Override
    public Double compute() {
        return sum.value() / total;
    }

    @Override
    public void reset() {
        sum.reset();
        total = 0;
    }
}
