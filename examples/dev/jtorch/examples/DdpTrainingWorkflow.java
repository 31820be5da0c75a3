package dev.jtorch.examples;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.DistributedSampler;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.distributed.Backend;
import dev.jtorch.distributed.Dist;
import dev.jtorch.distributed.Launcher;
import dev.jtorch.distributed.ReduceOp;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.parallel.DistributedDataParallel;
import dev.jtorch.optim.Adam;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.lr.ReduceLROnPlateau;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Seed 000's training workflow as a data-parallel job ({@code shared/reference/seed000_ddp.py}), line by line: one
 * process per rank on PyTorch's gloo backend, gradients averaged by {@link DistributedDataParallel}, the training
 * set sharded by {@link DistributedSampler} (global batch 64, {@code 64 / world size} per rank), validation sums
 * all-reduced so that every rank steps ReduceLROnPlateau alike. Only rank 0 prints; its standard output is what the
 * Python job prints, digit for digit.
 *
 * <p>Started without the launcher's environment it launches itself ({@code --nproc-per-node} ranks, as
 * {@code torchrun --nproc_per_node} would); started by {@link dev.jtorch.distributed.Run} or with {@code RANK},
 * {@code WORLD_SIZE}, {@code MASTER_ADDR}, {@code MASTER_PORT} set, it is one rank. Flags: {@code --nproc-per-node},
 * {@code --seed}, {@code --epochs}.
 */
@Command(name = "DdpTrainingWorkflow", mixinStandardHelpOptions = true,
        description = "Seed 000's training workflow on several processes, printing what the Python DDP job prints.")
public final class DdpTrainingWorkflow implements Callable<Integer> {

    @Option(names = {"--nproc-per-node", "--nproc_per_node"},
            description = "ranks to start on this machine when not launched (default ${DEFAULT-VALUE})")
    int nprocPerNode = 1;

    @Option(names = "--seed", description = "torch.manual_seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--epochs", description = "number of epochs (default ${DEFAULT-VALUE})")
    int numEpochs = 30;

    private final PrintStream out;

    DdpTrainingWorkflow(PrintStream out) {
        this.out = out;
    }

    /** Runs the job (or, when launched, one rank of it) with command-line flags. */
    public static void main(String[] args) {
        int code = run(args, System.out);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the job, printing rank 0's output to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return new CommandLine(new DdpTrainingWorkflow(out)).execute(args);
    }

    @Override
    public Integer call() {
        if (!Dist.isLaunched()) { // torchrun's job: start the ranks, forward rank 0's output
            return new Launcher(new Launcher.Options().nprocPerNode(nprocPerNode).out(out))
                    .launch(DdpTrainingWorkflow.class.getName(), "--seed", Long.toString(seed),
                            "--epochs", Integer.toString(numEpochs));
        }
        rank();
        return 0;
    }

