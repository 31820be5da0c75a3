package dev.jtorch.data;

import dev.jtorch.DType;
import dev.jtorch.Generator;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.internal.Ops;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * The batches of a {@link TensorDataset} under jtorch's own {@link RandomSampler} or {@link SequentialSampler} with
 * the default collation: the pass's order is one native int64 tensor ({@code randperm}, or {@code arange}), and
 * batch {@code k} is {@code t.index_select(0, order.narrow(0, k * batchSize, len))} per dataset tensor, so no index
 * crosses into Java and a batch costs one view and one gather per tensor.
 *
 * <p>Random numbers are drawn exactly when {@link BatchIndices} over the sampler's iterator draws them: the
 * sampler's seed (or its generator's permutation) when the first batch is asked for, and the sampler's closing,
 * unused {@code randperm(n)} when a batch would need an index past the end (while the last, partial batch is
 * made, or when the batch after a full last one is asked for), once.
 *
 * <p>{@link #hasNext()} runs before the batch's scope opens (while the previous batch's is still open), so the order
 * tensor belongs to no scope: this iterator frees it when the pass ends, or the garbage collector does when the loop
 * is left early.
 */
final class TensorBatches implements Iterator<Batch> {
    private final List<Tensor> tensors;
    private final RandomSampler random; // null: sequential
    private final long n;
    private final long batchSize;
    private final boolean dropLast;
    private final boolean pin;
    private org.bytedeco.pytorch.Tensor order;
    /** The generator of the pass's permutation (the sampler's, or a private one seeded from the global one). */
    private Generator passGenerator;
    private boolean started;
    private boolean exhausted;
    private long pos;
    /** The next batch's length, 0 when not computed yet, -1 when there is none. */
    private long nextLen;

    TensorBatches(TensorDataset dataset, Sampler sampler, long batchSize, boolean dropLast, boolean pin) {
        this.tensors = dataset.tensors();
        this.random = sampler instanceof RandomSampler r ? r : null;
        this.n = sampler.size();
        this.batchSize = batchSize;
        this.dropLast = dropLast;
        this.pin = pin;
    }

    /** Whether the loader can batch {@code dataset} under {@code sampler} this way. */
    static boolean applies(Dataset<?> dataset, Sampler sampler, DataLoader.Options options) {
        return dataset instanceof TensorDataset td && options.collateFn() == null
                && (sampler.getClass() == RandomSampler.class || sampler.getClass() == SequentialSampler.class)
                && sampler.size() == td.size();
    }

    @Override
    public boolean hasNext() {
        if (nextLen == 0) {
            nextLen = computeNext();
        }
        return nextLen > 0;
    }

    private long computeNext() {
        if (!started) {
            started = true;
            order = Ops.unscoped(Ops.call(() -> random != null ? permutation() : arange()));
        }
        long remaining = n - pos;
        if (remaining < batchSize) {
            // BatchIndices asks the sampler for one index more than there is: the sampler's pass ends here.
            endPass();
            if (remaining == 0 || dropLast) {
                release();
                return -1;
            }
        }
        return Math.min(remaining, batchSize);
    }

    private org.bytedeco.pytorch.Tensor permutation() {
        Generator g = random.generator() != null ? random.generator()
                : new Generator().manualSeed(Generator.drawSeed(null));
        this.passGenerator = g;
        return torch.randperm(n, Generator.optional(g), new TensorOptions(DType.INT64.scalarType()));
    }

    private org.bytedeco.pytorch.Tensor arange() {
        return torch.arange(new org.bytedeco.pytorch.Scalar(n), new TensorOptions(DType.INT64.scalarType()));
    }

    /** RandomSampler's closing permutation (an empty slice of one more {@code randperm(n)}), drawn once. */
    private void endPass() {
        if (exhausted) {
            return;
        }
        exhausted = true;
        if (random != null) {
            try (var s = new dev.jtorch.TensorScope("randperm")) {
                Torch.randperm(n, passGenerator);
            }
        }
    }

    private void release() {
        if (order != null) {
            order.close();
            order = null;
        }
    }

    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long len = nextLen;
        long start = pos;
        pos += len;
        nextLen = 0;
        org.bytedeco.pytorch.Tensor index = Ops.call(() -> order.narrow(0, start, len));
        if (exhausted) {
            release(); // the last batch: its index view keeps the order's storage alive
        }
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            org.bytedeco.pytorch.Tensor h = t.nativeTensor();
            out.add(Ops.tensor(() -> h.index_select(0, index)));
        }
        Batch batch = new Batch(out);
        return pin ? BatchFetcher.pinned(batch) : batch;
    }
}
