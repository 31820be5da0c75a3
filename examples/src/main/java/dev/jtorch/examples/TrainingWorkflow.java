package dev.jtorch.examples;

import dev.jtorch.Mode;

import dev.jtorch.Device;
import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.amp.GradScaler;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Dropout;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import dev.jtorch.optim.lr.ReduceLROnPlateau;
import dev.jtorch.optim.lr.StepLR;
import dev.jtorch.serve.ProgressServer;
import dev.jtorch.train.Checkpoint;
import dev.jtorch.train.ProgressBar;
import dev.jtorch.train.RunDirectory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 000's training workflow ({@code shared/reference/seed000_training_workflow.py}), line by line: synthetic
 * data, a classifier with dropout, cross-entropy, Adam with weight decay, ReduceLROnPlateau, autocast and
 * GradScaler switched on only for CUDA, 30 epochs. Standard output is the Python script's output, digit for digit;
 * everything else goes to standard error.
 *
 * <p>Flags: {@code --seed}, {@code --epochs}, the chapter's mini-challenge {@code --optimizer sgd} (momentum 0.9,
 * weight decay 1e-5) and {@code --scheduler step} (StepLR, step 10, gamma 0.1), {@code --run-dir} (where the run
 * directory goes: config, metrics per epoch, a checkpoint each epoch and the best one), and {@code --serve}
 * ({@code --host}, {@code --port}, token in {@code $JTORCH_TOKEN}) for the live progress page.
 */
@Command(name = "TrainingWorkflow", mixinStandardHelpOptions = true, versionProvider = ExampleVersion.class,
        description = "Seed 000's training workflow, printing what the Python tutorial prints.")
public final class TrainingWorkflow implements Callable<Integer> {

    @Option(names = "--seed", description = "torch.manual_seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--epochs", description = "number of epochs (default ${DEFAULT-VALUE})")
    int numEpochs = 30;

    @Option(names = "--optimizer", description = "adam or sgd (default ${DEFAULT-VALUE})")
    String optimizerName = "adam";

    @Option(names = "--scheduler", description = "plateau or step (default ${DEFAULT-VALUE})")
    String schedulerName = "plateau";

    @Option(names = "--run-dir", description = "where run directories are written (default ${DEFAULT-VALUE})")
    Path runsRoot = Path.of("runs");

    @Option(names = "--serve", negatable = true,
            description = "serve the live progress page while training, and after it until interrupted")
    boolean serve;

    @Option(names = "--host", description = "address of the progress page (default ${DEFAULT-VALUE}); any other "
            + "than loopback needs the access token in $JTORCH_TOKEN")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port of the progress page (default ${DEFAULT-VALUE}; 0 picks one)")
    int port = 8080;

    private final PrintStream out;

    TrainingWorkflow(PrintStream out) {
        this.out = out;
    }

    /** Runs the workflow with command-line flags. */
    public static void main(String[] args) {
        int code = run(args, System.out);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the workflow, printing the tutorial's output to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return new CommandLine(new TrainingWorkflow(out)).execute(args);
    }

    /** Seed 000's model. */
    static class SimpleClassifier extends Module {
        Linear fc1;
        ReLU relu;
        Dropout dropout;
        Linear fc2;

        SimpleClassifier(int inputDim, int hiddenDim, int outputDim, double dropoutProb) {
            fc1 = new Linear(inputDim, hiddenDim);
            relu = new ReLU();
            dropout = new Dropout(dropoutProb); // Dropout layer for regularization
            fc2 = new Linear(hiddenDim, outputDim);
        }

        SimpleClassifier(int inputDim, int hiddenDim, int outputDim) {
            this(inputDim, hiddenDim, outputDim, 0.5);
        }

        @Override
        public Tensor forward(Tensor x) {
            x = fc1.forward(x);
            x = relu.forward(x);
            x = dropout.forward(x); // Apply dropout
            x = fc2.forward(x);
            return x;
        }
    }

    static double[] trainOneEpoch(Module model, Iterable<Batch> dataloader, CrossEntropyLoss criterion,
            Optimizer optimizer, GradScaler scaler, Device device) {
        model.train(); // Set model to training mode (enables dropout, etc.)
        double runningLoss = 0.0;
        long correctPredictions = 0;
        long totalSamples = 0;
        for (Batch batch : dataloader) {
            Tensor inputs = batch.get(0).to(device);
            Tensor labels = batch.get(1).to(device);
            optimizer.zeroGrad(); // Step 5: Zero gradients
            Tensor outputs;
            Tensor loss;
            try (var ac = Torch.autocast(device, device.isCuda())) { // Only enable if on GPU
                outputs = model.forward(inputs);
                loss = criterion.forward(outputs, labels); // Step 2: Loss calculation
            }
            if (device.isCuda()) {
                scaler.scale(loss).backward();
                scaler.step(optimizer);
                scaler.update();
            } else { // Regular backward pass for CPU
                loss.backward();
                optimizer.step();
            }
            runningLoss += loss.item() * inputs.size(0);
            Tensor predicted = Torch.max(outputs.data(), 1).indices();
            totalSamples += labels.size(0);
            correctPredictions += predicted.eq(labels).sum().itemLong();
        }
        double epochLoss = runningLoss / totalSamples;
        double epochAccuracy = (double) correctPredictions / totalSamples;
        return new double[] {epochLoss, epochAccuracy};
    }

