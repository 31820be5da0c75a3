package dev.jtorch.examples;

import dev.jtorch.Mode;

import dev.jtorch.DType;
import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.metrics.Metrics;
import dev.jtorch.nn.BCEWithLogitsLoss;
import dev.jtorch.nn.Module;
import dev.jtorch.optim.Adam;
import dev.jtorch.prep.Datasets;
import dev.jtorch.prep.KFold;
import dev.jtorch.prep.LabeledData;
import dev.jtorch.prep.MakeClassification;
import dev.jtorch.prep.ModelSelection;
import dev.jtorch.prep.Split;
import dev.jtorch.prep.StandardScaler;
import dev.jtorch.prep.TrainTestSplit;
import dev.jtorch.train.CrossValidation;
import dev.jtorch.train.HyperparameterSearch;
import dev.jtorch.train.SearchSpace;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The rest of seed 001's chapter, which the tutorial describes in prose: evaluation metrics on the test set
 * (sklearn.metrics), the learning-rate mini-challenge (0.1, 0.01, 0.001) as a grid search, and 5-fold
 * cross-validation, on seed 001's data and model. Its Python twin is {@code src/test/python/seed001_tuning.py};
 * standard output is the same, digit for digit. Flags: {@code --seed} (default 42), {@code --epochs} (default 30).
 */
@Command(name = "BinaryClassifierTuning", mixinStandardHelpOptions = true, versionProvider = ExampleVersion.class,
        description = "Seed 001's metrics, learning-rate search and cross-validation.")
public final class BinaryClassifierTuning implements Callable<Integer> {

    @Option(names = "--seed", description = "torch.manual_seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--epochs", description = "epochs per training (default ${DEFAULT-VALUE})")
    int epochs = 30;

    private final PrintStream out;

    BinaryClassifierTuning(PrintStream out) {
        this.out = out;
    }

    /** Runs the example with command-line flags. */
    public static void main(String[] args) {
        int code = run(args, System.out);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the example, printing to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return new CommandLine(new BinaryClassifierTuning(out)).execute(args);
    }

    static Module train(Tensor xTr, Tensor yTr, double learningRate, int numEpochs) {
        BinaryClassifier.SimpleClassifier model = new BinaryClassifier.SimpleClassifier(xTr.shape().get(1));
        BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
        Adam optimizer = new Adam(model.parameters(), new Adam.Options(learningRate));
        var loader = new DataLoader<>(new TensorDataset(xTr, yTr), new DataLoader.Options().batchSize(32).shuffle(true));
        for (int epoch = 0; epoch < numEpochs; epoch++) {
            model.train();
            for (Batch batch : loader) {
                optimizer.zeroGrad();
                Tensor loss = criterion.forward(model.forward(batch.get(0)), batch.get(1));
                loss.backward();
                optimizer.step();
            }
        }
        return model;
    }

    /** Predicted classes and probabilities. */
    record Predictions(long[] classes, double[] scores) {}

    static Predictions predict(Module model, Tensor xEval) {
        model.eval();
        Tensor probs;
        try (var g = Torch.noGrad()) {
            probs = model.forward(xEval).sigmoid().flatten();
        }
        return new Predictions(probs.gt(0.5).toLong().toLongArray(), probs.toDouble().toDoubleArray());
    }

