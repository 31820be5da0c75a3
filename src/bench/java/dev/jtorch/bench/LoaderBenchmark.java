package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code loader_throughput}: samples per second of a shuffled TensorDataset of 1,000,000 x 10 floats, batch 64
 * (javacpp and cpp: randperm and index_select per batch; python: torch.utils.data.DataLoader). Target: jtorch at
 * least 0.9 x the raw presets (issue 17).
 */
final class LoaderBenchmark {

    private final Report report;

    LoaderBenchmark(Report report) {
        this.report = report;
    }

    /** @param workers external contenders by label; a null value is reported as skipped with its reason */
    void run(String name, Map<String, Workers.Entry> workers, int batches) {
        Torch.manualSeed(0);
        Tensor data = Torch.randn(1_000_000, 10).keep();
        var loader = new DataLoader<>(new TensorDataset(data), new DataLoader.Options().batchSize(64).shuffle(true));
        org.bytedeco.pytorch.Tensor raw = data.nativeTensor();
        Map<String, Rounds.Contender> contenders = new LinkedHashMap<>();
        // Each "repetition" is one round's throughput over `batches` batches of a fresh epoch.
        contenders.put("jtorch", n -> new double[] {jtorchEpoch(loader, batches)});
        contenders.put("javacpp", n -> new double[] {rawEpoch(raw, batches)});
        workers.forEach((label, entry) -> {
            if (entry.worker() != null) {
                contenders.put(label, n -> new double[] {entry.worker().throughput(batches)});
            }
        });
        Map<String, double[]> rates = Rounds.alternate(contenders, 1);
        report.figure(name + "/jtorch", Rounds.median(rates.get("jtorch")), 0, "samples/s");
        report.figure(name + "/javacpp", Rounds.median(rates.get("javacpp")), 0, "samples/s");
        report.atLeast(name + "/jtorch_over_javacpp",
                Rounds.median(rates.get("jtorch")) / Rounds.median(rates.get("javacpp")), 3, "ratio", 0.9, 2);
        workers.forEach((label, entry) -> {
            if (entry.worker() == null) {
                report.skipped(name + "/" + label, entry.why());
            } else {
                report.figure(name + "/" + label + entry.note(), Rounds.median(rates.get(label)), 0, "samples/s");
            }
        });
    }

    private static double jtorchEpoch(DataLoader<?> loader, int batches) {
        long t0 = System.nanoTime();
        long seen = 0;
        try (var outer = new TensorScope()) {
            int i = 0;
            for (Batch b : loader) {
                seen += b.get(0).size(0);
                if (++i == batches) {
                    break;
                }
            }
        }
        return seen / ((System.nanoTime() - t0) / 1e9);
    }

    private static double rawEpoch(org.bytedeco.pytorch.Tensor data, int batches) {
        long t0 = System.nanoTime();
        long seen = 0;
        try (PointerScope outer = new PointerScope()) {
            long n = data.size(0);
            org.bytedeco.pytorch.Tensor perm = torch.randperm(n);
            for (long i = 0; i < batches && i * 64 < n; i++) {
                try (PointerScope scope = new PointerScope()) {
                    org.bytedeco.pytorch.Tensor idx = perm.slice(0, new LongOptional(i * 64),
                            new LongOptional(Math.min(n, i * 64 + 64)), 1);
                    seen += data.index_select(0, idx).size(0);
                }
            }
        }
        return seen / ((System.nanoTime() - t0) / 1e9);
    }
}
