package dev.jtorch.data;

import dev.jtorch.Generator;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Functions of {@code torch.utils.data}: {@code random_split(dataset, lengths, generator)},
 * {@code get_worker_info()}.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.random_split">torch.utils.data.random_split</a>.
 */
public final class Data {
    private Data() {}

    /** The worker of the current thread, set by {@link WorkerPool} on each worker thread. */
    static final ThreadLocal<WorkerInfo> WORKER = new ThreadLocal<>();

    /**
     * {@code torch.utils.data.get_worker_info()}: on a {@link DataLoader} worker thread, that worker's id, the number
     * of workers, its seed and the dataset; null on any other thread (Python's {@code None} in the main process).
     */
    public static WorkerInfo getWorkerInfo() {
        return WORKER.get();
    }

    /**
     * {@code random_split(dataset, lengths, generator)}: non-overlapping random subsets of the given lengths, from
     * {@code torch.randperm(n, generator)} (null generator: the global one).
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, long[] lengths, Generator generator) {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(lengths, "lengths");
        long sum = Arrays.stream(lengths).sum();
        for (long l : lengths) {
            if (l < 0) {
                throw new IllegalArgumentException("lengths must not be negative, got " + Arrays.toString(lengths));
            }
        }
        if (sum != dataset.size()) {
            throw new IllegalArgumentException("Sum of input lengths does not equal the length of the input dataset!");
        }
        long[] perm;
        try (TensorScope s = new TensorScope("random_split")) {
            perm = Torch.randperm(sum, generator).toLongArray();
        }
        List<Subset<T>> out = new ArrayList<>();
        int offset = 0;
        for (long l : lengths) {
            out.add(new Subset<>(dataset, Arrays.copyOfRange(perm, offset, offset + (int) l)));
            offset += (int) l;
        }
        return out;
    }

    /**
     * {@code random_split(dataset, fractions, generator)} with fractions summing to 1: each split gets
     * {@code floor(n * fraction)} samples and the remainder is dealt out one by one from the first split, as
     * PyTorch does.
     */
    public static <T> List<Subset<T>> randomSplit(Dataset<T> dataset, double[] fractions, Generator generator) {
        Objects.requireNonNull(fractions, "fractions");
        double total = Arrays.stream(fractions).sum();
        if (!(Math.abs(total - 1) <= 1e-9 && total <= 1)) {
            throw new IllegalArgumentException("fractions must sum to 1, got " + Arrays.toString(fractions));
        }
        long n = dataset.size();
        long[] lengths = new long[fractions.length];
        long used = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (fractions[i] < 0 || fractions[i] > 1) {
                throw new IllegalArgumentException("Fraction at index " + i + " is not between 0 and 1");
            }
            lengths[i] = (long) Math.floor(n * fractions[i]);
            used += lengths[i];
        }
        for (long i = 0; i < n - used; i++) {
            lengths[(int) (i % lengths.length)]++;
        }
        return randomSplit(dataset, lengths, generator);
    }
}