    static double[] validateOneEpoch(Module model, Iterable<Batch> dataloader, CrossEntropyLoss criterion,
            Device device) {
        model.eval(); // Set model to evaluation mode (disables dropout, batch norm updates)
        double runningLoss = 0.0;
        long correctPredictions = 0;
        long totalSamples = 0;
        try (var g = Torch.noGrad()) { // Disable gradient calculation for validation
            for (Batch batch : dataloader) {
                Tensor inputs = batch.get(0).to(device);
                Tensor labels = batch.get(1).to(device);
                Tensor outputs;
                Tensor loss;
                try (var ac = Torch.autocast(device, device.isCuda())) {
                    outputs = model.forward(inputs);
                    loss = criterion.forward(outputs, labels);
                }
                runningLoss += loss.item() * inputs.size(0);
                Tensor predicted = Torch.max(outputs.data(), 1).indices();
                totalSamples += labels.size(0);
                correctPredictions += predicted.eq(labels).sum().itemLong();
            }
        }
        double epochLoss = runningLoss / totalSamples;
        double epochAccuracy = (double) correctPredictions / totalSamples;
        return new double[] {epochLoss, epochAccuracy};
    }

    @Override
    public Integer call() {
        if (!optimizerName.equals("adam") && !optimizerName.equals("sgd")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--optimizer must be adam or sgd");
        }
        if (!schedulerName.equals("plateau") && !schedulerName.equals("step")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--scheduler must be plateau or step");
        }
        // the progress server first: a refused address (say 0.0.0.0 without a token) throws before a run exists
        ProgressServer server = serve ? newServer() : null;
        Torch.manualSeed(seed);
        Device device = Torch.device(Torch.cudaIsAvailable() ? "cuda" : "cpu");
        out.println("Using device: " + device);
        int numSamples = 1000;
        int numFeatures = 10;
        Tensor X = Torch.randn(numSamples, numFeatures);
        Tensor trueWeights = Torch.randn(numFeatures, 1);
        Tensor trueBias = Torch.randn(1);
        Tensor logits = X.matmul(trueWeights).add(trueBias).add(Torch.randn(numSamples, 1).mul(0.5)); // noise
        Tensor y = logits.sigmoid().gt(0.5).toLong().squeeze(); // Convert to binary labels (0 or 1)
        double trainRatio = 0.8;
        int trainSize = (int) (numSamples * trainRatio);
        Tensor xTrain = X.index(":" + trainSize);
        Tensor xVal = X.index(trainSize + ":");
        Tensor yTrain = y.index(":" + trainSize);
        Tensor yVal = y.index(trainSize + ":");
        int batchSize = 64;
        TensorDataset trainDataset = new TensorDataset(xTrain, yTrain);
        var trainLoader = new DataLoader<>(trainDataset, new DataLoader.Options().batchSize(batchSize).shuffle(true));
        TensorDataset valDataset = new TensorDataset(xVal, yVal);
        var valLoader = new DataLoader<>(valDataset, new DataLoader.Options().batchSize(batchSize).shuffle(false));
        out.println("Training samples: " + trainDataset.size() + ", Validation samples: " + valDataset.size());

        int inputDim = numFeatures;
        int hiddenDim = 64;
        int outputDim = 2; // For binary classification (two classes: 0 and 1)
        SimpleClassifier model = new SimpleClassifier(inputDim, hiddenDim, outputDim);
        model.to(device);
        out.println("\nModel Architecture:");
        out.println(model);

        CrossEntropyLoss criterion = new CrossEntropyLoss();
        double learningRate = 0.001;
        double weightDecay = 1e-5; // Small L2 regularization to prevent overfitting
        Optimizer optimizer = optimizerName.equals("adam")
                ? new Adam(model.parameters(), new Adam.Options(learningRate).weightDecay(weightDecay))
                : new SGD(model.parameters(), new SGD.Options(learningRate).momentum(0.9).weightDecay(weightDecay));
        ReduceLROnPlateau plateau = schedulerName.equals("plateau") ? new ReduceLROnPlateau(optimizer,
                new ReduceLROnPlateau.Options().mode(Mode.MIN).factor(0.1).patience(5)) : null;
        StepLR stepLr = schedulerName.equals("step")
                ? new StepLR(optimizer, new StepLR.Options(10).gamma(0.1)) : null;

        GradScaler scaler = new GradScaler(device.isCuda()); // Only enable if on GPU
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", seed);
        config.put("device", device.toString());
        config.put("model", model.toString());
        config.put("total_epochs", numEpochs);
        config.put("batches_per_epoch", trainLoader.size());
        config.put("optimizer", optimizerName);
        config.put("scheduler", schedulerName);
        config.put("lr", learningRate);
        config.put("weight_decay", weightDecay);
        config.put("batch_size", batchSize);
        RunDirectory run = RunDirectory.create(runsRoot, "seed000-training-workflow", config);
        System.err.println("Run directory: " + run.path());
        if (server != null) {
            server.attach(run);
            server.start();
        }
        try {
            out.println("\nStarting Training...");
            double bestValLoss = Double.POSITIVE_INFINITY;
            for (int epoch = 0; epoch < numEpochs; epoch++) {
                double lrBefore = optimizer.paramGroups().get(0).lr();
                Iterable<Batch> batches = tracked(trainLoader, run, epoch + 1, numEpochs);
                double[] train = trainOneEpoch(model, batches, criterion, optimizer, scaler, device);
                double[] val = validateOneEpoch(model, valLoader, criterion, device);
                if (plateau != null) {
                    plateau.step(val[0]);
                } else {
                    stepLr.step();
                }
                out.println("Epoch " + (epoch + 1) + "/" + numEpochs + ":");
                out.println("  Train Loss: " + PyFormat.fixed(train[0], 4) + ", Train Acc: " + PyFormat.fixed(train[1], 4));
                out.println("  Val Loss:   " + PyFormat.fixed(val[0], 4) + ", Val Acc:   " + PyFormat.fixed(val[1], 4));
                out.println("  Current LR: " + PyFormat.fixed(optimizer.paramGroups().get(0).lr(), 6));
                record(run, epoch + 1, train, val, lrBefore, optimizer.paramGroups().get(0).lr());
                Checkpoint ckpt = new Checkpoint().epoch(epoch + 1).model(model).optimizer(optimizer).scaler(scaler)
                        .loss(val[0]);
                if (plateau != null) {
                    ckpt.scheduler(plateau);
                } else {
                    ckpt.scheduler(stepLr);
                }
                Path file = run.checkpointsDir().resolve(String.format("epoch_%03d.pt", epoch + 1));
                ckpt.save(file);
                run.checkpointWritten(file, epoch + 1);
                if (val[0] < bestValLoss) {
                    bestValLoss = val[0];
                    Path best = run.checkpointsDir().resolve("best.pt");
                    ckpt.save(best);
                    run.checkpointWritten(best, epoch + 1);
                    run.logEvent(RunDirectory.BEST_EPOCH, epoch + 1, Map.of("val_loss", val[0]));
                }
            }
            run.markFinished();
        } catch (RuntimeException | Error e) {
            run.markFailed(e);
            throw e;
        }
        out.println("\nTraining Complete!");
        if (server != null) {
            server.serveUntilInterrupted();
            server.close();
        }
        return 0;
    }

