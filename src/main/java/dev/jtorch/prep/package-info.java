/**
 * scikit-learn-shaped data preparation in pure Java, giving the same numbers as NumPy 1.24 and scikit-learn 1.2
 * for the same arguments and seeds: NumPy's legacy {@link dev.jtorch.prep.RandomState},
 * {@code make_classification} ({@link dev.jtorch.prep.Datasets}), {@code train_test_split}
 * ({@link dev.jtorch.prep.ModelSelection}), the cross-validators {@link dev.jtorch.prep.KFold},
 * {@link dev.jtorch.prep.StratifiedKFold}, {@link dev.jtorch.prep.ShuffleSplit},
 * {@link dev.jtorch.prep.StratifiedShuffleSplit}, and {@link dev.jtorch.prep.StandardScaler}.
 *
 * <pre>{@code
 * LabeledData d = Datasets.makeClassification(1000, 2, new MakeClassification.Options()
 *         .nInformative(2).nRedundant(0).nClustersPerClass(1).randomState(42));
 * var split = ModelSelection.trainTestSplit(d.x(), d.y(),
 *         new TrainTestSplit.Options().testSize(0.2).randomState(42));
 * StandardScaler scaler = new StandardScaler();
 * double[][] xTrain = scaler.fitTransform(split.xTrain());
 * double[][] xTest = scaler.transform(split.xTest());
 * }</pre>
 *
 * <p>Bad arguments raise {@link java.lang.IllegalArgumentException} with scikit-learn's message.
 */
package dev.jtorch.prep;
