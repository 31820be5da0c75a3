package dev.jtorch.metrics;

import dev.jtorch.Tensor;
import dev.jtorch.internal.NumpySum;
import java.util.Objects;

/**
 * torchmetrics' {@code MulticlassAccuracy(num_classes, average='macro')}. With {@link Average#MICRO} it is the
 * fraction of correct predictions (scikit-learn's {@code accuracy_score}); with {@link Average#MACRO} (the
 * default, as in torchmetrics) the mean per-class recall over the classes that occur in targets or predictions;
 * with {@link Average#WEIGHTED} the per-class recall weighted by support. The macro and weighted values equal
 * scikit-learn's {@code recall_score(..., average=..., zero_division=0)} of the concatenated batches.
 *
 * <p>Its values equal those of scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.accuracy_score.html">sklearn.metrics.accuracy_score</a>
 * and
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.recall_score.html">sklearn.metrics.recall_score</a>.
 */
public final class MulticlassAccuracy implements Metric<Double> {
    private final int numClasses;
    private final Average average;
    private final long[] tp;
    private final long[] fp;
    private final long[] fn;

    /** {@code MulticlassAccuracy(num_classes)}: macro average. */
    public MulticlassAccuracy(int numClasses) {
        this(numClasses, Average.MACRO);
    }

    /** {@code MulticlassAccuracy(num_classes, average=...)}: micro, macro or weighted. */
    public MulticlassAccuracy(int numClasses, Average average) {
        if (numClasses < 2) {
            throw new IllegalArgumentException(
                    "Expected argument `num_classes` to be an integer larger than 1, but got " + numClasses);
        }
        Objects.requireNonNull(average, "average");
        if (average != Average.MICRO && average != Average.MACRO && average != Average.WEIGHTED) {
            throw new IllegalArgumentException("Expected argument `average` to be one of micro, macro, weighted, but "
                    + "got " + average.pythonName());
        }
        this.numClasses = numClasses;
        this.average = average;
        this.tp = new long[numClasses];
        this.fp = new long[numClasses];
        this.fn = new long[numClasses];
    }

    /** Adds a batch: {@code preds} {@code (N, C)} scores (argmax taken) or {@code (N,)} labels; {@code target} labels. */
    @Override
    public void update(Tensor preds, Tensor target) {
        add(MulticlassInputs.predictions(preds, numClasses),
                MulticlassInputs.check(Targets.labels(target, "target"), numClasses, "target"));
    }

    /** Adds a batch of predicted and true labels. */
    public void update(long[] preds, long[] target) {
        add(MulticlassInputs.check(preds, numClasses, "preds"), MulticlassInputs.check(target, numClasses, "target"));
    }

    /** Adds a batch of predicted and true labels. */
    public void update(int[] preds, int[] target) {
        update(Targets.toLong(preds), Targets.toLong(target));
    }

    /** Adds a batch of per-class scores (rows) and true labels. */
    public void update(double[][] scores, long[] target) {
        update(MulticlassInputs.argmax(scores), target);
    }

    private void add(long[] p, long[] t) {
        Targets.checkConsistentLength(p.length, t.length);
        for (int i = 0; i < p.length; i++) {
            int pi = (int) p[i];
            int ti = (int) t[i];
            if (pi == ti) {
                tp[ti]++;
            } else {
                fp[pi]++;
                fn[ti]++;
            }
        }
    }

    @Override
    public Double compute() {
        if (average == Average.MICRO) {
            long correct = 0;
            long total = 0;
            for (int c = 0; c < numClasses; c++) {
                correct += tp[c];
                total += tp[c] + fn[c];
            }
            return (double) correct / total;
        }
        int present = 0;
        for (int c = 0; c < numClasses; c++) {
            if (tp[c] + fp[c] + fn[c] > 0) {
                present++;
            }
        }
        double[] recall = new double[present];
        double[] support = new double[present];
        int k = 0;
        for (int c = 0; c < numClasses; c++) {
            if (tp[c] + fp[c] + fn[c] > 0) {
                long s = tp[c] + fn[c];
                recall[k] = s == 0 ? 0.0 : (double) tp[c] / s;
                support[k++] = s;
            }
        }
        if (average == Average.MACRO) {
            return NumpySum.mean(recall);
        }
        return NumpySum.sum(support) == 0 ? 0.0 : NumpySum.average(recall, support);
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(tp, 0);
        java.util.Arrays.fill(fp, 0);
        java.util.Arrays.fill(fn, 0);
    }
}