    /**
     * The progress page's server, not yet started (a port in use or a browser gone never stops training); throws
     * if the address is refused, before any run directory is created.
     */
    private ProgressServer newServer() {
        ProgressServer.Options options = new ProgressServer.Options().host(host).port(port);
        String token = System.getenv("JTORCH_TOKEN");
        if (token != null && !token.isBlank()) {
            options.token(token.strip());
        }
        return new ProgressServer(runsRoot, options);
    }

    /** The loader's batches, reporting progress to the run directory (and a console bar on a terminal). */
    static Iterable<Batch> tracked(DataLoader<?> loader, RunDirectory run, int epoch, int numEpochs) {
        return () -> {
            var it = loader.iterator();
            long start = System.nanoTime();
            int total = (int) loader.size();
            ProgressBar bar = new ProgressBar("Epoch " + epoch + "/" + numEpochs, total);
            return new java.util.Iterator<>() {
                int batch;
                long samples;

                @Override
                public boolean hasNext() {
                    boolean more = it.hasNext();
                    if (!more) {
                        bar.close();
                    }
                    return more;
                }

                @Override
                public Batch next() {
                    Batch b = it.next();
                    batch++;
                    samples += b.get(0).size(0);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    run.progress(epoch, numEpochs, batch, total, seconds > 0 ? samples / seconds : 0);
                    bar.step();
                    return b;
                }
            };
        };
    }

    /** Writes the epoch's metrics and a learning-rate event when the scheduler changed it. */
    private static void record(RunDirectory run, int epoch, double[] train, double[] val, double lrBefore,
            double lrAfter) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("train_loss", train[0]);
        values.put("train_acc", train[1]);
        values.put("val_loss", val[0]);
        values.put("val_acc", val[1]);
        values.put("lr", lrAfter);
        run.logEpoch(epoch, values);
        if (lrAfter != lrBefore) {
            run.logEvent(RunDirectory.LR_REDUCED, epoch, Map.of("from", lrBefore, "to", lrAfter));
        }
    }
}
