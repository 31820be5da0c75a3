package dev.jtorch.data;

import dev.jtorch.Device;
import dev.jtorch.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One batch from a {@link DataLoader}: its tensors in dataset order. Python's {@code for inputs, labels in loader}
 * reads {@code for (Batch batch : loader) { Tensor inputs = batch.get(0), labels = batch.get(1); ... }}, or with
 * the named accessors {@link #inputs()} and {@link #labels()}. The tensors belong to the batch's scope and are
 * released when the loop moves on; {@link Tensor#keep()} keeps one.
 *
 * <p>jtorch's own; no PyTorch counterpart. Closest in PyTorch:
 * <a href="https://pytorch.org/docs/stable/data.html#torch.utils.data.DataLoader">torch.utils.data.DataLoader</a>,
 * whose batches are plain tuples.
 */
public final class Batch {
    private final List<Tensor> tensors;

    /** A batch of the given tensors. */
    public Batch(List<Tensor> tensors) {
        this.tensors = List.copyOf(Objects.requireNonNull(tensors, "tensors"));
    }

    /** The {@code i}-th tensor (Python's tuple unpacking). */
    public Tensor get(int i) {
        if (i < 0 || i >= tensors.size()) {
            throw new IndexOutOfBoundsException("batch has " + tensors.size() + " tensors, no index " + i);
        }
        return tensors.get(i);
    }

    /** The first tensor: the inputs of an (inputs, labels) dataset. */
    public Tensor inputs() {
        return get(0);
    }

    /** The second tensor: the labels of an (inputs, labels) dataset. */
    public Tensor labels() {
        return get(1);
    }

    /** How many tensors the batch has. */
    public int size() {
        return tensors.size();
    }

    /** The tensors. */
    public List<Tensor> tensors() {
        return tensors;
    }

    /** The batch with every tensor moved to {@code device} ({@code inputs.to(device), labels.to(device)}). */
    public Batch to(Device device) {
        return to(device, false);
    }

    /** The batch moved to {@code device}, asynchronously from pinned memory when {@code nonBlocking}. */
    public Batch to(Device device, boolean nonBlocking) {
        List<Tensor> out = new ArrayList<>(tensors.size());
        for (Tensor t : tensors) {
            out.add(t.to(device, nonBlocking));
        }
        return new Batch(out);
    }

    @Override
    public String toString() {
        return "Batch" + tensors;
    }
}
