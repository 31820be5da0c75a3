package dev.jtorch.prep;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import java.util.Arrays;
import java.util.Objects;

/**
 * scikit-learn's {@code sklearn.model_selection.train_test_split}; the cross-validators are the classes
 * {@link KFold}, {@link StratifiedKFold}, {@link ShuffleSplit} and {@link StratifiedShuffleSplit}.
 *
 * <p>{@code X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)} is
 * {@code var s = ModelSelection.trainTestSplit(X, y, new TrainTestSplit.Options().testSize(0.2).randomState(42))}
 * and then {@code s.xTrain()}, {@code s.xTest()}, {@code s.yTrain()}, {@code s.yTest()}.
 *
 * <p>Mirrors scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.model_selection.train_test_split.html">sklearn.model_selection.train_test_split</a>.
 */
public final class ModelSelection {
    private ModelSelection() {}

    /**
     * The row indices {@code train_test_split} takes for {@code n_samples} rows: a {@link ShuffleSplit} (or
     * {@link StratifiedShuffleSplit} with {@code stratify}) of one split, or the first and last rows without
     * shuffling.
     */
    public static Split trainTestSplitIndices(int nSamples, TrainTestSplit.Options o) {
        int[] sizes = SplitSize.validate(nSamples, o.testSize, o.trainSize, 0.25);
        int nTrain = sizes[0];
        int nTest = sizes[1];
        if (!o.shuffle) {
            if (o.stratify != null) {
                throw new IllegalArgumentException("Stratified train/test split is not implemented for shuffle=False");
            }
            int[] train = new int[nTrain];
            int[] test = new int[nTest];
            Arrays.setAll(train, i -> i);
            Arrays.setAll(test, i -> nTrain + i);
            return new Split(train, test);
        }
        if (o.stratify != null) {
            Validation.checkConsistentLength(nSamples, o.stratify.length);
            return new StratifiedShuffleSplit(1, SplitSize.of(nTest), SplitSize.of(nTrain), o.randomState)
                    .split(o.stratify).get(0);
        }
        return new ShuffleSplit(1, SplitSize.of(nTest), SplitSize.of(nTrain), o.randomState).split(nSamples).get(0);
    }

    /** {@code train_test_split(X, y, **options)} for features and integer labels. */
    public static TrainTestSplit<double[][], int[]> trainTestSplit(double[][] x, int[] y, TrainTestSplit.Options o) {
        Validation.checkConsistentLength(x.length, y.length);
        Split s = trainTestSplitIndices(x.length, o);
        return new TrainTestSplit<>(rows(x, s.train()), rows(x, s.test()), take(y, s.train()), take(y, s.test()), s);
    }

    /** {@code train_test_split(X, y, **options)} for features and int64 labels. */
    public static TrainTestSplit<double[][], long[]> trainTestSplit(double[][] x, long[] y, TrainTestSplit.Options o) {
        Validation.checkConsistentLength(x.length, y.length);
        Split s = trainTestSplitIndices(x.length, o);
        return new TrainTestSplit<>(rows(x, s.train()), rows(x, s.test()), take(y, s.train()), take(y, s.test()), s);
    }

    /** {@code train_test_split(X, y, **options)} for features and real-valued targets. */
    public static TrainTestSplit<double[][], double[]> trainTestSplit(double[][] x, double[] y,
            TrainTestSplit.Options o) {
        Validation.checkConsistentLength(x.length, y.length);
        Split s = trainTestSplitIndices(x.length, o);
        return new TrainTestSplit<>(rows(x, s.train()), rows(x, s.test()), take(y, s.train()), take(y, s.test()), s);
    }

    /**
     * {@code train_test_split(X, y, **options)} for tensors, split along their first dimension (the tutorials
     * split {@code torch.tensor}s this way). The four tensors are made in the current {@link dev.jtorch.TensorScope}.
     */
    public static TrainTestSplit<Tensor, Tensor> trainTestSplit(Tensor x, Tensor y, TrainTestSplit.Options o) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        int n = Math.toIntExact(x.dim() == 0 ? 0 : x.size(0));
        Validation.checkConsistentLength(n, Math.toIntExact(y.dim() == 0 ? 0 : y.size(0)));
        Split s = trainTestSplitIndices(n, o);
        Tensor train = Torch.tensor(Labels.toLong(s.train()));
        Tensor test = Torch.tensor(Labels.toLong(s.test()));
        return new TrainTestSplit<>(x.index(train), x.index(test), y.index(train), y.index(test), s);
    }

    static double[][] rows(double[][] x, int[] idx) {
        double[][] out = new double[idx.length][];
        for (int i = 0; i < idx.length; i++) {
            out[i] = x[idx[i]].clone();
        }
        return out;
    }

    static int[] take(int[] y, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }

    static long[] take(long[] y, int[] idx) {
        long[] out = new long[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }

    static double[] take(double[] y, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = y[idx[i]];
        }
        return out;
    }
}
