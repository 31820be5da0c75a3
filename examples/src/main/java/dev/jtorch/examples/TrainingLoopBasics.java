package dev.jtorch.examples;

import dev.jtorch.Device;
import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import dev.jtorch.train.ProgressBar;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 003 ("Mastering the Art of Training Neural Networks in PyTorch"), whose tutorial has no code, only its flow
 * chart: load data, build model, the training loop (forward pass, loss, backpropagation, weight update) and the
 * evaluation on unseen data with accuracy and precision. Line by line as its Python twin
 * {@code src/test/python/seed003_training_loop.py}, printing the same text, digit for digit; a progress bar (the
 * role of tqdm, absent from the Python twin) goes to standard error when it is a terminal.
 *
 * <p>Flags: {@code --seed}, {@code --epochs}, {@code --lr}, {@code --batch-size}, {@code --num-workers}.
 */
@Command(name = "TrainingLoopBasics", mixinStandardHelpOptions = true, versionProvider = ExampleVersion.class,
        description = "Seed 003's training loop, printing what its Python twin prints.")
public final class TrainingLoopBasics implements Callable<Integer> {

    @Option(names = "--seed", description = "torch.manual_seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--epochs", description = "number of epochs (default ${DEFAULT-VALUE})")
    int epochs = 10;

    @Option(names = "--lr", description = "SGD learning rate (default ${DEFAULT-VALUE})")
    double lr = 0.1;

    @Option(names = "--batch-size", description = "mini-batch size (default ${DEFAULT-VALUE})")
    int batchSize = 32;

    @Option(names = "--num-workers", description = "DataLoader workers for the training data (default ${DEFAULT-VALUE})")
    int numWorkers = 0;

    private final PrintStream out;

    TrainingLoopBasics(PrintStream out) {
        this.out = out;
    }

    /** Runs the example with command-line flags. */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the example, printing the tutorial's output to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return new CommandLine(new TrainingLoopBasics(out)).execute(args);
    }

    // --- Build Model ---
    static class NeuralNetwork extends Module {
        Sequential layers;

        NeuralNetwork(int inputDim, int hiddenDim, int outputDim) {
            layers = new Sequential(
                    new Linear(inputDim, hiddenDim),
                    new ReLU(),
                    new Linear(hiddenDim, outputDim));
        }

        @Override
        public Tensor forward(Tensor x) {
            return layers.forward(x);
        }
    }

    @Override
    public Integer call() {
        Torch.manualSeed(seed);
        // GPU acceleration: move the model and the data to the GPU when there is one
        Device device = Torch.device(Torch.cudaIsAvailable() ? "cuda" : "cpu");

        // --- Load Data ---
        // A dataset stores samples and their labels: 3 classes of 8 features (synthetic, from the seed)
        int numSamples = 600, numFeatures = 8, numClasses = 3;
        Tensor X = Torch.randn(numSamples, numFeatures);
        Tensor trueWeights = Torch.randn(numFeatures, numClasses);
        Tensor y = Torch.argmax(X.matmul(trueWeights).add(Torch.randn(numSamples, numClasses).mul(0.5)), 1);
        TensorDataset trainDataset = new TensorDataset(X.index(":500"), y.index(":500"));
        TensorDataset testDataset = new TensorDataset(X.index("500:"), y.index("500:")); // data the model never sees during training
        // A dataloader batches the samples into mini batches, shuffles them, and can load them in parallel
        var trainLoader = new DataLoader<>(trainDataset,
                new DataLoader.Options().batchSize(batchSize).shuffle(true).numWorkers(numWorkers));
        var testLoader = new DataLoader<>(testDataset, new DataLoader.Options().batchSize(batchSize).shuffle(false));
        out.println("Training samples: " + trainDataset.size() + ", Test samples: " + testDataset.size());

        NeuralNetwork model = new NeuralNetwork(numFeatures, 32, numClasses);
        model.to(device);
        out.println(model);
        CrossEntropyLoss lossFn = new CrossEntropyLoss(); // how far off the model's guesses are
        Optimizer optimizer = new SGD(model.parameters(), new SGD.Options(lr)); // the learning rate sets the size of the adjustments

        // --- Training Loop (for each epoch) ---
        int numEpochs = epochs; // an epoch means the model sees the entire dataset once
        for (int epoch = 0; epoch < numEpochs; epoch++) {
            model.train();
            double runningLoss = 0.0;
            try (var bar = new ProgressBar("Epoch " + (epoch + 1) + "/" + numEpochs, trainLoader.size())) { // Java extra: tqdm's role, on stderr
                for (Batch batch : trainLoader) {
                    Tensor inputs = batch.get(0).to(device);
                    Tensor labels = batch.get(1).to(device);
                    Tensor outputs = model.forward(inputs); // 1. Forward pass: make predictions
                    Tensor loss = lossFn.forward(outputs, labels); // 2. Calculate loss
                    optimizer.zeroGrad();
                    loss.backward(); // 3. Backpropagation: calculate gradients
                    optimizer.step(); // 4. Optimize weights
                    runningLoss += loss.item() * inputs.size(0);
                    bar.setPostfix("loss", loss.item());
                    bar.step();
                }
            }
            out.println("Epoch " + (epoch + 1) + "/" + numEpochs + ", Loss: "
                    + PyFormat.fixed(runningLoss / trainDataset.size(), 4));
        }

        // --- Evaluate Model --- on data it has never seen: accuracy and precision
        model.eval();
        List<Tensor> allPreds = new ArrayList<>(), allLabels = new ArrayList<>();
        try (var g = Torch.noGrad()) {
            for (Batch batch : testLoader) {
                Tensor inputs = batch.get(0).to(device);
                Tensor labels = batch.get(1).to(device);
                Tensor outputs = model.forward(inputs);
                allPreds.add(outputs.argmax(1).keep()); // keep: outlives the batch's scope
                allLabels.add(labels.keep());
            }
        }
        Tensor preds = Torch.cat(allPreds);
        Tensor targets = Torch.cat(allLabels);
        double accuracy = preds.eq(targets).toFloat().mean().item();
        out.println("Test Accuracy: " + PyFormat.fixed(accuracy, 4));
        List<Double> precisions = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            long predictedC = preds.eq(c).sum().itemLong();
            long truePositives = preds.eq(c).logicalAnd(targets.eq(c)).sum().itemLong();
            double precision = predictedC > 0 ? (double) truePositives / predictedC : 0.0;
            precisions.add(precision);
            out.println("  Precision of class " + c + ": " + PyFormat.fixed(precision, 4));
        }
        double sum = 0;
        for (double p : precisions) {
            sum += p;
        }
        out.println("Test Precision (macro): " + PyFormat.fixed(sum / numClasses, 4));
        return 0;
    }
}
