package dev.jtorch.data;

import java.util.Objects;

/**
 * {@code torch.utils.data.Subset(dataset, indices)}: the samples of {@code dataset} at {@code indices}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.Subset">torch.utils.data.Subset</a>.
 */
public class Subset<T> implements Dataset<T> {
    private final Dataset<T> dataset;
    private final long[] indices;

    /** {@code Subset(dataset, indices)}. */
    public Subset(Dataset<T> dataset, long[] indices) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.indices = Objects.requireNonNull(indices, "indices").clone();
    }

    /** Python's {@code subset.dataset}. */
    public Dataset<T> dataset() {
        return dataset;
    }

    /** Python's {@code subset.indices}. */
    public long[] indices() {
        return indices.clone();
    }

    @Override
    public T get(long index) {
        if (index < 0 || index >= indices.length) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for a subset of size "
                    + indices.length);
        }
        return dataset.get(indices[(int) index]);
    }

    @Override
    public long size() {
        return indices.length;
    }
}
