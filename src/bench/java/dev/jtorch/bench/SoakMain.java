package dev.jtorch.bench;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.data.Batch;
import dev.jtorch.data.DataLoader;
import dev.jtorch.data.TensorDataset;
import dev.jtorch.nn.CrossEntropyLoss;
import dev.jtorch.nn.Module;
import dev.jtorch.optim.Adam;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The child JVM of {@link MemorySoakBenchmark}: seed 000's training step, its body as the tutorial's
 * {@code train_one_epoch} writes it (zero_grad, forward, loss, backward, step, running loss, predictions and correct
 * count; no autocast, which is off on the CPU), for many steps.
 *
 * <p>Arguments: the mode, then the steps at which to report, comma-separated, ascending. Modes:
 * <ul>
 *   <li>{@code gc}: one fixed random batch of 64, no scope and no {@code close()}: every tensor of a step is
 *       released only when the garbage collector finds it unreachable;</li>
 *   <li>{@code scoped}: the same, each step in a {@link TensorScope};</li>
 *   <li>{@code loader}: the tutorial's data (800 samples of 10 features) through a shuffled {@link DataLoader} of
 *       batches of 64, epoch after epoch, which gives each batch, and what the step creates, a scope of its own.</li>
 * </ul>
 * Prints {@code rss <step> <kB> <collections> <seconds>} at each report step (resident memory from
 * {@code /proc/self/status}, garbage collections and seconds so far), then {@code max <kB>} (the largest resident
 * memory seen, sampled every 100 steps after the first report), {@code gc <collections> <milliseconds>},
 * {@code micros <per step>} and {@code heap_bytes_per_step <bytes>} (what the loop's thread allocated on the Java
 * heap).
 */
public final class SoakMain {

    private static final Path STATUS = Path.of("/proc/self/status");

    private final Module model = Models.mlp();
    private final CrossEntropyLoss criterion = new CrossEntropyLoss();
    private final Adam optimizer = new Adam(model.parameters(), new Adam.Options(1e-3).weightDecay(1e-5));
    private final int[] reports;
    private double runningLoss;
    private long correct;
    private long total;
    private long maxKb;
    private int step;
    private int next;
    private long t0;

    private SoakMain(int[] reports) {
        this.reports = reports;
        model.train();
    }

    public static void main(String[] args) {
        int[] reports = Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray();
        new SoakMain(reports).run(args[0]);
    }

    private void run(String mode) {
        int steps = reports[reports.length - 1];
        Tensor inputs = Torch.randn(64, 10);
        Tensor labels = Torch.randint(0, 2, 64);
        t0 = System.nanoTime();
        long allocated0 = allocatedBytes();
        switch (mode) {
            case "gc" -> {
                while (step < steps) {
                    step(inputs, labels);
                }
            }
            case "scoped" -> {
                while (step < steps) {
                    try (var scope = new TensorScope()) {
                        step(inputs, labels);
                    }
                }
            }
            case "loader" -> {
                var data = new TensorDataset(Torch.randn(800, 10), Torch.randint(0, 2, 800));
                var loader = new DataLoader<>(data, new DataLoader.Options().batchSize(64).shuffle(true));
                while (step < steps) {
                    for (Batch batch : loader) {
                        step(batch.get(0), batch.get(1));
                        if (step == steps) {
                            break;
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("mode must be gc, scoped or loader: " + mode);
        }
        double micros = (System.nanoTime() - t0) / 1e3 / steps;
        long heapBytes = allocatedBytes() - allocated0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        System.out.println("max " + maxKb);
        System.out.println("gc " + collections() + " " + gcMillis);
        System.out.printf("micros %.1f%n", micros);
        System.out.printf("heap_bytes_per_step %.0f%n", (double) heapBytes / steps);
        System.err.printf("loss %.4f accuracy %.4f%n", runningLoss / total, (double) correct / total);
    }

    /** One step as train_one_epoch writes it, then resident memory when due. */
    private void step(Tensor inputs, Tensor labels) {
        optimizer.zeroGrad();
        Tensor outputs = model.forward(inputs);
        Tensor loss = criterion.forward(outputs, labels);
        loss.backward();
        optimizer.step();
        runningLoss += loss.item() * inputs.size(0);
        Tensor predicted = Torch.max(outputs.data(), 1).indices();
        total += labels.size(0);
        correct += predicted.eq(labels).sum().itemLong();
        step++;
        if (step == reports[next]) {
            long kb = rssKb();
            maxKb = Math.max(maxKb, kb);
            System.out.printf("rss %d %d %d %.1f%n", step, kb, collections(), (System.nanoTime() - t0) / 1e9);
            System.out.flush();
            next++;
        } else if (next > 0 && step % 100 == 0) {
            maxKb = Math.max(maxKb, rssKb());
        }
    }

    /** Garbage collections so far, all collectors. */
    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** Bytes this thread has allocated on the Java heap so far (HotSpot's ThreadMXBean), or 0 where unknown. */
    private static long allocatedBytes() {
        return ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                ? Math.max(0, t.getCurrentThreadAllocatedBytes()) : 0;
    }

    /** Resident memory in kB (KiB) from Linux's /proc/self/status. */
    static long rssKb() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + STATUS, e);
        }
        throw new IllegalStateException("no VmRSS in " + STATUS);
    }
}
