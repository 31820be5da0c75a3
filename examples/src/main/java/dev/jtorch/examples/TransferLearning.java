package dev.jtorch.examples;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.jit.Jit;
import dev.jtorch.jit.ScriptModule;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.Parameter;
import dev.jtorch.optim.Optimizer;
import dev.jtorch.optim.SGD;
import dev.jtorch.optim.lr.LRScheduler;
import dev.jtorch.optim.lr.StepLR;
import dev.jtorch.vision.Image;
import dev.jtorch.vision.datasets.ImageFolder;
import dev.jtorch.vision.models.Models;
import dev.jtorch.vision.models.ResNet;
import dev.jtorch.vision.transforms.CenterCrop;
import dev.jtorch.vision.transforms.Compose;
import dev.jtorch.vision.transforms.Normalize;
import dev.jtorch.vision.transforms.RandomHorizontalFlip;
import dev.jtorch.vision.transforms.RandomResizedCrop;
import dev.jtorch.vision.transforms.Resize;
import dev.jtorch.vision.transforms.ToTensor;
import dev.jtorch.vision.transforms.Transform;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * PyTorch's <a href="https://pytorch.org/tutorials/beginner/transfer_learning_tutorial.html">Transfer Learning for
 * Computer Vision</a> tutorial, "ConvNet as fixed feature extractor", line by line as its Python twin
 * {@code src/test/python/transfer_learning.py}: an {@link ImageFolder} of train and val images with the tutorial's
 * transforms, a {@code resnet18} whose weights come from a file ({@code --weights}, a
 * {@code torch.save(model.state_dict())} such as {@code make_resnet18_weights.py} writes, or the ImageNet weights a
 * user saved), every parameter frozen, a new {@code fc}, SGD with momentum on the head and {@code StepLR}, and the
 * tutorial's {@code train_model} with its printing. Standard output is the Python script's, digit for digit, but for
 * the wall-clock time of "Training complete in", with the same number of intra-op threads on both sides (batch norm
 * sums in per-thread chunks, so the last printed digit of a loss can depend on it, in Python as in jtorch). The
 * random crops and flips are drawn in the {@code DataLoader}'s workers as in PyTorch's worker processes, so this
 * holds with the tutorial's {@code num_workers=4}.
 *
 * <p>Instead of the hymenoptera download, two classes of shapes (discs and squares of random colours, sizes and
 * positions) are drawn at run time with integer geometry from a splitmix64 stream seeded {@code --seed}, pixel for
 * pixel as the twin draws them, and saved as PNG under {@code --data-dir}. Without {@code --weights} the model has
 * jtorch's initialisation after {@code Torch.manualSeed(seed)}, which is torchvision's. {@code --torchscript FILE}
 * fine-tunes a scripted resnet18 whose {@code fc} has two outputs ({@code make_resnet18_weights.py --torchscript})
 * instead: all its parameters but {@code fc}'s frozen.
 *
 * <p>Flags: {@code --seed}, {@code --epochs} (25), {@code --image-size} (224: the crop; val resizes to
 * {@code size * 256 / 224}), {@code --batch-size} (4), {@code --num-workers} (4), {@code --train-per-class},
 * {@code --val-per-class}, {@code --weights}, {@code --torchscript}, {@code --data-dir} (default: a new temporary
 * directory).
 */
@Command(name = "TransferLearning", mixinStandardHelpOptions = true, versionProvider = ExampleVersion.class,
        description = "PyTorch's transfer-learning tutorial (fixed feature extractor) on synthetic shapes, printing "
                + "what its Python twin prints.")
public final class TransferLearning implements Callable<Integer> {

    @Option(names = "--seed", description = "torch.manual_seed and the images' stream (default ${DEFAULT-VALUE})")
    long seed = 0;

    @Option(names = "--epochs", description = "num_epochs (default ${DEFAULT-VALUE})")
    int epochs = 25;

    @Option(names = "--image-size", description = "the crop size; val resizes to size * 256 / 224 "
            + "(default ${DEFAULT-VALUE})")
    int imageSize = 224;

    @Option(names = "--batch-size", description = "batch_size (default ${DEFAULT-VALUE})")
    int batchSize = 4;

    @Option(names = "--num-workers", description = "num_workers (default ${DEFAULT-VALUE})")
    int numWorkers = 4;

    @Option(names = "--train-per-class", description = "training images per class (default ${DEFAULT-VALUE})")
    int trainPerClass = 40;

    @Option(names = "--val-per-class", description = "validation images per class (default ${DEFAULT-VALUE})")
    int valPerClass = 25;

