package dev.jtorch.examples;

import dev.jtorch.Mode;

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
import dev.jtorch.serve.ProgressServer;
import dev.jtorch.train.Checkpoint;
import dev.jtorch.train.RunDirectory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
@Command(name = "DdpTrainingWorkflow", mixinStandardHelpOptions = true, versionProvider = ExampleVersion.class,
        description = "Seed 000's training workflow on several processes, printing what the Python DDP job prints.")
public final class DdpTrainingWorkflow implements Callable<Integer> {

    @Option(names = {"--nproc-per-node", "--nproc_per_node"},
            description = "ranks to start on this machine when not launched (default ${DEFAULT-VALUE})")
    int nprocPerNode = 1;

    @Option(names = "--seed", description = "torch.manual_seed (default ${DEFAULT-VALUE})")
    long seed = 42;

    @Option(names = "--epochs", description = "number of epochs (default ${DEFAULT-VALUE})")
    int numEpochs = 30;

    @Option(names = "--checkpoint", description = "rank 0 writes a checkpoint here after every epoch (model, "
            + "optimizer, scheduler, epoch, RNG state)")
    Path checkpoint;

    @Option(names = "--resume", description = "every rank resumes from this checkpoint (any world size)")
    Path resume;

    @Option(names = "--run-dir", description = "rank 0 writes a run directory here (config with the world size, "
            + "metrics per epoch, progress with the global throughput)")
    Path runsRoot;

    @Option(names = "--serve", description = "rank 0 serves the live progress page of the run (needs --run-dir; "
            + "--port, token in $JTORCH_TOKEN for a non-loopback --host), and keeps serving until interrupted")
    boolean serve;

    @Option(names = "--host", description = "address of the progress page (default ${DEFAULT-VALUE})")
    String host = "127.0.0.1";

    @Option(names = "--port", description = "port of the progress page (default ${DEFAULT-VALUE})")
    int port = 8080;

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
            List<String> args = new ArrayList<>(List.of("--seed", Long.toString(seed), "--epochs",
                    Integer.toString(numEpochs)));
            if (checkpoint != null) {
                args.addAll(List.of("--checkpoint", checkpoint.toAbsolutePath().toString()));
            }
            if (resume != null) {
                args.addAll(List.of("--resume", resume.toAbsolutePath().toString()));
            }
            if (runsRoot != null) {
                args.addAll(List.of("--run-dir", runsRoot.toAbsolutePath().toString()));
            }
            if (serve) {
                args.addAll(List.of("--serve", "--host", host, "--port", Integer.toString(port)));
            }
            return new Launcher(new Launcher.Options().nprocPerNode(nprocPerNode).out(out))
                    .launch(DdpTrainingWorkflow.class.getName(), args.toArray(new String[0]));
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
                new ReduceLROnPlateau.Options().mode(Mode.MIN).factor(0.1).patience(5));

        int startEpoch = 0;
        if (resume != null) { // every rank loads the same file: DDP keeps the ranks' models and optimizers equal
            Checkpoint ckpt = Checkpoint.load(resume);
            ckpt.restore(model.module(), optimizer);
            ckpt.restoreScheduler(scheduler);
            ckpt.restoreRngState();
            startEpoch = ckpt.epoch();
            if (rank == 0) {
                out.println("\nResumed from epoch " + startEpoch + " (" + resume.getFileName() + ")");
            }
        }
        // the progress server before the run: a refused address throws before a run directory exists
        ProgressServer server = rank == 0 && runsRoot != null && serve ? newServer() : null;
        RunDirectory run = rank == 0 && runsRoot != null ? RunDirectory.create(runsRoot, "seed000-ddp",
                config(worldSize, batchSize, trainLoader.size())) : null;
        if (server != null) {
            server.attach(run);
            server.start();
        }
        if (rank == 0) {
            out.println("\nStarting Training...");
        }
        for (int epoch = startEpoch; epoch < numEpochs; epoch++) {
            trainSampler.setEpoch(epoch);
            Iterable<Batch> batches = run == null ? trainLoader
                    : tracked(trainLoader, run, epoch + 1, numEpochs, worldSize);
            double[] train = trainOneEpoch(model, batches, criterion, optimizer);
            double[] val = validateOneEpoch(model, valLoader, criterion);
            scheduler.step(val[0]);
            if (rank == 0) {
                out.println("Epoch " + (epoch + 1) + "/" + numEpochs + ":");
                out.println("  Train Loss: " + PyFormat.fixed(train[0], 4) + ", Train Acc: " + PyFormat.fixed(train[1], 4));
                out.println("  Val Loss:   " + PyFormat.fixed(val[0], 4) + ", Val Acc:   " + PyFormat.fixed(val[1], 4));
                out.println("  Current LR: " + PyFormat.fixed(optimizer.paramGroups().get(0).lr(), 6));
                if (run != null) {
                    run.logEpoch(epoch + 1, java.util.Map.of("train_loss", train[0], "train_acc", train[1],
                            "val_loss", val[0], "val_acc", val[1], "lr", optimizer.paramGroups().get(0).lr()));
                }
                if (checkpoint != null) { // only rank 0 writes; the module's keys have no "module." prefix
                    new Checkpoint().epoch(epoch + 1).model(model.module()).optimizer(optimizer).scheduler(scheduler)
                            .loss(val[0]).save(checkpoint);
                }
            }
        }
        if (rank == 0) {
            out.println("\nTraining Complete!");
        }
        out.flush();
        Dist.destroyProcessGroup();
        if (run != null) {
            run.markFinished();
        }
        if (server != null) {
            server.serveUntilInterrupted();
            server.close();
        }
    }

    private java.util.Map<String, Object> config(int worldSize, int batchSize, long batchesPerEpoch) {
        java.util.Map<String, Object> config = new java.util.LinkedHashMap<>();
        config.put("seed", seed);
        config.put("world_size", worldSize);
        config.put("backend", "gloo");
        config.put("total_epochs", numEpochs);
        config.put("batches_per_epoch", batchesPerEpoch);
        config.put("batch_size_per_rank", batchSize);
        config.put("global_batch_size", batchSize * worldSize);
        config.put("optimizer", "adam");
        config.put("scheduler", "plateau");
        return config;
    }

    private ProgressServer newServer() {
        ProgressServer.Options options = new ProgressServer.Options().host(host).port(port);
        String token = System.getenv("JTORCH_TOKEN");
        if (token != null && !token.isBlank()) {
            options.token(token.strip());
        }
        return new ProgressServer(runsRoot, options);
    }

    /** Rank 0's batches, reporting progress with the job's global throughput (every rank takes as many samples). */
    static Iterable<Batch> tracked(DataLoader<?> loader, RunDirectory run, int epoch, int numEpochs, int worldSize) {
        return () -> {
            var it = loader.iterator();
            long start = System.nanoTime();
            int total = (int) loader.size();
            return new java.util.Iterator<>() {
                int batch;
                long samples;

                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Batch next() {
                    Batch b = it.next();
                    batch++;
                    samples += b.get(0).size(0) * (long) worldSize;
                    double seconds = (System.nanoTime() - start) / 1e9;
                    run.progress(epoch, numEpochs, batch, total, seconds > 0 ? samples / seconds : 0);
                    return b;
                }
            };
        };
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
