package dev.jtorch.examples;

import dev.jtorch.DType;
import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.BCEWithLogitsLoss;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.optim.Adam;
import dev.jtorch.prep.Datasets;
import dev.jtorch.prep.LabeledData;
import dev.jtorch.prep.MakeClassification;
import dev.jtorch.prep.ModelSelection;
import dev.jtorch.prep.StandardScaler;
import dev.jtorch.prep.TrainTestSplit;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 001's binary classifier ({@code shared/reference/seed001_binary_classifier.py}), line by line:
 * {@code make_classification}, {@code train_test_split}, {@code StandardScaler}, the scatter plot saved as PNG,
 * a two-layer network with {@code BCEWithLogitsLoss} and Adam, 100 epochs with test accuracy every 10. Standard
 * output is the Python script's output, digit for digit. Flags: {@code --seed} (torch's seed, default 42) and
 * {@code --lr} (default 0.01; the chapter's challenge tries 0.1 and 0.001), {@code --plot} (the PNG's path).
 */
@Command(name = "BinaryClassifier", mixinStandardHelpOptions = true, versionProvider = ExampleVersion.class,
        description = "Seed 001's binary classifier, printing what the Python tutorial prints.")
public final class BinaryClassifier implements Callable<Integer> {

    @Option(names = "--seed", description = "torch.manual_seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--lr", description = "learning rate (default ${DEFAULT-VALUE})")
    double lr = 0.01;

    @Option(names = "--plot", description = "where the scatter plot is saved (default ${DEFAULT-VALUE})")
    Path plot = Path.of("seed001_scatter.png");

    private final PrintStream out;

    BinaryClassifier(PrintStream out) {
        this.out = out;
    }

    /** Runs the example with command-line flags. */
    public static void main(String[] args) {
        int code = run(args, System.out);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the example, printing the tutorial's output to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return new CommandLine(new BinaryClassifier(out)).execute(args);
    }

    /** Seed 001's model. */
    static class SimpleClassifier extends Module {
        Linear layer1;
        ReLU relu;
        Linear outputLayer;

        SimpleClassifier(long inputDim) {
            layer1 = new Linear(inputDim, 10); // Input layer to hidden layer
            relu = new ReLU(); // Activation function
            outputLayer = registerModule("output_layer", new Linear(10, 1)); // Hidden layer to output layer
        }

        @Override
        public Tensor forward(Tensor x) {
            x = layer1.forward(x);
            x = relu.forward(x);
            x = outputLayer.forward(x);
            return x;
        }
    }

