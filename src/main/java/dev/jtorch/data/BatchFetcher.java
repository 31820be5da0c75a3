package dev.jtorch.data;

import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Makes one batch from its indices (Python's {@code _MapDatasetFetcher}): a gather per tensor for a
 * {@link TensorDataset}, else the collated samples; pinned when the loader asks for it. Holds the dataset and the
 * loader's options, never an iterator, so a worker's task may hold it.
 *
 * @param <T> the dataset's sample type
 */
final class BatchFetcher<T> {
    private final Dataset<T> dataset;
    private final DataLoader.Options options;

    BatchFetcher(Dataset<T> dataset, DataLoader.Options options) {
        this.dataset = dataset;
        this.options = options;
    }

    /** One batch: a gather per tensor for a TensorDataset, else the collated samples. */
    Batch fetch(long[] idx) {
        Function<List<?>, Batch> collate = options.collateFn();
        Batch batch;
        if (dataset instanceof TensorDataset td && collate == null) {
            Tensor index = Torch.tensor(idx);
            List<Tensor> out = new ArrayList<>();
            for (Tensor t : td.tensors()) {
                out.add(t.indexSelect(0, index));
            }
            index.close();
            batch = new Batch(out);
        } else {
            List<T> samples = new ArrayList<>(idx.length);
            for (long i : idx) {
                samples.add(dataset.get(i));
            }
            batch = collate != null ? collate.apply(samples) : Collate.defaultCollate(samples);
        }
        return options.pinsMemory() ? pinned(batch) : batch;
    }

    /** The batch in page-locked memory when CUDA is available (pin_memory), else the batch itself. */
    static Batch pinned(Batch batch) {
        if (!Torch.cudaIsAvailable()) {
            return batch;
        }
        List<Tensor> pinned = new ArrayList<>();
        for (Tensor t : batch.tensors()) {
            pinned.add(t.pinMemory());
        }
        return new Batch(pinned);
    }

    /** Fetches each batch on the loop's thread (inside the batch's scope), as it is asked for. */
    Iterator<Batch> onLoopThread(Iterator<long[]> indices) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return indices.hasNext();
            }

            @Override
            public Batch next() {
                return fetch(indices.next());
            }
        };
    }
}
