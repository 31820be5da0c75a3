package dev.jtorch.data;

import dev.jtorch.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code torch.utils.data.TensorDataset(*tensors)}: sample {@code i} is the {@code i}-th row of each tensor. The
 * tensors' first dimensions must agree. The dataset keeps its tensors alive (they leave their scope). A
 * {@link DataLoader} batches it with one native gather per tensor and batch.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.TensorDataset">torch.utils.data.TensorDataset</a>.
 */
public class TensorDataset implements Dataset<List<Tensor>> {
    private final List<Tensor> tensors;

    /** {@code TensorDataset(X, y, ...)}. */
    public TensorDataset(Tensor... tensors) {
        Objects.requireNonNull(tensors, "tensors");
        if (tensors.length == 0) {
            throw new IllegalArgumentException("TensorDataset needs at least one tensor");
        }
        List<Tensor> list = new ArrayList<>();
        long n = -1;
        for (Tensor t : tensors) {
            Objects.requireNonNull(t, "tensor");
            if (t.dim() == 0) {
                throw new IllegalArgumentException("TensorDataset tensors need a first dimension");
            }
            if (n >= 0 && t.size(0) != n) {
                throw new IllegalArgumentException("Size mismatch between tensors");
            }
            n = t.size(0);
            list.add(t.keep());
        }
        this.tensors = List.copyOf(list);
    }

    /** Python's {@code dataset.tensors}. */
    public List<Tensor> tensors() {
        return tensors;
    }

    @Override
    public List<Tensor> get(long index) {
        long n = size();
        long i = index < 0 ? index + n : index;
        if (i < 0 || i >= n) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for a dataset of size " + n);
        }
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(t.index(i));
        }
        return out;
    }

    @Override
    public long size() {
        return tensors.get(0).size(0);
    }
}
