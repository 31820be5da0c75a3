package dev.jtorch.metrics;

import dev.jtorch.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * torchmetrics' {@code R2Score}: the coefficient of determination over all batches, equal to scikit-learn's
 * {@code r2_score} of the concatenated batches (it keeps every value, which makes it exact).
 *
 * <p>Its values equal those of scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.r2_score.html">sklearn.metrics.r2_score</a>.
 */
public final class R2Score implements Metric<Double> {
    private double[] preds = new double[64];
    private double[] targets = new double[64];
    private int n;

    /** {@code R2Score()}. */
    public R2Score() {}

    /** Adds a batch of predictions and targets (flattened). */
    @Override
    public void update(Tensor preds, Tensor target) {
        update(Targets.values(preds, "preds"), Targets.values(target, "target"));
    }

    /** Adds a batch of predictions and targets. */
    public void update(double[] p, double[] t) {
        Objects.requireNonNull(p, "preds");
        Objects.requireNonNull(t, "target");
        Targets.checkConsistentLength(p.length, t.length);
        while (n + p.length > preds.length) {
            preds = Arrays.copyOf(preds, preds.length * 2);
            targets = Arrays.copyOf(targets, targets.length * 2);
        }
        System.arraycopy(p, 0, preds, n, p.length);
        System.arraycopy(t, 0, targets, n, t.length);
        n += p.length;
    }

    @Override
    public Double compute() {
        return RegressionMetrics.r2Score(Arrays.copyOf(targets, n), Arrays.copyOf(preds, n), true);
    }

    @Override
    public void reset() {
        preds = new double[64];
        targets = new double[64];
        n = 0;
    }
}
