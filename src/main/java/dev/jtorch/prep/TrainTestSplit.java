package dev.jtorch.prep;

import java.util.Objects;

/**
 * The result of scikit-learn's {@code sklearn.model_selection.train_test_split(X, y, ...)}:
 * {@code X_train, X_test, y_train, y_test}, plus the row indices that were taken for each side.
 *
 * <p>Mirrors the result of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.train_test_split.html">sklearn.model_selection.train_test_split</a>.
 *
 * @param <X> the type of the features (a {@code double[][]} or a {@link dev.jtorch.Tensor})
 * @param <Y> the type of the targets
 */
public record TrainTestSplit<X, Y>(X xTrain, X xTest, Y yTrain, Y yTest, Split indices) {
    /** Checks that nothing is missing. */
    public TrainTestSplit {
        Objects.requireNonNull(xTrain, "xTrain");
        Objects.requireNonNull(xTest, "xTest");
        Objects.requireNonNull(yTrain, "yTrain");
        Objects.requireNonNull(yTest, "yTest");
        Objects.requireNonNull(indices, "indices");
    }

    /** The keyword arguments of {@code train_test_split}, with scikit-learn's defaults. */
    public static final class Options {
        SplitSize testSize = SplitSize.NONE;
        SplitSize trainSize = SplitSize.NONE;
        RandomStateArg randomState = RandomStateArg.NONE;
        boolean shuffle = true;
        long[] stratify;

        /** The defaults: a test fraction of 0.25, shuffled, not stratified, {@code random_state=None}. */
        public Options() {}

        /** {@code test_size} as a fraction in (0, 1): the test set has {@code ceil(test_size * n_samples)} rows. */
        public Options testSize(double v) {
            testSize = SplitSize.of(v);
            return this;
        }

        /** {@code test_size} as a number of samples. */
        public Options testSize(int v) {
            testSize = SplitSize.of(v);
            return this;
        }

        /** {@code train_size} as a fraction in (0, 1): {@code floor(train_size * n_samples)} rows. */
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

        /** {@code shuffle} (default true); without it the first rows train and the last ones test. */
        public Options shuffle(boolean v) {
            shuffle = v;
            return this;
        }

        /** {@code stratify=labels}: keep each class's share on both sides ({@link StratifiedShuffleSplit}). */
        public Options stratify(long... labels) {
            stratify = labels == null ? null : labels.clone();
            return this;
        }

        /** {@code stratify=labels}. */
        public Options stratify(int... labels) {
            stratify = labels == null ? null : Labels.toLong(labels);
            return this;
        }

        /** {@code test_size}: a Double fraction, an Integer count, or null for {@code None}. */
        public Number testSize() {
            return testSize.fraction() != null ? testSize.fraction() : testSize.count();
        }

        /** {@code train_size}: a Double fraction, an Integer count, or null for {@code None}. */
        public Number trainSize() {
            return trainSize.fraction() != null ? trainSize.fraction() : trainSize.count();
        }

        /** {@code shuffle}. */
        public boolean shuffle() {
            return shuffle;
        }

        /** {@code stratify}; null for {@code None}. */
        public long[] stratify() {
            return stratify == null ? null : stratify.clone();
        }
    }
}
