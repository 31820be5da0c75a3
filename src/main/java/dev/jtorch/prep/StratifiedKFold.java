package dev.jtorch.prep;

import java.util.Arrays;
import java.util.List;

/**
 * scikit-learn's {@code sklearn.model_selection.StratifiedKFold}: folds that keep each class's share, assigned
 * exactly as scikit-learn does (classes numbered by first appearance, per-fold counts dealt round-robin over the
 * sorted labels, fold numbers given to each class's samples in blocks, shuffled per class with
 * {@code shuffle=True}).
 *
 * <p>{@code StratifiedKFold(n_splits=5, shuffle=True, random_state=0)} is {@code new StratifiedKFold(5, true, 0)};
 * {@code skf.split(X, y)} is {@code skf.split(X, y)}.
 *
 * <p>Mirrors scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.StratifiedKFold.html">sklearn.model_selection.StratifiedKFold</a>.
 */
public final class StratifiedKFold extends BaseKFold {
    private static final System.Logger LOG = System.getLogger(StratifiedKFold.class.getName());

    /** {@code StratifiedKFold()}: 5 folds, no shuffling. */
    public StratifiedKFold() {
        this(5);
    }

    /** {@code StratifiedKFold(n_splits)}, no shuffling. */
    public StratifiedKFold(int nSplits) {
        super(nSplits, false, RandomStateArg.NONE);
    }

    /** {@code StratifiedKFold(n_splits, shuffle=shuffle)} with {@code random_state=None}. */
    public StratifiedKFold(int nSplits, boolean shuffle) {
        super(nSplits, shuffle, RandomStateArg.NONE);
    }

    /** {@code StratifiedKFold(n_splits, shuffle=shuffle, random_state=seed)}. */
    public StratifiedKFold(int nSplits, boolean shuffle, long randomState) {
        super(nSplits, shuffle, RandomStateArg.of(randomState));
    }

    /** {@code StratifiedKFold(n_splits, shuffle=shuffle, random_state=rng)}. */
    public StratifiedKFold(int nSplits, boolean shuffle, RandomState randomState) {
        super(nSplits, shuffle, RandomStateArg.of(randomState));
    }

    /** {@code split(X, y)}. */
    public List<Split> split(double[][] x, int[] y) {
        Validation.checkConsistentLength(x.length, y.length);
        return split(Labels.toLong(y));
    }

    /** {@code split(X, y)}. */
    public List<Split> split(double[][] x, long[] y) {
        Validation.checkConsistentLength(x.length, y.length);
        return split(y);
    }

    /** {@code split(np.zeros(len(y)), y)}: only the labels matter. */
    public List<Split> split(int[] y) {
        return split(Labels.toLong(y));
    }

    /** {@code split(np.zeros(len(y)), y)}. */
    public List<Split> split(long[] y) {
        checkSamples(y.length);
        return fromTestFolds(testFolds(y));
    }

    /** scikit-learn's {@code _make_test_folds}: the fold number of each sample. */
    int[] testFolds(long[] y) {
        RandomState rng = shuffle ? randomState.resolve() : null;
        Labels labels = Labels.of(y);
        int nClasses = labels.classes.length;
        // Number the classes in order of first appearance.
        int[] firstSeen = new int[nClasses];
        Arrays.fill(firstSeen, -1);
        for (int i = 0; i < y.length; i++) {
            int k = labels.inverse[i];
            if (firstSeen[k] < 0) {
                firstSeen[k] = i;
            }
        }
        Integer[] order = new Integer[nClasses];
        for (int k = 0; k < nClasses; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (p, q) -> Integer.compare(firstSeen[p], firstSeen[q]));
        int[] rank = new int[nClasses];
        for (int r = 0; r < nClasses; r++) {
            rank[order[r]] = r;
        }
        int[] encoded = new int[y.length];
        int[] counts = new int[nClasses];
        for (int i = 0; i < y.length; i++) {
            encoded[i] = rank[labels.inverse[i]];
            counts[encoded[i]]++;
        }
        int minGroups = Arrays.stream(counts).min().orElse(0);
        if (Arrays.stream(counts).allMatch(c -> nSplits > c)) {
            throw new IllegalArgumentException(
                    "n_splits=" + nSplits + " cannot be greater than the number of members in each class.");
        }
        if (nSplits > minGroups) {
            LOG.log(System.Logger.Level.WARNING, "The least populated class in y has only " + minGroups
                    + " members, which is less than n_splits=" + nSplits + ".");
        }
        int[] sorted = encoded.clone();
        Arrays.sort(sorted);
        int[][] allocation = new int[nSplits][nClasses];
        for (int i = 0; i < sorted.length; i++) {
            allocation[i % nSplits][sorted[i]]++;
        }
        int[] testFolds = new int[y.length];
        for (int k = 0; k < nClasses; k++) {
            int[] folds = new int[counts[k]];
            int p = 0;
            for (int f = 0; f < nSplits; f++) {
                for (int c = 0; c < allocation[f][k]; c++) {
                    folds[p++] = f;
                }
            }
            if (shuffle) {
                rng.shuffle(folds);
            }
            p = 0;
            for (int i = 0; i < y.length; i++) {
                if (encoded[i] == k) {
                    testFolds[i] = folds[p++];
                }
            }
        }
        return testFolds;
    }
}
