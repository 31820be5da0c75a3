package dev.jtorch.data;

import java.util.List;
import java.util.Objects;

/**
 * {@code torch.utils.data.ConcatDataset(datasets)}: the datasets one after another.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.ConcatDataset">torch.utils.data.ConcatDataset</a>.
 */
public class ConcatDataset<T> implements Dataset<T> {
    private final List<Dataset<T>> datasets;
    private final long[] cumulative;

    /** {@code ConcatDataset([a, b, ...])}. */
    public ConcatDataset(List<? extends Dataset<T>> datasets) {
        Objects.requireNonNull(datasets, "datasets");
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("datasets should not be an empty iterable");
        }
        this.datasets = List.copyOf(datasets);
        this.cumulative = new long[datasets.size()];
        long sum = 0;
        for (int i = 0; i < datasets.size(); i++) {
            sum += datasets.get(i).size();
            cumulative[i] = sum;
        }
    }

    /** Python's {@code cumulative_sizes}. */
    public long[] cumulativeSizes() {
        return cumulative.clone();
    }

    @Override
    public T get(long index) {
        long n = size();
        long i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("absolute value of index should not exceed dataset length");
        }
        int d = 0;
        while (cumulative[d] <= i) {
            d++;
        }
        long offset = d == 0 ? 0 : cumulative[d - 1];
        return datasets.get(d).get(i - offset);
    }

    @Override
    public long size() {
        return cumulative[cumulative.length - 1];
    }
}