    @Option(names = "--weights", description = "resnet18's weights: a torch.save(model.state_dict()) file "
            + "(default: the seeded random initialisation)")
    Path weights;

    @Option(names = "--torchscript", description = "fine-tune this scripted resnet18 (fc with 2 outputs) instead")
    Path torchscript;

    @Option(names = "--data-dir", description = "where the images go (default: a new temporary directory)")
    Path dataDir;

    private final PrintStream out;

    TransferLearning(PrintStream out) {
        this.out = out;
    }

    /** Runs the example with command-line flags. */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the example, printing the tutorial's output to {@code out}; returns the exit code. */
    public static int run(String[] args, PrintStream out) {
        return new CommandLine(new TransferLearning(out)).execute(args);
    }

    // --- The synthetic image folder (the twin draws the same pixels) ---

    /** The integer stream the images are drawn from. */
    static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            state = seed;
        }

        long next() {
            state += 0x9E3779B97F4A7C15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        int below(int n) {
            return (int) Long.remainderUnsigned(next(), n);
        }
    }

    /** One image: a disc or a square of a random colour on a background of a random colour. */
    static Image drawShape(SplitMix64 rng, String cls) {
        int w = 40 + rng.below(41), h = 40 + rng.below(41);
        int[] bg = {rng.below(256), rng.below(256), rng.below(256)};
        int[] fg = {rng.below(256), rng.below(256), rng.below(256)};
        int m = Math.min(w, h);
        boolean disc = cls.equals("discs");
        int r = 0, cx = 0, cy = 0, a = 0, x0 = 0, y0 = 0;
        if (disc) {
            r = 5 + rng.below(m / 4);
            cx = r + rng.below(w - 2 * r);
            cy = r + rng.below(h - 2 * r);
        } else {
            a = 10 + rng.below(m / 2);
            x0 = rng.below(w - a + 1);
            y0 = rng.below(h - a + 1);
        }
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean inside = disc ? (x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r
                        : x >= x0 && x < x0 + a && y >= y0 && y < y0 + a;
                int[] c = inside ? fg : bg;
                for (int b = 0; b < 3; b++) {
                    px[(y * w + x) * 3 + b] = (byte) c[b];
                }
            }
        }
        return new Image(Image.Mode.RGB, w, h, px);
    }

    /** {@code root/{train,val}/{discs,squares}/NNN.png}. */
    static void makeImages(Path root, long seed, int trainPerClass, int valPerClass) throws IOException {
        SplitMix64 rng = new SplitMix64(seed);
        for (String phase : List.of("train", "val")) {
            int n = phase.equals("train") ? trainPerClass : valPerClass;
            for (String cls : List.of("discs", "squares")) {
                Path folder = Files.createDirectories(root.resolve(phase).resolve(cls));
                for (int i = 0; i < n; i++) {
                    drawShape(rng, cls).save(folder.resolve(String.format("%03d.png", i)));
                }
            }
        }
    }

    // --- The tutorial ---

    private Map<String, DataLoader<List<Object>>> dataloaders;
    private Map<String, Long> datasetSizes;

    Module trainModel(Module model, CrossEntropyLoss criterion, Optimizer optimizer, LRScheduler scheduler,
            int numEpochs) {
        long since = System.nanoTime();

        Map<String, Tensor> bestModelWts = deepCopy(model.stateDict());
        double bestAcc = 0.0;

        for (int epoch = 0; epoch < numEpochs; epoch++) {
            out.println("Epoch " + epoch + "/" + (numEpochs - 1));
            out.println("-".repeat(10));

            // Each epoch has a training and validation phase
            for (String phase : List.of("train", "val")) {
                if (phase.equals("train")) {
                    model.train(); // Set model to training mode
                } else {
                    model.eval();  // Set model to evaluate mode
                }

                double runningLoss = 0.0;
                long runningCorrects = 0;

                // Iterate over data.
                for (Batch batch : dataloaders.get(phase)) {
                    Tensor inputs = batch.get(0);
                    Tensor labels = batch.get(1);

                    // zero the parameter gradients
                    optimizer.zeroGrad();

                    // forward
                    // track history if only in train
                    Tensor loss;
                    Tensor preds;
                    try (var g = Torch.setGradEnabled(phase.equals("train"))) {
                        Tensor outputs = model.forward(inputs);
                        preds = Torch.max(outputs, 1).indices();
                        loss = criterion.forward(outputs, labels);

                        // backward + optimize only if in training phase
                        if (phase.equals("train")) {
                            loss.backward();
                            optimizer.step();
                        }
                    }

                    // statistics
                    runningLoss += loss.item() * inputs.size(0);
                    runningCorrects += preds.eq(labels).sum().itemLong();
                }
                if (phase.equals("train")) {
                    scheduler.step();
                }

                double epochLoss = runningLoss / datasetSizes.get(phase);
                double epochAcc = (double) runningCorrects / datasetSizes.get(phase);

                out.println(phase + " Loss: " + PyFormat.fixed(epochLoss, 4) + " Acc: " + PyFormat.fixed(epochAcc, 4));

                // deep copy the model
                if (phase.equals("val") && epochAcc > bestAcc) {
                    bestAcc = epochAcc;
                    bestModelWts = deepCopy(model.stateDict());
                }
            }

            out.println();
        }

        double timeElapsed = (System.nanoTime() - since) / 1e9;
        out.println("Training complete in " + PyFormat.fixed(Math.floor(timeElapsed / 60), 0) + "m "
                + PyFormat.fixed(timeElapsed % 60, 0) + "s");
        out.println("Best val Acc: " + PyFormat.fixed(bestAcc, 6));

        // load best model weights
        model.loadStateDict(bestModelWts);
        return model;
    }

    /** Python's {@code copy.deepcopy(model.state_dict())}. */
    private static Map<String, Tensor> deepCopy(Map<String, Tensor> stateDict) {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : stateDict.entrySet()) {
            copy.put(e.getKey(), e.getValue().clone().keep());
        }
        return copy;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() throws IOException {
        if (epochs < 1 || imageSize < 1 || trainPerClass < 1 || valPerClass < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--epochs, --image-size, --train-per-class and --val-per-class must be at least 1");
        }
        Torch.manualSeed(seed);
        Path dataDir = this.dataDir != null ? this.dataDir : Files.createTempDirectory("transfer-");
        makeImages(dataDir, seed, trainPerClass, valPerClass);
        System.err.println("Images: " + dataDir);
        int crop = imageSize, resize = imageSize * 256 / 224;

        // Data augmentation and normalization for training
        // Just normalization for validation
        double[] mean = {0.485, 0.456, 0.406}, std = {0.229, 0.224, 0.225};
        Map<String, Transform> dataTransforms = Map.of(
                "train", new Compose(
                        new RandomResizedCrop(crop),
                        new RandomHorizontalFlip(),
                        new ToTensor(),
                        new Normalize(mean, std)),
                "val", new Compose(
                        new Resize(resize),
                        new CenterCrop(crop),
                        new ToTensor(),
                        new Normalize(mean, std)));

        Map<String, ImageFolder> imageDatasets = new LinkedHashMap<>();
        dataloaders = new LinkedHashMap<>();
        datasetSizes = new LinkedHashMap<>();
        for (String x : List.of("train", "val")) {
            imageDatasets.put(x, new ImageFolder(dataDir.resolve(x), dataTransforms.get(x)));
            dataloaders.put(x, new DataLoader<>(imageDatasets.get(x),
                    new DataLoader.Options().batchSize(batchSize).shuffle(true).numWorkers(numWorkers)));
            datasetSizes.put(x, imageDatasets.get(x).size());
        }
        List<String> classNames = imageDatasets.get("train").classes();
        System.err.println("Classes: " + classNames);

        // ConvNet as fixed feature extractor
        Module modelConv;
        Module fc;
        if (torchscript != null) {
            // a scripted resnet18 whose fc already has two outputs: freeze all but fc
            ScriptModule scripted = Jit.load(torchscript);
            for (Map.Entry<String, Parameter> e : scripted.namedParameters().entrySet()) {
                e.getValue().requiresGrad_(e.getKey().startsWith("fc."));
            }
            modelConv = scripted;
            fc = scripted.namedChildren().get("fc");
        } else {
            ResNet model = Models.resnet18();
            if (weights != null) {
                model.loadStateDict((Map<String, Tensor>) Torch.load(weights));
            }
            for (Parameter param : model.parameters()) {
                param.requiresGrad_(false);
            }

            // Parameters of newly constructed modules have requires_grad=True by default
            long numFtrs = model.fc.inFeatures();
            model.fc = new Linear(numFtrs, 2);
            modelConv = model;
            fc = model.fc;
        }

        CrossEntropyLoss criterion = new CrossEntropyLoss();

        // Observe that only parameters of final layer are being optimized as
        // opposed to before.
        Optimizer optimizerConv = new SGD(fc.parameters(), new SGD.Options(0.001).momentum(0.9));

        // Decay LR by a factor of 0.1 every 7 epochs
        LRScheduler expLrScheduler = new StepLR(optimizerConv, new StepLR.Options(7).gamma(0.1));

        modelConv = trainModel(modelConv, criterion, optimizerConv, expLrScheduler, epochs);
        return 0;
    }
}