    @Override
    public Integer call() {
        Torch.manualSeed(seed);
        LabeledData data = Datasets.makeClassification(1000, 2, new MakeClassification.Options().nInformative(2)
                .nRedundant(0).nClustersPerClass(1).randomState(42));
        Tensor X = Torch.tensor(data.x(), DType.FLOAT32);
        Tensor y = Torch.tensor(data.y(), DType.FLOAT32).view(-1, 1);
        TrainTestSplit<Tensor, Tensor> split = ModelSelection.trainTestSplit(X, y,
                new TrainTestSplit.Options().testSize(0.2).randomState(42));
        StandardScaler scaler = new StandardScaler();
        Tensor xTrainScaled = Torch.tensor(scaler.fitTransform(split.xTrain()), DType.FLOAT32);
        Tensor xTestScaled = Torch.tensor(scaler.transform(split.xTest()), DType.FLOAT32);
        Tensor yTrain = split.yTrain();

        out.println("Evaluation metrics (learning rate 0.01):");
        Module model = train(xTrainScaled, yTrain, 0.01, epochs);
        long[] yTrue = split.yTest().flatten().toLong().toLongArray();
        Predictions p = predict(model, xTestScaled);
        out.println("  Accuracy:  " + PyFormat.fixed(Metrics.accuracyScore(yTrue, p.classes()), 4));
        out.println("  Precision: " + PyFormat.fixed(Metrics.precisionScore(yTrue, p.classes()), 4));
        out.println("  Recall:    " + PyFormat.fixed(Metrics.recallScore(yTrue, p.classes()), 4));
        out.println("  F1-score:  " + PyFormat.fixed(Metrics.f1Score(yTrue, p.classes()), 4));
        out.println("  ROC-AUC:   " + PyFormat.fixed(Metrics.rocAucScore(yTrue, p.scores()), 4));
        out.println("Confusion matrix:");
        out.println(numpyString(Metrics.confusionMatrix(yTrue, p.classes())));
        out.println(Metrics.classificationReport(yTrue, p.classes()));

        out.println("Learning-rate mini-challenge (grid search):");
        SearchSpace space = new SearchSpace().choice("lr", 0.1, 0.01, 0.001);
        HyperparameterSearch.Result results = HyperparameterSearch.grid(space, params -> {
            double lr = params.getDouble("lr");
            Predictions q = predict(train(xTrainScaled, yTrain, lr, epochs), xTestScaled);
            double acc = Metrics.accuracyScore(yTrue, q.classes());
            out.println("  lr=" + PyFormat.repr(lr) + ": test accuracy " + PyFormat.fixed(acc, 4));
            return acc;
        }, Mode.MAX);
        out.println("Best learning rate: " + PyFormat.repr(results.best().params().getDouble("lr")));

        out.println("5-fold cross-validation (learning rate 0.01):");
        List<CrossValidation.Fold> folds = new ArrayList<>();
        for (Split s : new KFold(5, true, 42).split((int) xTrainScaled.size(0))) {
            folds.add(new CrossValidation.Fold(toLong(s.train()), toLong(s.test())));
        }
        CrossValidation.Result cv = CrossValidation.run(folds, (fold, f) -> {
            Tensor trIdx = Torch.tensor(f.trainIndices());
            Tensor vaIdx = Torch.tensor(f.validationIndices());
            Module m = train(xTrainScaled.index(trIdx), yTrain.index(trIdx), 0.01, epochs);
            Predictions q = predict(m, xTrainScaled.index(vaIdx));
            double acc = Metrics.accuracyScore(yTrain.index(vaIdx).flatten().toLong().toLongArray(), q.classes());
            out.println("  Fold " + (fold + 1) + ": accuracy " + PyFormat.fixed(acc, 4));
            return acc;
        });
        out.println("Mean accuracy: " + PyFormat.fixed(cv.mean(), 4) + " (+/- " + PyFormat.fixed(cv.std(), 4) + ")");
        return 0;
    }

    private static long[] toLong(int[] a) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i];
        }
        return out;
    }

    /** NumPy's {@code str()} of an integer matrix: {@code [[99  5]\n [ 7 89]]}. */
    static String numpyString(long[][] m) {
        int width = 1;
        for (long[] row : m) {
            for (long v : row) {
                width = Math.max(width, Long.toString(v).length());
            }
        }
        StringBuilder b = new StringBuilder("[");
        for (int r = 0; r < m.length; r++) {
            b.append(r == 0 ? "[" : "\n [");
            for (int c = 0; c < m[r].length; c++) {
                String v = Long.toString(m[r][c]);
                b.append(c == 0 ? "" : " ").append(" ".repeat(width - v.length())).append(v);
            }
            b.append(']');
        }
        return b.append(']').toString();
    }
}
