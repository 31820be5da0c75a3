package dev.jtorch.prep;

import java.util.ArrayList;
import java.util.List;

/** What {@link KFold} and {@link StratifiedKFold} share: scikit-learn's {@code _BaseKFold} checks and splitting. */
abstract class BaseKFold {
    final int nSplits;
    final boolean shuffle;
    final RandomStateArg randomState;

    BaseKFold(int nSplits, boolean shuffle, RandomStateArg randomState) {
        if (nSplits <= 1) {
            throw new IllegalArgumentException("k-fold cross-validation requires at least one train/test split by "
                    + "setting n_splits=2 or more, got n_splits=" + nSplits + ".");
        }
        if (!shuffle && !randomState.isNone()) {
            throw new IllegalArgumentException("Setting a random_state has no effect since shuffle is False. You "
                    + "should leave random_state to its default (None), or set shuffle=True.");
        }
        this.nSplits = nSplits;
        this.shuffle = shuffle;
        this.randomState = randomState;
    }

    /** {@code get_n_splits()}. */
    public int getNSplits() {
        return nSplits;
    }

    void checkSamples(int nSamples) {
        if (nSplits > nSamples) {
            throw new IllegalArgumentException("Cannot have number of splits n_splits=" + nSplits
                    + " greater than the number of samples: n_samples=" + nSamples + ".");
        }
    }

    /** One split per fold number in {@code testFold}: the samples of that fold test, the others train. */
    List<Split> fromTestFolds(int[] testFold) {
        List<Split> out = new ArrayList<>(nSplits);
        for (int f = 0; f < nSplits; f++) {
            int nTest = 0;
            for (int v : testFold) {
                if (v == f) {
                    nTest++;
                }
            }
            int[] train = new int[testFold.length - nTest];
            int[] test = new int[nTest];
            int a = 0;
            int b = 0;
            for (int i = 0; i < testFold.length; i++) {
                if (testFold[i] == f) {
                    test[b++] = i;
                } else {
                    train[a++] = i;
                }
            }
            out.add(new Split(train, test));
        }
        return out;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(n_splits=" + nSplits + ", random_state=" + randomState + ", shuffle="
                + (shuffle ? "True" : "False") + ")";
    }
}
