package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Sequential;
import dev.jtorch.train.Checkpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code checkpoint_io}: megabytes (10^6 bytes of file) per second of saving and of loading a checkpoint of a model
 * with about 100 MB of float32 parameters ({@link #LAYERS} x Linear 2048-2048, 25.2 million parameters), the way a
 * user writes it: {@code new Checkpoint().epoch(1).model(model).save(path)} (torch.save's format, written to a
 * temporary file, forced to disk, renamed), and {@code Checkpoint.load(path).restore(model, null)}. Python does the
 * same with {@code torch.save({...}, path)} (which does not force the file to disk) and {@code torch.load} +
 * {@code load_state_dict}. Real files in a temporary directory, deleted afterwards; a load reads a file just written,
 * so mostly from the page cache. The median of the rounds; no target.
 */
final class CheckpointBenchmark {

    static final int LAYERS = 6;

    private final Report report;

    CheckpointBenchmark(Report report) {
        this.report = report;
    }

    void run(Worker python, int layers) {
        try (TempDir dir = TempDir.create("jtorch-bench-checkpoint")) {
            measure(python, layers, dir.path());
        }
    }

    private void measure(Worker python, int layers, Path dir) {
        Torch.manualSeed(0);
        Sequential model = new Sequential();
        for (int i = 0; i < layers; i++) {
            model.append(new Linear(2048, 2048));
        }
        Path saved = dir.resolve("save.pt");
        Path loaded = dir.resolve("load.pt");
        new Checkpoint().epoch(1).model(model).save(loaded);
        verify(model, loaded);
        double megabytes = size(loaded) / 1e6;
        report.figure("checkpoint_io/file_size", megabytes, 1, "MB (" + layers + " x Linear 2048-2048, float32)");

        Map<String, Rounds.Contender> contenders = new LinkedHashMap<>();
        contenders.put("jtorch_save", n -> {
            long t0 = System.nanoTime();
            new Checkpoint().epoch(1).model(model).save(saved);
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new double[] {size(saved) / 1e6 / seconds};
        });
        contenders.put("jtorch_load", n -> {
            long t0 = System.nanoTime();
            Checkpoint ckpt = Checkpoint.load(loaded);
            ckpt.restore(model, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            ckpt.modelStateDict().values().forEach(Tensor::close); // copied into the model; not left to the GC
            return new double[] {megabytes / seconds};
        });
        if (python != null) {
            contenders.put("python_save", n -> new double[] {python.value("checkpoint_save", layers)});
            contenders.put("python_load", n -> new double[] {python.value("checkpoint_load", layers)});
        }
        Map<String, double[]> rates = Rounds.alternate(contenders, 1);
        for (String c : contenders.keySet()) {
            report.figure("checkpoint_io/" + c, Rounds.median(rates.get(c)), 0, "MB/s");
        }
        if (python == null) {
            report.skipped("checkpoint_io/python", "python3-torch not installed");
        }
    }

    /** Once, untimed: the file holds the epoch and exactly the model's tensors. */
    private static void verify(Sequential model, Path file) {
        Checkpoint ckpt = Checkpoint.load(file);
        Map<String, Tensor> expected = model.stateDict();
        Map<String, Tensor> actual = ckpt.modelStateDict();
        if (ckpt.epoch() != 1 || !actual.keySet().equals(expected.keySet())) {
            throw new IllegalStateException("checkpoint_io: " + file + " does not hold the saved state dict");
        }
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            if (!e.getValue().equal(actual.get(e.getKey()))) {
                throw new IllegalStateException("checkpoint_io: tensor " + e.getKey() + " differs after loading");
            }
        }
        actual.values().forEach(Tensor::close);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
