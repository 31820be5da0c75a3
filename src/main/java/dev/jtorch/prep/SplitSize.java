package dev.jtorch.prep;

import dev.jtorch.PyFormat;

/**
 * A {@code test_size} or {@code train_size}: a fraction (a Python float), a count (a Python int) or {@code None};
 * and scikit-learn's {@code _validate_shuffle_split}, which turns two of them into sample counts.
 */
record SplitSize(Double fraction, Integer count) {
    static final SplitSize NONE = new SplitSize(null, null);

    static SplitSize of(double fraction) {
        return new SplitSize(fraction, null);
    }

    static SplitSize of(int count) {
        return new SplitSize(null, count);
    }

    boolean isNone() {
        return fraction == null && count == null;
    }

    @Override
    public String toString() {
        return fraction != null ? PyFormat.repr(fraction) : count != null ? count.toString() : "None";
    }

    /** {@code _validate_shuffle_split(n_samples, test_size, train_size, default_test_size)}: {n_train, n_test}. */
    static int[] validate(int nSamples, SplitSize test, SplitSize train, double defaultTest) {
        if (test.isNone() && train.isNone()) {
            test = of(defaultTest);
        }
        check(test, nSamples, "test_size");
        check(train, nSamples, "train_size");
        if (test.fraction != null && train.fraction != null && train.fraction + test.fraction > 1) {
            throw new IllegalArgumentException("The sum of test_size and train_size = "
                    + PyFormat.repr(train.fraction + test.fraction)
                    + ", should be in the (0, 1) range. Reduce test_size and/or train_size.");
        }
        double nTest = 0;
        double nTrain = 0;
        if (test.fraction != null) {
            nTest = Math.ceil(test.fraction * nSamples);
        } else if (test.count != null) {
            nTest = test.count;
        }
        if (train.fraction != null) {
            nTrain = Math.floor(train.fraction * nSamples);
        } else if (train.count != null) {
            nTrain = train.count;
        }
        if (train.isNone()) {
            nTrain = nSamples - nTest;
        } else if (test.isNone()) {
            nTest = nSamples - nTrain;
        }
        if (nTrain + nTest > nSamples) {
            throw new IllegalArgumentException("The sum of train_size and test_size = " + (long) (nTrain + nTest)
                    + ", should be smaller than the number of samples " + nSamples
                    + ". Reduce test_size and/or train_size.");
        }
        if ((int) nTrain == 0) {
            throw new IllegalArgumentException("With n_samples=" + nSamples + ", test_size=" + test + " and train_size="
                    + train + ", the resulting train set will be empty. Adjust any of the aforementioned parameters.");
        }
        return new int[] {(int) nTrain, (int) nTest};
    }

    private static void check(SplitSize s, int nSamples, String name) {
        boolean bad = s.count != null && (s.count >= nSamples || s.count <= 0)
                || s.fraction != null && (s.fraction <= 0 || s.fraction >= 1 || s.fraction.isNaN());
        if (bad) {
            throw new IllegalArgumentException(name + "=" + s + " should be either positive and smaller than the number "
                    + "of samples " + nSamples + " or a float in the (0, 1) range");
        }
    }
}
