package dev.jtorch.metrics;

import dev.jtorch.Tensor;
import java.util.Objects;

/**
 * torchmetrics' {@code MeanSquaredError(squared=True)}: the mean of {@code (preds - target) ** 2} over all batches
 * (its square root with {@code squared=false}); scikit-learn's {@code mean_squared_error} of the concatenated
 * batches, to rounding.
 *
 * <p>Its values equal those of scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.mean_squared_error.html">sklearn.metrics.mean_squared_error</a>.
 */
public final class MeanSquaredError implements Metric<Double> {
    private final boolean squared;
    private final RunningSum sum = new RunningSum();
    private long total;

    /** {@code MeanSquaredError()}. */
    public MeanSquaredError() {
        this(true);
    }

    /** {@code MeanSquaredError(squared=squared)}: false gives the root mean squared error. */
    public MeanSquaredError(boolean squared) {
        this.squared = squared;
    }

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
            double d = target[i] - preds[i];
            sum.add(d * d);
        }
        total += preds.length;
    }

    @Override
    public Double compute() {
        double mse = sum.value() / total;
        return squared ? mse : Math.sqrt(mse);
    }

    @Override
    public void reset() {
        sum.reset();
        total = 0;
    }
}
