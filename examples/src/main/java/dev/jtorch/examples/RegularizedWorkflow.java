package dev.jtorch.examples;

import dev.jtorch.Mode;

import dev.jtorch.Device;
import dev.jtorch.Generator;
import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.Data;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.Subset;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.BatchNorm1d;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Dropout;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.lr.ReduceLROnPlateau;
import dev.jtorch.train.EarlyStopping;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 004's regularized training workflow ("a simplified PyTorch structure"), line by line as its Python twin
 * {@code src/test/python/seed004_regularized.py}: weight decay (Adam's {@code weight_decay}), dropout and batch
 * normalisation in the model, ReduceLROnPlateau on the validation loss, early stopping (pytorchtools' messages)
 * that saves the best weights to a checkpoint, which is loaded back for the final test evaluation. Standard output
 * is the Python script's output, digit for digit.
 *
 * <p>Flags: {@code --seed}, {@code --epochs}, {@code --patience} (early stopping), {@code --dropout},
 * {@code --weight-decay}, {@code --checkpoint} (where early stopping saves the best weights).
 */
@Command(name = "RegularizedWorkflow", mixinStandardHelpOptions = true, versionProvider = ExampleVersion.class,
        description = "Seed 004's regularized workflow, printing what its Python twin prints.")
public final class RegularizedWorkflow implements Callable<Integer> {

    @Option(names = "--seed", description = "torch.manual_seed and the split's generator (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--epochs", description = "maximum number of epochs (default ${DEFAULT-VALUE})")
    int epochs = 50;

    @Option(names = "--patience", description = "early stopping patience (default ${DEFAULT-VALUE})")
    int patience = 10;

    @Option(names = "--dropout", description = "dropout probability (default ${DEFAULT-VALUE})")
    double dropout = 0.5;

    @Option(names = "--weight-decay", description = "Adam's L2 penalty (default ${DEFAULT-VALUE})")
    double weightDecay = 1e-5;

    @Option(names = "--checkpoint", description = "best-weights checkpoint (default ${DEFAULT-VALUE})")
    Path checkpoint = Path.of("checkpoint.pt");

    private final PrintStream out;

    RegularizedWorkflow(PrintStream out) {
        this.out = out;
    }

    /** Runs the workflow with command-line flags. */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the workflow, printing the tutorial's output to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return new CommandLine(new RegularizedWorkflow(out)).execute(args);
    }

    static class YourModel extends Module {
        Sequential net;

        YourModel(int inputDim, int hiddenDim, int numClasses, double dropoutP) {
            net = new Sequential(
                    new Linear(inputDim, hiddenDim),
                    new BatchNorm1d(hiddenDim),
                    new ReLU(),
                    new Dropout(dropoutP),
                    new Linear(hiddenDim, hiddenDim),
                    new BatchNorm1d(hiddenDim),
                    new ReLU(),
                    new Dropout(dropoutP),
                    new Linear(hiddenDim, numClasses));
        }

        @Override
        public Tensor forward(Tensor x) {
            return net.forward(x);
        }
    }

    @Override
    public Integer call() {
        Torch.manualSeed(seed);
        Torch.setNumThreads(1); // BatchNorm's CPU kernel sums the batch per thread: one thread, the same numbers everywhere

        // Data preparation: a small, noisy synthetic problem (20 features, 3 classes) that a 64-unit network overfits,
        // split into training, validation and test sets; the training data is shuffled at the beginning of each epoch
        int numSamples = 300, numFeatures = 20, numClasses = 3;
        Tensor X = Torch.randn(numSamples, numFeatures);
        Tensor trueWeights = Torch.randn(numFeatures, numClasses);
        Tensor y = Torch.argmax(X.matmul(trueWeights).add(Torch.randn(numSamples, numClasses).mul(3.0)), 1);
        TensorDataset dataset = new TensorDataset(X, y);
        List<Subset<List<Tensor>>> splits = Data.randomSplit(dataset, new double[] {0.6, 0.2, 0.2},
                new Generator().manualSeed(seed));
        var trainSet = splits.get(0);
        var valSet = splits.get(1);
        var testSet = splits.get(2);
        var trainLoader = new DataLoader<>(trainSet, new DataLoader.Options().batchSize(32).shuffle(true));
        var valLoader = new DataLoader<>(valSet, new DataLoader.Options().batchSize(64));
        var testLoader = new DataLoader<>(testSet, new DataLoader.Options().batchSize(64));
        Device device = Torch.device(Torch.cudaIsAvailable() ? "cuda" : "cpu");

        // --- Configuration ---
        int numEpochs = epochs;
        double learningRate = 1e-3;
        double weightDecayL2 = weightDecay; // L2 penalty
        YourModel model = new YourModel(numFeatures, 64, numClasses, dropout); // Includes BatchNorm, Dropout etc.
        model.to(device);
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Optimizer optimizer = new Adam(model.parameters(), new Adam.Options(learningRate).weightDecay(weightDecayL2));
        // Optional: Learning rate scheduler
        ReduceLROnPlateau scheduler = new ReduceLROnPlateau(optimizer,
                new ReduceLROnPlateau.Options().mode(Mode.MIN).patience(5).factor(0.1));
        // Optional: Early stopping logic
        EarlyStopping earlyStopper = new EarlyStopping(new EarlyStopping.Options().patience(patience).verbose(true)
                .checkpointPath(checkpoint).out(out));
        // --- Training Loop ---
        for (int epoch = 0; epoch < numEpochs; epoch++) {
            // --- Training Phase ---
            model.train(); // Set model to training mode
            double runningTrainLoss = 0.0;
            for (Batch batch : trainLoader) {
                Tensor inputs = batch.get(0).to(device);
                Tensor labels = batch.get(1).to(device);
                optimizer.zeroGrad(); // 1. Clear gradients
                Tensor outputs = model.forward(inputs); // 2. Forward pass
                Tensor loss = criterion.forward(outputs, labels); // 3. Calculate loss
                loss.backward(); // 4. Backward pass (compute gradients)
                optimizer.step(); // 5. Update weights
                runningTrainLoss += loss.item();
            }
            double avgTrainLoss = runningTrainLoss / trainLoader.size();
            // --- Validation Phase ---
            model.eval(); // Set model to evaluation mode
            double runningValLoss = 0.0;
            try (var g = Torch.noGrad()) { // Disable gradient calculations
                for (Batch batch : valLoader) {
                    Tensor inputs = batch.get(0).to(device);
                    Tensor labels = batch.get(1).to(device);
                    Tensor outputs = model.forward(inputs);
                    Tensor loss = criterion.forward(outputs, labels);
                    runningValLoss += loss.item();
                }
            }
            double avgValLoss = runningValLoss / valLoader.size();
            out.println("Epoch [" + (epoch + 1) + "/" + numEpochs + "], "
                    + "Train Loss: " + PyFormat.fixed(avgTrainLoss, 4) + ", "
                    + "Val Loss: " + PyFormat.fixed(avgValLoss, 4));
            // --- Adjustments & Checks ---
            scheduler.step(avgValLoss); // Update LR based on validation loss
            // --- Early Stopping Check ---
            earlyStopper.step(avgValLoss, model);
            if (earlyStopper.earlyStop()) {
                out.println("Early stopping");
                break;
            }
        }
        // Load best model state saved by early stopping if applicable
        model.loadStateDict(stateDict(Torch.load(checkpoint)));
        // --- Final Test Evaluation (using test_loader) ---
        model.eval();
        double runningTestLoss = 0.0;
        long correct = 0, total = 0;
        try (var g = Torch.noGrad()) {
            for (Batch batch : testLoader) {
                Tensor inputs = batch.get(0).to(device);
                Tensor labels = batch.get(1).to(device);
                Tensor outputs = model.forward(inputs);
                runningTestLoss += criterion.forward(outputs, labels).item();
                correct += outputs.argmax(1).eq(labels).sum().itemLong();
                total += labels.size(0);
            }
        }
        out.println("Final LR: " + PyFormat.fixed(optimizer.paramGroups().get(0).lr(), 6));
        out.println("Test Loss: " + PyFormat.fixed(runningTestLoss / testLoader.size(), 4) + ", Test Accuracy: "
                + PyFormat.fixed((double) correct / total, 4));
        return 0;
    }

    /** What {@code torch.load} returns for a saved {@code model.state_dict()}, typed. */
    @SuppressWarnings("unchecked")
    static Map<String, Tensor> stateDict(Object loaded) {
        return (Map<String, Tensor>) loaded;
    }
}
