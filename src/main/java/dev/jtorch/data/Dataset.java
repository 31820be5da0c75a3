package dev.jtorch.data;

/**
 * A map-style dataset, mirroring {@code torch.utils.data.Dataset}: {@code dataset[i]} is {@code get(i)} and
 * {@code len(dataset)} is {@code size()}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.Dataset">torch.utils.data.Dataset</a>.
 *
 * @param <T> what one sample is (for {@link TensorDataset}, the list of its tensors' rows)
 */
public interface Dataset<T> {
    /** Python's {@code dataset[index]}. */
    T get(long index);

    /** Python's {@code len(dataset)}. */
    long size();
}
