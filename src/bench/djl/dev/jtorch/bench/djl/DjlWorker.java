package dev.jtorch.bench.djl;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The {@code djl_mlp_step} contender: seed 000's step (Linear 10-64, ReLU, Dropout 0.5, Linear 64-2, batch 64,
 * softmax cross-entropy, Adam lr 1e-3 weight decay 1e-5) on DJL's PyTorch engine, with its {@link Trainer} and
 * {@link EasyTrain#trainBatch}, then {@code trainer.step()}. It runs in a JVM of its own (DJL loads its own libtorch,
 * 2.7.1, which must not share a process with the presets' 2.10) and speaks the benchmark workers' protocol: it prints
 * {@code ready}, then answers each line {@code mlp <steps>} with the microseconds of each step, space-separated.
 * Compiled in the {@code bench} profile only (the DJL jars are that profile's dependencies).
 *
 * <p>DJL finds its native library offline, from the {@code pytorch-native-cpu} jar (classifier
 * {@code linux-x86_64}) and the {@code pytorch-jni} jar on the classpath: {@code ai.djl.offline=true},
 * {@code PYTORCH_VERSION=2.7.1}, {@code PYTORCH_FLAVOR=cpu} (system properties, set here before the engine loads).
 * Each step runs in a sub-manager that owns the step's batch (a copy of one fixed random batch) and every array the
 * step makes, freed when the step ends (DJL's equivalent of jtorch's per-step scope).
 *
 * <p>Benchmark code; no PyTorch counterpart.
 */
public final class DjlWorker {

    private DjlWorker() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("PYTORCH_VERSION", System.getProperty("PYTORCH_VERSION", "2.7.1"));
        System.setProperty("PYTORCH_FLAVOR", System.getProperty("PYTORCH_FLAVOR", "cpu"));
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(0);
        try (Model model = Model.newInstance("mlp", "PyTorch")) {
            SequentialBlock net = new SequentialBlock()
                    .add(Linear.builder().setUnits(64).build())
                    .add(Activation::relu)
                    .add(Dropout.builder().optRate(0.5f).build())
                    .add(Linear.builder().setUnits(2).build());
            model.setBlock(net);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).optWeightDecays(1e-5f)
                    .build();
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(adam);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(64, 10));
                NDManager manager = trainer.getManager();
                NDArray x = manager.randomNormal(new Shape(64, 10));
                NDArray y = manager.randomInteger(0, 2, new Shape(64), DataType.INT64);
                System.out.println("ready");
                System.out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length != 2 || !parts[0].equals("mlp")) {
                        System.out.println("error unknown request " + line);
                        System.out.flush();
                        continue;
                    }
                    int n = Integer.parseInt(parts[1]);
                    StringBuilder out = new StringBuilder();
                    for (int i = 0; i < n; i++) {
                        long t0 = System.nanoTime();
                        step(trainer, manager, x, y);
                        long t1 = System.nanoTime();
                        out.append(i == 0 ? "" : " ").append((t1 - t0) / 1e3);
                    }
                    System.out.println(out);
                    System.out.flush();
                }
            }
        }
    }

    private static void step(Trainer trainer, NDManager manager, NDArray x, NDArray y) {
        try (NDManager step = manager.newSubManager()) {
            // A Batch attaches its arrays to its manager for good: give it copies of the fixed batch (64 x 10 floats
            // and 64 labels, a microsecond), as a data loader would give it fresh arrays.
            Batch batch = new Batch(step, new NDList(x.duplicate()), new NDList(y.duplicate()), 64, Batchifier.STACK,
                    Batchifier.STACK, 0, 1);
            EasyTrain.trainBatch(trainer, batch);
            trainer.step();
        }
    }
}
