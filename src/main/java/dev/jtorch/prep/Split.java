package dev.jtorch.prep;

import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code (train_index, test_index)} pair, as scikit-learn's cross-validators yield them from {@code split}.
 *
 * <p>Mirrors what the {@code split} method of scikit-learn's cross-validators yields, e.g.
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.KFold.html">sklearn.model_selection.KFold</a>.
 */
public record Split(int[] train, int[] test) {
    /** Keeps copies of the index arrays. */
    public Split {
        train = Objects.requireNonNull(train, "train").clone();
        test = Objects.requireNonNull(test, "test").clone();
    }

    /** The training indices (a copy). */
    @Override
    public int[] train() {
        return train.clone();
    }

    /** The test indices (a copy). */
    @Override
    public int[] test() {
        return test.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Split s && Arrays.equals(train, s.train) && Arrays.equals(test, s.test);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(train) * 31 + Arrays.hashCode(test);
    }

    @Override
    public String toString() {
        return "Split[train=" + Arrays.toString(train) + ", test=" + Arrays.toString(test) + "]";
    }
}
