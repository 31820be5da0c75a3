package dev.jtorch.nn.utils.rnn;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.Tensor;
import java.util.Objects;

/**
 * {@code torch.nn.utils.rnn.PackedSequence}: a batch of variable-length sequences packed time step by time step,
 * as {@link Rnn#packPaddedSequence} and {@link Rnn#packSequence} make them and the recurrent modules take them.
 * {@code data} holds the steps of all sequences, {@code batchSizes} (int64, on the CPU) how many sequences are
 * still running at each step; {@code sortedIndices} and {@code unsortedIndices} are the permutation that sorted
 * the batch by decreasing length and its inverse, or both null when the batch was given sorted.
 *
 * @param data the packed steps, (sum of lengths, *)
 * @param batchSizes the batch size at each time step (int64, CPU)
 * @param sortedIndices Python's {@code sorted_indices}, or null
 * @param unsortedIndices Python's {@code unsorted_indices}, or null; computed from {@code sortedIndices} when null
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.utils.rnn.PackedSequence.html">
 *     torch.nn.utils.rnn.PackedSequence</a>
 */
public record PackedSequence(Tensor data, Tensor batchSizes, Tensor sortedIndices, Tensor unsortedIndices) {
    /** Python's {@code PackedSequence(data, batch_sizes, sorted_indices, unsorted_indices)}. */
    public PackedSequence {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(batchSizes, "batchSizes");
        if (unsortedIndices == null) {
            unsortedIndices = Rnn.invertPermutation(sortedIndices);
        }
        if (batchSizes.isCuda() || !batchSizes.device().equals(Device.CPU)) {
            throw new IllegalArgumentException("batch_sizes should always be on CPU. Instances of PackedSequence "
                    + "should never be created manually. They should be instantiated by functions like "
                    + "pack_sequence and pack_padded_sequences in nn.utils.rnn. "
                    + "https://pytorch.org/docs/stable/nn.html#torch.nn.utils.rnn.pack_sequence");
        }
    }

    /** Python's {@code PackedSequence(data, batch_sizes)}: a batch that was given sorted. */
    public PackedSequence(Tensor data, Tensor batchSizes) {
        this(data, batchSizes, null, null);
    }

    /** Python's {@code packed.to(device)}: data and indices moved, {@code batchSizes} stays on the CPU. */
    public PackedSequence to(Device device) {
        Objects.requireNonNull(device, "device");
        return new PackedSequence(data.to(device), batchSizes,
                sortedIndices == null ? null : sortedIndices.to(device),
                unsortedIndices == null ? null : unsortedIndices.to(device));
    }

    /** Python's {@code packed.to(dtype)}: only {@code data} is converted. */
    public PackedSequence to(DType dtype) {
        Objects.requireNonNull(dtype, "dtype");
        return new PackedSequence(data.to(dtype), batchSizes, sortedIndices, unsortedIndices);
    }

    /** Python's {@code packed.cpu()}. */
    public PackedSequence cpu() {
        return to(Device.CPU);
    }

    /** Python's {@code packed.cuda()}. */
    public PackedSequence cuda() {
        return to(Device.cuda());
    }

    /** Python's {@code packed.is_cuda}. */
    public boolean isCuda() {
        return data.isCuda();
    }

    /** The Java record over a libtorch {@code PackedSequence}'s tensors (internal use). */
    static PackedSequence fromNative(org.bytedeco.pytorch.PackedSequence p) {
        org.bytedeco.pytorch.Tensor s = p.sorted_indices();
        org.bytedeco.pytorch.Tensor u = p.unsorted_indices();
        return new PackedSequence(Tensor.wrap(p.data()), Tensor.wrap(p.batch_sizes()),
                s.defined() ? Tensor.wrap(s) : null, u.defined() ? Tensor.wrap(u) : null);
    }

    /** Python's namedtuple repr: {@code PackedSequence(data=tensor(...), batch_sizes=tensor(...), ...)}. */
    @Override
    public String toString() {
        return "PackedSequence(data=" + data + ", batch_sizes=" + batchSizes + ", sorted_indices="
                + (sortedIndices == null ? "None" : sortedIndices.toString()) + ", unsorted_indices="
                + (unsortedIndices == null ? "None" : unsortedIndices.toString()) + ")";
    }
}