    @Override
    public Integer call() {
        Torch.manualSeed(seed);
        out.println("Generating synthetic dataset...");
        LabeledData data = Datasets.makeClassification(1000, 2, new MakeClassification.Options().nInformative(2)
                .nRedundant(0).nClustersPerClass(1).randomState(42));
        Tensor X = Torch.tensor(data.x(), DType.FLOAT32);
        Tensor y = Torch.tensor(data.y(), DType.FLOAT32).view(-1, 1); // Reshape for binary classification
        TrainTestSplit<Tensor, Tensor> split = ModelSelection.trainTestSplit(X, y,
                new TrainTestSplit.Options().testSize(0.2).randomState(42));
        Tensor xTrain = split.xTrain();
        Tensor xTest = split.xTest();
        Tensor yTrain = split.yTrain();
        Tensor yTest = split.yTest();
        StandardScaler scaler = new StandardScaler();
        Tensor xTrainScaled = Torch.tensor(scaler.fitTransform(xTrain), DType.FLOAT32);
        Tensor xTestScaled = Torch.tensor(scaler.transform(xTest), DType.FLOAT32);
        out.println("Training data shape: " + xTrainScaled.shape());
        out.println("Training labels shape: " + yTrain.shape());
        out.println("Data generation complete.");
        scatter(xTrainScaled, yTrain, plot);

        long inputDimension = xTrainScaled.shape().get(1);
        SimpleClassifier model = new SimpleClassifier(inputDimension);
        out.println("\nOur Simple Classifier Model:");
        out.println(model);
        BCEWithLogitsLoss criterion = new BCEWithLogitsLoss();
        double learningRate = lr;
        Adam optimizer = new Adam(model.parameters(), new Adam.Options(learningRate));
        out.println("\nLoss Function: " + criterion);
        out.println("Optimizer: " + optimizer);
        out.println("Initial Learning Rate: " + PyFormat.repr(learningRate));
        int numEpochs = 100;
        int batchSize = 32; // Let's use a batch size for demonstration
        TensorDataset trainDataset = new TensorDataset(xTrainScaled, yTrain);
        var trainLoader = new DataLoader<>(trainDataset, new DataLoader.Options().batchSize(batchSize).shuffle(true));
        TensorDataset testDataset = new TensorDataset(xTestScaled, yTest);
        var testLoader = new DataLoader<>(testDataset, new DataLoader.Options().batchSize(batchSize).shuffle(false));
        out.println("\nStarting training for " + numEpochs + " epochs with batch size " + batchSize + "...");
        for (int epoch = 0; epoch < numEpochs; epoch++) {
            model.train(); // Set the model to training mode
            double runningLoss = 0.0;
            for (Batch batch : trainLoader) {
                Tensor inputs = batch.get(0);
                Tensor labels = batch.get(1);
                optimizer.zeroGrad();
                Tensor outputs = model.forward(inputs);
                Tensor loss = criterion.forward(outputs, labels);
                loss.backward();
                optimizer.step();
                runningLoss += loss.item();
            }
            double avgTrainLoss = runningLoss / trainLoader.size();
            model.eval(); // Set the model to evaluation mode
            double testLoss = 0.0;
            double correctPredictions = 0;
            long totalSamples = 0;
            try (var g = Torch.noGrad()) { // Disable gradient calculation for evaluation
                for (Batch batch : testLoader) {
                    Tensor inputs = batch.get(0);
                    Tensor labels = batch.get(1);
                    Tensor outputs = model.forward(inputs);
                    Tensor loss = criterion.forward(outputs, labels);
                    testLoss += loss.item();
                    Tensor predictedProbs = outputs.sigmoid();
                    Tensor predictedClasses = predictedProbs.gt(0.5).toFloat();
                    correctPredictions += predictedClasses.eq(labels).sum().item();
                    totalSamples += labels.numel();
                }
            }
            double avgTestLoss = testLoss / testLoader.size();
            double accuracy = correctPredictions / totalSamples;
            if ((epoch + 1) % 10 == 0) { // Print every 10 epochs
                out.println("Epoch [" + (epoch + 1) + "/" + numEpochs + "], Train Loss: " + PyFormat.fixed(avgTrainLoss, 4)
                        + ", Test Loss: " + PyFormat.fixed(avgTestLoss, 4) + ", Test Accuracy: "
                        + PyFormat.fixed(accuracy, 4));
            }
        }
        out.println("\nTraining complete!");
        return 0;
    }

    /** The tutorial's scatter plot of the scaled training data, coloured by class, saved as PNG. */
    static void scatter(Tensor xScaled, Tensor labels, Path file) {
        float[] f1 = xScaled.index(":, 0").toFloatArray();
        float[] f2 = xScaled.index(":, 1").toFloatArray();
        float[] cls = labels.flatten().toFloatArray();
        XYChart chart = new XYChartBuilder().width(800).height(600)
                .title("Synthetic Dataset for Binary Classification")
                .xAxisTitle("Feature 1 (Scaled)").yAxisTitle("Feature 2 (Scaled)").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setPlotGridLinesVisible(true);
        Color[] viridis = {new Color(68, 1, 84, 178), new Color(253, 231, 37, 178)};
        for (int c = 0; c <= 1; c++) {
            java.util.List<Double> xs = new java.util.ArrayList<>();
            java.util.List<Double> ys = new java.util.ArrayList<>();
            for (int i = 0; i < cls.length; i++) {
                if ((int) cls[i] == c) {
                    xs.add((double) f1[i]);
                    ys.add((double) f2[i]);
                }
            }
            XYSeries s = chart.addSeries("Class " + c, xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(viridis[c]);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the plot to " + file, e);
        }
    }
}
