package dev.jtorch.metrics;

import dev.jtorch.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * torchmetrics' {@code BinaryAUROC(thresholds=None)}: the exact area under the ROC curve of every score seen, equal
 * to scikit-learn's {@code roc_auc_score} of the concatenated batches (it keeps all scores and targets). Scores are
 * used as given: a sigmoid, which torchmetrics applies to logits, does not change the ranking.
 *
 * <p>Its values equal those of scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.roc_auc_score.html">sklearn.metrics.roc_auc_score</a>.
 */
public final class BinaryAUROC implements Metric<Double> {
    private final Double maxFpr;
    private double[] scores = new double[64];
    private long[] targets = new long[64];
    private int n;

    /** {@code BinaryAUROC()}. */
    public BinaryAUROC() {
        this.maxFpr = null;
    }

    /** {@code BinaryAUROC(max_fpr=max_fpr)}: the standardized partial area up to {@code max_fpr}. */
    public BinaryAUROC(double maxFpr) {
        if (!(maxFpr > 0 && maxFpr <= 1)) {
            throw new IllegalArgumentException("Expected max_fpr in range (0, 1], got: " + maxFpr);
        }
        this.maxFpr = maxFpr;
    }

    /** Adds a batch of scores (probabilities or logits, flattened) and 0/1 targets. */
    @Override
    public void update(Tensor preds, Tensor target) {
        update(Targets.values(preds, "preds"), BinaryInputs.targets(target));
    }

    /** Adds a batch of scores and 0/1 targets. */
    public void update(double[] preds, long[] target) {
        Objects.requireNonNull(preds, "preds");
        BinaryInputs.check(target, "target");
        Targets.checkConsistentLength(preds.length, target.length);
        Targets.checkFinite(preds);
        while (n + preds.length > scores.length) {
            scores = Arrays.copyOf(scores, scores.length * 2);
            targets = Arrays.copyOf(targets, targets.length * 2);
        }
        System.arraycopy(preds, 0, scores, n, preds.length);
        System.arraycopy(target, 0, targets, n, target.length);
        n += preds.length;
    }

    /** Adds a batch of scores and 0/1 targets. */
    public void update(double[] preds, int[] target) {
        update(preds, Targets.toLong(target));
    }

    @Override
    public Double compute() {
        long[] t = Arrays.copyOf(targets, n);
        double[] s = Arrays.copyOf(scores, n);
        return RankingMetrics.binaryRocAuc(t, s, maxFpr);
    }

    @Override
    public void reset() {
        scores = new double[64];
        targets = new long[64];
        n = 0;
    }
}
