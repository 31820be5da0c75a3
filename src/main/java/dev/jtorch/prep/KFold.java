package dev.jtorch.prep;

import java.util.List;

/**
 * scikit-learn's {@code sklearn.model_selection.KFold}: {@code n_splits} consecutive folds (the first
 * {@code n_samples % n_splits} one sample larger), over the samples in order or, with {@code shuffle=True},
 * after one {@code RandomState.shuffle} of the indices.
 *
 * <p>{@code KFold(n_splits=5, shuffle=True, random_state=42)} is {@code new KFold(5, true, 42)};
 * {@code for train, test in kf.split(X)} is {@code for (Split s : kf.split(X))}. With an integer seed every call
 * of {@code split} gives the same folds, as in scikit-learn.
 *
 * <p>Mirrors scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.KFold.html">sklearn.model_selection.KFold</a>.
 */
public final class KFold extends BaseKFold {
    /** {@code KFold()}: 5 folds, no shuffling. */
    public KFold() {
        this(5);
    }

    /** {@code KFold(n_splits)}, no shuffling. */
    public KFold(int nSplits) {
        super(nSplits, false, RandomStateArg.NONE);
    }

    /** {@code KFold(n_splits, shuffle=shuffle)} with {@code random_state=None}. */
    public KFold(int nSplits, boolean shuffle) {
        super(nSplits, shuffle, RandomStateArg.NONE);
    }

    /** {@code KFold(n_splits, shuffle=shuffle, random_state=seed)}. */
    public KFold(int nSplits, boolean shuffle, long randomState) {
        super(nSplits, shuffle, RandomStateArg.of(randomState));
    }

    /** {@code KFold(n_splits, shuffle=shuffle, random_state=rng)}; the folds draw from {@code rng}. */
    public KFold(int nSplits, boolean shuffle, RandomState randomState) {
        super(nSplits, shuffle, RandomStateArg.of(randomState));
    }

    /** {@code split(X)} for {@code n_samples} samples. */
    public List<Split> split(int nSamples) {
        checkSamples(nSamples);
        int[] indices = new int[nSamples];
        for (int i = 0; i < nSamples; i++) {
            indices[i] = i;
        }
        if (shuffle) {
            randomState.resolve().shuffle(indices);
        }
        int[] testFold = new int[nSamples];
        int current = 0;
        for (int f = 0; f < nSplits; f++) {
            int size = nSamples / nSplits + (f < nSamples % nSplits ? 1 : 0);
            for (int i = current; i < current + size; i++) {
                testFold[indices[i]] = f;
            }
            current += size;
        }
        return fromTestFolds(testFold);
    }

    /** {@code split(X)}. */
    public List<Split> split(double[][] x) {
        return split(x.length);
    }
}