    private void rank() {
        PrintStream out = System.out;
        Dist.initProcessGroup(Backend.GLOO);
        int rank = Dist.getRank();
        int worldSize = Dist.getWorldSize();
        Torch.manualSeed(seed);
        Device device = Torch.device("cpu");
        if (rank == 0) {
            out.println("Using device: " + device + ", world size: " + worldSize);
        }
        int numSamples = 1000;
        int numFeatures = 10;
        Tensor X = Torch.randn(numSamples, numFeatures);
        Tensor trueWeights = Torch.randn(numFeatures, 1);
        Tensor trueBias = Torch.randn(1);
        Tensor logits = X.matmul(trueWeights).add(trueBias).add(Torch.randn(numSamples, 1).mul(0.5));
        Tensor y = logits.sigmoid().gt(0.5).toLong().squeeze();
        int trainSize = (int) (numSamples * 0.8);
        Tensor xTrain = X.index(":" + trainSize);
        Tensor xVal = X.index(trainSize + ":");
        Tensor yTrain = y.index(":" + trainSize);
        Tensor yVal = y.index(trainSize + ":");
        int batchSize = 64 / worldSize;
        TensorDataset trainDataset = new TensorDataset(xTrain, yTrain);
        var trainSampler = new DistributedSampler(trainDataset,
                new DistributedSampler.Options().numReplicas(worldSize).rank(rank).shuffle(true).seed(seed));
        var trainLoader = new DataLoader<>(trainDataset,
                new DataLoader.Options().batchSize(batchSize).sampler(trainSampler));
        TensorDataset valDataset = new TensorDataset(xVal, yVal);
        var valSampler = new DistributedSampler(valDataset,
                new DistributedSampler.Options().numReplicas(worldSize).rank(rank).shuffle(false));
        var valLoader = new DataLoader<>(valDataset, new DataLoader.Options().batchSize(batchSize).sampler(valSampler));
        if (rank == 0) {
            out.println("Training samples: " + trainDataset.size() + ", Validation samples: " + valDataset.size()
                    + ", per rank: " + trainSampler.size() + " and " + valSampler.size()
                    + ", batch size per rank: " + batchSize);
        }

        var model = new DistributedDataParallel<>(new TrainingWorkflow.SimpleClassifier(numFeatures, 64, 2).to(device));
        if (rank == 0) {
            out.println("\nModel Architecture:");
            out.println(model);
        }
        CrossEntropyLoss criterion = new CrossEntropyLoss();
        Optimizer optimizer = new Adam(model.parameters(), new Adam.Options(0.001).weightDecay(1e-5));
        var scheduler = new ReduceLROnPlateau(optimizer,
                new ReduceLROnPlateau.Options().mode(ReduceLROnPlateau.Mode.MIN).factor(0.1).patience(5));

        if (rank == 0) {
            out.println("\nStarting Training...");
        }
        for (int epoch = 0; epoch < numEpochs; epoch++) {
            trainSampler.setEpoch(epoch);
            double[] train = trainOneEpoch(model, trainLoader, criterion, optimizer);
            double[] val = validateOneEpoch(model, valLoader, criterion);
            scheduler.step(val[0]);
            if (rank == 0) {
                out.println("Epoch " + (epoch + 1) + "/" + numEpochs + ":");
                out.println("  Train Loss: " + PyFormat.fixed(train[0], 4) + ", Train Acc: " + PyFormat.fixed(train[1], 4));
                out.println("  Val Loss:   " + PyFormat.fixed(val[0], 4) + ", Val Acc:   " + PyFormat.fixed(val[1], 4));
                out.println("  Current LR: " + PyFormat.fixed(optimizer.paramGroups().get(0).lr(), 6));
            }
        }
        if (rank == 0) {
            out.println("\nTraining Complete!");
        }
        out.flush();
        Dist.destroyProcessGroup();
    }

    /** Python's {@code all_sums}: the ranks' loss sum, correct count and sample count, all-reduced. */
    static double[] allSums(double runningLoss, long correct, long total) {
        Tensor sums = Torch.tensor(new double[] {runningLoss, correct, total}, DType.FLOAT64);
        Dist.allReduce(sums, ReduceOp.SUM);
        return new double[] {sums.index(0).item() / sums.index(2).item(), sums.index(1).item() / sums.index(2).item()};
    }

    static double[] trainOneEpoch(Module model, Iterable<Batch> dataloader, CrossEntropyLoss criterion,
            Optimizer optimizer) {
        model.train();
        double runningLoss = 0.0;
        long correctPredictions = 0;
        long totalSamples = 0;
        for (Batch batch : dataloader) {
            Tensor inputs = batch.get(0);
            Tensor labels = batch.get(1);
            optimizer.zeroGrad();
            Tensor outputs = model.forward(inputs);
            Tensor loss = criterion.forward(outputs, labels);
            loss.backward();
            optimizer.step();
            runningLoss += loss.item() * inputs.size(0);
            Tensor predicted = Torch.max(outputs.data(), 1).indices();
            totalSamples += labels.size(0);
            correctPredictions += predicted.eq(labels).sum().itemLong();
        }
        return allSums(runningLoss, correctPredictions, totalSamples);
    }

    static double[] validateOneEpoch(Module model, Iterable<Batch> dataloader, CrossEntropyLoss criterion) {
        model.eval();
        double runningLoss = 0.0;
        long correctPredictions = 0;
        long totalSamples = 0;
        try (var g = Torch.noGrad()) {
            for (Batch batch : dataloader) {
                Tensor inputs = batch.get(0);
                Tensor labels = batch.get(1);
                Tensor outputs = model.forward(inputs);
                Tensor loss = criterion.forward(outputs, labels);
                runningLoss += loss.item() * inputs.size(0);
                Tensor predicted = Torch.max(outputs.data(), 1).indices();
                totalSamples += labels.size(0);
                correctPredictions += predicted.eq(labels).sum().itemLong();
            }
        }
        return allSums(runningLoss, correctPredictions, totalSamples);
    }
}
