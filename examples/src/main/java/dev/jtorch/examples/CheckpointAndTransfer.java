package dev.jtorch.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.Parameter;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.lr.CosineAnnealingLR;
import dev.jtorch.train.Checkpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 002 ("Model Training: The Glorious Grind"), whose tutorial gives the core loop as pseudocode and names the
 * practices around it, line by line as its Python twin {@code src/test/python/seed002_checkpoint_transfer.py}:
 * reproducibility (seeded random numbers, logged versions), experiment tracking (config and metrics as JSON lines
 * in the run directory, written with Jackson), a checkpoint every epoch and an exact resume after a simulated power
 * outage ({@link Checkpoint}), a cosine learning-rate schedule, and transfer learning: the pretrained weights (saved
 * by the pretraining itself, nothing is downloaded) are loaded, the early layer frozen and a new head fine-tuned,
 * then compared with training from scratch. Standard output is the Python script's output, digit for digit; the
 * run directory's path goes to standard error.
 *
 * <p>Flags: {@code --seed}, {@code --epochs} (pretraining), {@code --interrupt-after} (0: no interruption),
 * {@code --finetune-epochs}, {@code --lr}, {@code --run-dir} (default: a new temporary directory).
 */
@Command(name = "CheckpointAndTransfer", mixinStandardHelpOptions = true, versionProvider = ExampleVersion.class,
        description = "Seed 002's checkpointing, tracking and transfer learning, printing what its Python twin prints.")
public final class CheckpointAndTransfer implements Callable<Integer> {

    @Option(names = "--seed", description = "torch.manual_seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--epochs", description = "pretraining epochs (default ${DEFAULT-VALUE})")
    int epochs = 8;

    @Option(names = "--interrupt-after", description = "simulated power outage after this epoch, 0 for none "
            + "(default ${DEFAULT-VALUE})")
    int interruptAfter = 3;

    @Option(names = "--finetune-epochs", description = "fine-tuning epochs (default ${DEFAULT-VALUE})")
    int finetuneEpochs = 10;

    @Option(names = "--lr", description = "Adam's learning rate (default ${DEFAULT-VALUE})")
    double lr = 1e-3;

    @Option(names = "--run-dir", description = "where config, metrics and checkpoints go (default: a new temporary "
            + "directory)")
    Path runDir;

    private final PrintStream out;
    private final ObjectMapper json = new ObjectMapper();
    private Writer metricsFile;
    private final CrossEntropyLoss lossFn = new CrossEntropyLoss(); // cross-entropy for classification
    private DataLoader<?> srcTrainLoader;
    private DataLoader<?> srcValLoader;
    private Path checkpointPath;
    private static final int NUM_FEATURES = 16;
    private Tensor shared;

    CheckpointAndTransfer(PrintStream out) {
        this.out = out;
    }

