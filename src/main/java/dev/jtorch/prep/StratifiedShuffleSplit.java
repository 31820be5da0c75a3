package dev.jtorch.prep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * scikit-learn's {@code sklearn.model_selection.StratifiedShuffleSplit}: random train/test partitions that keep
 * each class's share, with scikit-learn's {@code _approximate_mode} allocation and its order of draws.
 *
 * <p>Mirrors scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.StratifiedShuffleSplit.html">sklearn.model_selection.StratifiedShuffleSplit</a>.
 */
public final class StratifiedShuffleSplit {
    private final int nSplits;
    private final SplitSize testSize;
    private final SplitSize trainSize;
    private final RandomStateArg randomState;

    /**
     * The optional arguments: scikit-learn's {@code StratifiedShuffleSplit} takes the same as {@code ShuffleSplit}
     * ({@code n_splits=10}, test fraction 0.1 when neither size is given).
     */
    public static ShuffleSplit.Options options() {
        return new ShuffleSplit.Options();
    }

    /** {@code StratifiedShuffleSplit()} with the defaults. */
    public StratifiedShuffleSplit() {
        this(new ShuffleSplit.Options());
    }

    /** {@code StratifiedShuffleSplit(**options)}. */
    public StratifiedShuffleSplit(ShuffleSplit.Options o) {
        this(o.nSplitsArg(), o.testSizeArg(), o.trainSizeArg(), o.randomStateArg());
    }

    StratifiedShuffleSplit(int nSplits, SplitSize testSize, SplitSize trainSize, RandomStateArg randomState) {
        this.nSplits = nSplits;
        this.testSize = testSize;
        this.trainSize = trainSize;
        this.randomState = randomState;
    }

    /** {@code get_n_splits()}. */
    public int getNSplits() {
        return nSplits;
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
    public List<Split> split(long[] y) {
        int nSamples = y.length;
        int[] sizes = SplitSize.validate(nSamples, testSize, trainSize, 0.1);
        int nTrain = sizes[0];
        int nTest = sizes[1];
        Labels labels = Labels.of(y);
        int nClasses = labels.classes.length;
        int[] classCounts = labels.counts;
        if (Arrays.stream(classCounts).min().orElse(0) < 2) {
            throw new IllegalArgumentException("The least populated class in y has only 1 member, which is too few. "
                    + "The minimum number of groups for any class cannot be less than 2.");
        }
        if (nTrain < nClasses) {
            throw new IllegalArgumentException("The train_size = " + nTrain
                    + " should be greater or equal to the number of classes = " + nClasses);
        }
        if (nTest < nClasses) {
            throw new IllegalArgumentException("The test_size = " + nTest
                    + " should be greater or equal to the number of classes = " + nClasses);
        }
        int[][] classIndices = labels.classIndices();
        RandomState rng = randomState.resolve();
        List<Split> out = new ArrayList<>();
        for (int s = 0; s < nSplits; s++) {
            int[] nI = approximateMode(classCounts, nTrain, rng);
            int[] remaining = new int[nClasses];
            for (int k = 0; k < nClasses; k++) {
                remaining[k] = classCounts[k] - nI[k];
            }
            int[] tI = approximateMode(remaining, nTest, rng);
            int[] train = new int[Arrays.stream(nI).sum()];
            int[] test = new int[Arrays.stream(tI).sum()];
            int a = 0;
            int b = 0;
            for (int k = 0; k < nClasses; k++) {
                int[] perm = rng.permutation(classCounts[k]);
                for (int i = 0; i < nI[k]; i++) {
                    train[a++] = classIndices[k][perm[i]];
                }
                for (int i = nI[k]; i < nI[k] + tI[k]; i++) {
                    test[b++] = classIndices[k][perm[i]];
                }
            }
            out.add(new Split(rng.permutation(train), rng.permutation(test)));
        }
        return out;
    }

    /**
     * scikit-learn's {@code _approximate_mode(class_counts, n_draws, rng)}: how many of {@code n_draws} samples
     * each class gets, the largest remainders rounded up, ties broken at random.
     */
    static int[] approximateMode(int[] classCounts, int nDraws, RandomState rng) {
        int n = classCounts.length;
        long total = 0;
        for (int c : classCounts) {
            total += c;
        }
        double[] continuous = new double[n];
        double[] floored = new double[n];
        double flooredSum = 0;
        for (int k = 0; k < n; k++) {
            continuous[k] = (double) classCounts[k] / total * nDraws;
            floored[k] = Math.floor(continuous[k]);
            flooredSum += floored[k];
        }
        int needToAdd = (int) (nDraws - flooredSum);
        if (needToAdd > 0) {
            double[] remainder = new double[n];
            for (int k = 0; k < n; k++) {
                remainder[k] = continuous[k] - floored[k];
            }
            double[] values = Arrays.stream(remainder).distinct().sorted().toArray();
            for (int v = values.length - 1; v >= 0; v--) {
                int[] inds = indicesOf(remainder, values[v]);
                int addNow = Math.min(inds.length, needToAdd);
                for (int k : rng.choice(inds, addNow, false)) {
                    floored[k] += 1;
                }
                needToAdd -= addNow;
                if (needToAdd == 0) {
                    break;
                }
            }
        }
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            out[k] = (int) floored[k];
        }
        return out;
    }

    private static int[] indicesOf(double[] a, double value) {
        return java.util.stream.IntStream.range(0, a.length).filter(i -> a[i] == value).toArray();
    }

    @Override
    public String toString() {
        return "StratifiedShuffleSplit(n_splits=" + nSplits + ", random_state=" + randomState + ", test_size="
                + testSize + ", train_size=" + trainSize + ")";
    }
}
