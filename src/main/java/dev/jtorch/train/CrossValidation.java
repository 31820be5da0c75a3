package dev.jtorch.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * K-fold cross-validation: runs a function that trains on one fold's training indices and returns its score on
 * the fold's validation indices, for every fold, and reports each score, their mean and their standard deviation
 * (NumPy's {@code np.std}, the population one, as the tutorials print {@code scores.mean()} and
 * {@code scores.std()}).
 *
 * <p>jtorch's own; no PyTorch counterpart. The closest is scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.cross_val_score.html">sklearn.model_selection.cross_val_score</a>.
 */
public final class CrossValidation {
    private CrossValidation() {}

    /** One fold: the indices to train on and to validate on. */
    public record Fold(long[] trainIndices, long[] validationIndices) {}

    /** Trains and scores one fold. */
    @FunctionalInterface
    public interface FoldScorer {
        /** The validation score after training on the fold's training indices. */
        double score(int foldIndex, Fold fold);
    }

    /** The scores of every fold, their mean and standard deviation. */
    public record Result(double[] scores) {
        /** The mean score. */
        public double mean() {
            double s = 0;
            for (double v : scores) {
                s += v;
            }
            return s / scores.length;
        }

        /** The population standard deviation of the scores ({@code np.std}). */
        public double std() {
            double m = mean();
            double s = 0;
            for (double v : scores) {
                s += (v - m) * (v - m);
            }
            return Math.sqrt(s / scores.length);
        }
    }

    /** Runs {@code scorer} on every fold, in order. */
    public static Result run(List<Fold> folds, FoldScorer scorer) {
        Objects.requireNonNull(folds, "folds");
        Objects.requireNonNull(scorer, "scorer");
        if (folds.size() < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, got " + folds.size());
        }
        double[] scores = new double[folds.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = scorer.score(i, folds.get(i));
        }
        return new Result(scores);
    }

    /**
     * Consecutive folds of {@code 0..n-1} without shuffling, as scikit-learn's {@code KFold(n_splits)}: the first
     * {@code n % k} folds get one more sample.
     */
    public static List<Fold> kFold(long n, int k) {
        if (k < 2) {
            throw new IllegalArgumentException("k-fold cross-validation requires at least one train/test split by "
                    + "setting n_splits=2 or more, got n_splits=" + k + ".");
        }
        if (k > n) {
            throw new IllegalArgumentException("Cannot have number of splits n_splits=" + k
                    + " greater than the number of samples: n_samples=" + n + ".");
        }
        List<Fold> folds = new ArrayList<>();
        long start = 0;
        for (int f = 0; f < k; f++) {
            long size = n / k + (f < n % k ? 1 : 0);
            long[] val = new long[(int) size];
            long[] train = new long[(int) (n - size)];
            int t = 0;
            for (long i = 0; i < n; i++) {
                if (i >= start && i < start + size) {
                    val[(int) (i - start)] = i;
                } else {
                    train[t++] = i;
                }
            }
            folds.add(new Fold(train, val));
            start += size;
        }
        return folds;
    }
}