    /** Runs the example with command-line flags. */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the example, printing the tutorial's output to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return new CommandLine(new CheckpointAndTransfer(out)).execute(args);
    }

    // --- Experiment tracking: one JSON line of metrics per epoch ---
    private void logMetrics(Object... keysAndValues) {
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            metrics.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            metricsFile.write(json.writeValueAsString(metrics) + "\n");
            metricsFile.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static class Net extends Module {
        Sequential backbone;
        Linear head;

        Net(int numClasses) {
            backbone = new Sequential(new Linear(NUM_FEATURES, 64), new ReLU(), new Linear(64, 64), new ReLU());
            head = new Linear(64, numClasses);
        }

        @Override
        public Tensor forward(Tensor x) {
            return head.forward(backbone.forward(x));
        }
    }

    double trainOneEpoch(Module model, DataLoader<?> trainLoader, Optimizer optimizer) {
        model.train();
        double totalLoss = 0.0;
        for (Batch batch : trainLoader) {
            Tensor xb = batch.get(0);
            Tensor yb = batch.get(1);
            Tensor preds = model.forward(xb);
            Tensor loss = lossFn.forward(preds, yb);
            loss.backward();        // compute gradients
            optimizer.step();       // update parameters
            optimizer.zeroGrad();   // clear gradients for next step
            totalLoss += loss.item() * xb.size(0);
        }
        return totalLoss / trainLoader.dataset().size();
    }

    double[] evaluate(Module model, DataLoader<?> valLoader) {
        model.eval();
        double totalLoss = 0.0;
        long correct = 0;
        try (var g = Torch.noGrad()) {
            for (Batch batch : valLoader) {
                Tensor xb = batch.get(0);
                Tensor yb = batch.get(1);
                Tensor preds = model.forward(xb);
                totalLoss += lossFn.forward(preds, yb).item() * xb.size(0);
                correct += preds.argmax(1).eq(yb).sum().itemLong();
            }
        }
        return new double[] {totalLoss / valLoader.dataset().size(), (double) correct / valLoader.dataset().size()};
    }

    // --- Pretraining on the source task: Adam, a cosine learning-rate schedule, a checkpoint every epoch ---
    record Pretraining(Net model, Optimizer optimizer, CosineAnnealingLR scheduler) {}

    Pretraining build() {
        Net model = new Net(4);
        Optimizer optimizer = new Adam(model.parameters(), new Adam.Options(lr));
        CosineAnnealingLR scheduler = new CosineAnnealingLR(optimizer, epochs);
        return new Pretraining(model, optimizer, scheduler);
    }

    void pretrain(Net model, Optimizer optimizer, CosineAnnealingLR scheduler, int startEpoch, int endEpoch) {
        for (int epoch = startEpoch; epoch < endEpoch; epoch++) {
            double trainLoss = trainOneEpoch(model, srcTrainLoader, optimizer);
            double[] val = evaluate(model, srcValLoader);
            double valLoss = val[0], valAcc = val[1];
            double lr = optimizer.paramGroups().get(0).lr();
            scheduler.step();
            out.println("Pretrain epoch " + (epoch + 1) + "/" + epochs + ": train loss " + PyFormat.fixed(trainLoss, 4)
                    + ", val loss " + PyFormat.fixed(valLoss, 4) + ", val acc " + PyFormat.fixed(valAcc, 4)
                    + ", lr " + PyFormat.fixed(lr, 6));
            logMetrics("phase", "pretrain", "epoch", epoch + 1, "train_loss", trainLoss, "val_loss", valLoss,
                    "val_acc", valAcc, "lr", lr);
            // Checkpointing: save progress so the model doesn't vanish with a power outage
            new Checkpoint()
                    .epoch(epoch + 1)
                    .model(model)
                    .optimizer(optimizer)
                    .scheduler(scheduler)
                    .loss(valLoss)
                    .put(Checkpoint.RNG_STATE, Torch.getRngState())
                    .save(checkpointPath);
        }
    }

    @Override
    public Integer call() throws IOException {
        if (epochs < 1 || finetuneEpochs < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--epochs and --finetune-epochs must be at least 1");
        }
        // --- Reproducibility: seed the RNGs, log the versions of the libraries ---
        Torch.manualSeed(seed);
        Path runDir = this.runDir != null ? this.runDir : Files.createTempDirectory("seed002-");
        Files.createDirectories(runDir);
        System.err.println("Run directory: " + runDir);
        int batchSize = 32;
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("seed", seed);
        config.put("epochs", epochs);
        config.put("interrupt_after", interruptAfter);
        config.put("finetune_epochs", finetuneEpochs);
        config.put("lr", lr);
        config.put("batch_size", batchSize);
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("java", System.getProperty("java.version"));
        versions.put("libtorch", Torch.version());
        config.put("versions", versions);
        Files.writeString(runDir.resolve("config.json"), json.writeValueAsString(config) + "\n");
        metricsFile = Files.newBufferedWriter(runDir.resolve("metrics.jsonl"));
        out.println("Seed: " + seed);

        // --- Data: a source task with plenty of data, and a small target task that shares its hidden features ---
        shared = Torch.randn(NUM_FEATURES, 8); // the hidden structure both tasks depend on
        Tensor[] src = makeTask(2000, 4);
        Tensor xSrc = src[0], ySrc = src[1];
        Tensor[] tgt = makeTask(300, 2);
        Tensor xTgt = tgt[0], yTgt = tgt[1];
        srcTrainLoader = new DataLoader<>(new TensorDataset(xSrc.index(":1600"), ySrc.index(":1600")),
                new DataLoader.Options().batchSize(batchSize).shuffle(true));
        srcValLoader = new DataLoader<>(new TensorDataset(xSrc.index("1600:"), ySrc.index("1600:")),
                new DataLoader.Options().batchSize(batchSize));
        var tgtTrainLoader = new DataLoader<>(new TensorDataset(xTgt.index(":100"), yTgt.index(":100")),
                new DataLoader.Options().batchSize(batchSize).shuffle(true));
        var tgtValLoader = new DataLoader<>(new TensorDataset(xTgt.index("100:"), yTgt.index("100:")),
                new DataLoader.Options().batchSize(batchSize));
        out.println("Source task: " + srcTrainLoader.dataset().size() + " training samples, target task: "
                + tgtTrainLoader.dataset().size());

        checkpointPath = runDir.resolve("checkpoint.pt");
        Pretraining p = build();
        int stop = 0 < interruptAfter && interruptAfter < epochs ? interruptAfter : epochs;
        pretrain(p.model(), p.optimizer(), p.scheduler(), 0, stop);
        if (stop < epochs) {
            out.println("Interrupted after epoch " + stop + " (a simulated power outage)");
            p = build(); // a fresh process would start here
            Checkpoint checkpoint = Checkpoint.load(checkpointPath);
            p.model().loadStateDict(checkpoint.modelStateDict());
            p.optimizer().loadStateDict(checkpoint.optimizerStateDict());
            p.scheduler().loadStateDict(checkpoint.schedulerStateDict());
            Torch.setRngState((Tensor) checkpoint.get(Checkpoint.RNG_STATE)); // the same shuffles as an uninterrupted run
            int startEpoch = checkpoint.epoch();
            out.println("Resumed from checkpoint.pt: epoch " + startEpoch + ", val loss "
                    + PyFormat.fixed(checkpoint.loss(), 4));
            pretrain(p.model(), p.optimizer(), p.scheduler(), startEpoch, epochs);
        }
        Path pretrainedPath = runDir.resolve("pretrained.pt");
        Torch.save(p.model().stateDict(), pretrainedPath);
        out.println("Saved the pretrained weights to pretrained.pt");

        // --- Transfer learning: load the pretrained model, freeze early layers, fine-tune a new head ---
        Net model = new Net(4); // the source task's architecture
        out.println(model.loadStateDict(stateDict(Torch.load(pretrainedPath))));
        for (Parameter param : model.backbone.get(0).parameters()) { // freeze the early layer
            param.requiresGrad_(false);
        }
        model.head = new Linear(64, 2); // a new head for the target task's 2 classes
        out.println(model);
        long trainable = model.parameters().stream().filter(Tensor::requiresGrad).mapToLong(Tensor::numel).sum();
        long total = model.parameters().stream().mapToLong(Tensor::numel).sum();
        out.println("Trainable parameters: " + trainable + " of " + total);
        Optimizer optimizer = new Adam(model.parameters().stream().filter(Tensor::requiresGrad).toList(),
                new Adam.Options(lr));
        double valAcc = 0;
        for (int epoch = 0; epoch < finetuneEpochs; epoch++) {
            double trainLoss = trainOneEpoch(model, tgtTrainLoader, optimizer);
            double[] val = evaluate(model, tgtValLoader);
            double valLoss = val[0];
            valAcc = val[1];
            out.println("Fine-tune epoch " + (epoch + 1) + "/" + finetuneEpochs + ": train loss "
                    + PyFormat.fixed(trainLoss, 4) + ", val loss " + PyFormat.fixed(valLoss, 4) + ", val acc "
                    + PyFormat.fixed(valAcc, 4));
            logMetrics("phase", "finetune", "epoch", epoch + 1, "train_loss", trainLoss, "val_loss", valLoss,
                    "val_acc", valAcc);
        }
        boolean frozen = Torch.equal(((Linear) model.backbone.get(0)).weight,
                stateDict(Torch.load(pretrainedPath)).get("backbone.0.weight"));
        out.println("Frozen layer unchanged: " + (frozen ? "True" : "False"));
        Torch.save(model.stateDict(), runDir.resolve("finetuned.pt"));

        // --- Baseline: the same network trained from scratch on the target task alone ---
        Net scratch = new Net(2);
        optimizer = new Adam(scratch.parameters(), new Adam.Options(lr));
        for (int epoch = 0; epoch < finetuneEpochs; epoch++) {
            trainOneEpoch(scratch, tgtTrainLoader, optimizer);
        }
        double[] scratchResult = evaluate(scratch, tgtValLoader);
        double scratchLoss = scratchResult[0], scratchAcc = scratchResult[1];
        logMetrics("phase", "scratch", "epoch", finetuneEpochs, "val_loss", scratchLoss, "val_acc", scratchAcc);
        out.println("Target task after " + finetuneEpochs + " epochs: fine-tuned val acc " + PyFormat.fixed(valAcc, 4)
                + ", from scratch val acc " + PyFormat.fixed(scratchAcc, 4));
        metricsFile.close();
        return 0;
    }

    Tensor[] makeTask(int numSamples, int numClasses) {
        Tensor X = Torch.randn(numSamples, NUM_FEATURES);
        Tensor taskWeights = Torch.randn(8, numClasses);
        Tensor y = Torch.argmax(X.matmul(shared).tanh().matmul(taskWeights), 1);
        return new Tensor[] {X, y};
    }

    /** What {@code torch.load} returns for a saved {@code model.state_dict()}, typed. */
    @SuppressWarnings("unchecked")
    static Map<String, Tensor> stateDict(Object loaded) {
        return (Map<String, Tensor>) loaded;
    }
}
