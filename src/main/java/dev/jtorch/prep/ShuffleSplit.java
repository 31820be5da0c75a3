package dev.jtorch.prep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * scikit-learn's {@code sklearn.model_selection.ShuffleSplit}: {@code n_splits} random train/test partitions, each
 * from a fresh {@code permutation(n_samples)}: the first {@code n_test} indices are the test set, the next
 * {@code n_train} the training set.
 *
 * <p>Mirrors scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.ShuffleSplit.html">sklearn.model_selection.ShuffleSplit</a>.
 */
public final class ShuffleSplit {
    private final int nSplits;
    private final SplitSize testSize;
    private final SplitSize trainSize;
    private final RandomStateArg randomState;

    /** Optional arguments, with scikit-learn's defaults ({@code n_splits=10}, test fraction 0.1 when neither size is given). */
    public static final class Options {
        private int nSplits = 10;
        private SplitSize testSize = SplitSize.NONE;
        private SplitSize trainSize = SplitSize.NONE;
        private RandomStateArg randomState = RandomStateArg.NONE;

        /** The defaults. */
        public Options() {}

        /** {@code n_splits} (default 10). */
        public Options nSplits(int v) {
            nSplits = v;
            return this;
        }

        /** {@code test_size} as a fraction in (0, 1). */
        public Options testSize(double v) {
            testSize = SplitSize.of(v);
            return this;
        }

        /** {@code test_size} as a number of samples. */
        public Options testSize(int v) {
            testSize = SplitSize.of(v);
            return this;
        }

        /** {@code train_size} as a fraction in (0, 1). */
        public Options trainSize(double v) {
            trainSize = SplitSize.of(v);
            return this;
        }

        /** {@code train_size} as a number of samples. */
        public Options trainSize(int v) {
            trainSize = SplitSize.of(v);
            return this;
        }

        /** {@code random_state=seed}. */
        public Options randomState(long seed) {
            randomState = RandomStateArg.of(seed);
            return this;
        }

        /** {@code random_state=rng}; null for {@code None}. */
        public Options randomState(RandomState rng) {
            randomState = RandomStateArg.of(rng);
            return this;
        }

        /** {@code n_splits}. */
        public int nSplits() {
            return nSplits;
        }

        /** {@code test_size}: a Double fraction, an Integer count, or null for {@code None}. */
        public Number testSize() {
            return testSize.fraction() != null ? testSize.fraction() : testSize.count();
        }

        /** {@code train_size}: a Double fraction, an Integer count, or null for {@code None}. */
        public Number trainSize() {
            return trainSize.fraction() != null ? trainSize.fraction() : trainSize.count();
        }

        int nSplitsArg() {
            return nSplits;
        }

        SplitSize testSizeArg() {
            return testSize;
        }

        SplitSize trainSizeArg() {
            return trainSize;
        }

        RandomStateArg randomStateArg() {
            return randomState;
        }
    }

    /** {@code ShuffleSplit()} with the defaults. */
    public ShuffleSplit() {
        this(new Options());
    }

    /** {@code ShuffleSplit(**options)}. */
    public ShuffleSplit(Options o) {
        this(o.nSplitsArg(), o.testSizeArg(), o.trainSizeArg(), o.randomStateArg());
    }

    ShuffleSplit(int nSplits, SplitSize testSize, SplitSize trainSize, RandomStateArg randomState) {
        this.nSplits = nSplits;
        this.testSize = testSize;
        this.trainSize = trainSize;
        this.randomState = randomState;
    }

    /** {@code get_n_splits()}. */
    public int getNSplits() {
        return nSplits;
    }

    /** {@code split(X)} for {@code n_samples} samples. */
    public List<Split> split(int nSamples) {
        int[] sizes = SplitSize.validate(nSamples, testSize, trainSize, 0.1);
        int nTrain = sizes[0];
        int nTest = sizes[1];
        RandomState rng = randomState.resolve();
        List<Split> out = new ArrayList<>();
        for (int i = 0; i < nSplits; i++) {
            int[] perm = rng.permutation(nSamples);
            out.add(new Split(Arrays.copyOfRange(perm, nTest, nTest + nTrain), Arrays.copyOfRange(perm, 0, nTest)));
        }
        return out;
    }

    /** {@code split(X)}. */
    public List<Split> split(double[][] x) {
        return split(x.length);
    }

    @Override
    public String toString() {
        return "ShuffleSplit(n_splits=" + nSplits + ", random_state=" + randomState + ", test_size=" + testSize
                + ", train_size=" + trainSize + ")";
    }
}
