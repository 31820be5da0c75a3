package dev.jtorch.nn.utils.rnn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.internal.Ops;
import java.util.List;
import java.util.Objects;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.utils.rnn}: packing and padding of variable-length sequences for the recurrent modules.
 * {@code pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)} is
 * {@code Rnn.packPaddedSequence(x, lengths, true, false)}. The work is done by libtorch's own
 * {@code _pack_padded_sequence}, {@code _pad_packed_sequence} and {@code pad_sequence} kernels, as in PyTorch.
 *
 * @see <a href="https://pytorch.org/docs/1.13/nn.html#utilities">torch.nn.utils.rnn</a>
 */
public final class Rnn {
    private Rnn() {}

    /**
     * Python's {@code invert_permutation(permutation)}: the inverse permutation, or null for null.
     */
    public static Tensor invertPermutation(Tensor permutation) {
        if (permutation == null) {
            return null;
        }
        var p = Ops.h(permutation, "permutation");
        return Ops.tensor(() -> torch.argsort(p));
    }

    /**
     * <a href="https://pytorch.org/docs/1.13/generated/torch.nn.utils.rnn.pack_padded_sequence.html">
     * {@code pack_padded_sequence(input, lengths, batch_first, enforce_sorted)}</a>: packs a padded batch,
     * (L, N, *) or with {@code batchFirst} (N, L, *), whose sequences have the given lengths. With
     * {@code enforceSorted} the lengths must be in decreasing order; otherwise the batch is sorted here and the
     * permutation kept in the result.
     */
    public static PackedSequence packPaddedSequence(Tensor input, Tensor lengths, boolean batchFirst,
            boolean enforceSorted) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(lengths, "lengths");
        Tensor len = lengths.to(DType.INT64);
        Tensor sortedIndices = null;
        Tensor in = input;
        if (!enforceSorted) {
            var l = Ops.h(len, "lengths");
            T_TensorTensor_T sorted = Ops.call(() -> torch.sort(l, 0, true));
            len = Tensor.wrap(sorted.get0());
            sortedIndices = Tensor.wrap(sorted.get1()).to(input.device());
            in = input.indexSelect(batchFirst ? 0 : 1, sortedIndices);
        }
        var i = Ops.h(in, "input");
        var l = Ops.h(len, "lengths");
        org.bytedeco.pytorch.PackedSequence p = Ops.call(() -> torch.pack_padded_sequence(i, l, batchFirst, true));
        PackedSequence out = PackedSequence.fromNative(p);
        return new PackedSequence(out.data(), out.batchSizes(), sortedIndices, null);
    }

    /** {@code pack_padded_sequence(input, lengths, batch_first, enforce_sorted)} with the lengths as numbers. */
    public static PackedSequence packPaddedSequence(Tensor input, long[] lengths, boolean batchFirst,
            boolean enforceSorted) {
        Objects.requireNonNull(lengths, "lengths");
        return packPaddedSequence(input, Torch.tensor(lengths), batchFirst, enforceSorted);
    }

    /** {@code pack_padded_sequence(input, lengths)}: time first, lengths sorted in decreasing order. */
    public static PackedSequence packPaddedSequence(Tensor input, Tensor lengths) {
        return packPaddedSequence(input, lengths, false, true);
    }

    /** {@code pack_padded_sequence(input, lengths, batch_first)}, lengths sorted in decreasing order. */
    public static PackedSequence packPaddedSequence(Tensor input, Tensor lengths, boolean batchFirst) {
        return packPaddedSequence(input, lengths, batchFirst, true);
    }

    /** Python's {@code pad_packed_sequence}'s result: the padded batch and each sequence's length (int64). */
    public record Padded(Tensor output, Tensor lengths) {}

    /**
     * <a href="https://pytorch.org/docs/1.13/generated/torch.nn.utils.rnn.pad_packed_sequence.html">
     * {@code pad_packed_sequence(sequence, batch_first, padding_value, total_length)}</a>: the inverse of
     * {@link #packPaddedSequence}, in the original batch order. A null {@code totalLength} is Python's None (pad
     * to the longest sequence).
     */
    public static Padded padPackedSequence(PackedSequence sequence, boolean batchFirst, double paddingValue,
            Long totalLength) {
        Objects.requireNonNull(sequence, "sequence");
        long maxSeqLength = sequence.batchSizes().size(0);
        if (totalLength != null) {
            if (totalLength < maxSeqLength) {
                throw new IllegalArgumentException("Expected total_length to be at least the length of the longest "
                        + "sequence in input, but got total_length=" + totalLength + " and max sequence length "
                        + "being " + maxSeqLength);
            }
            maxSeqLength = totalLength;
        }
        long total = maxSeqLength;
        var d = Ops.h(sequence.data(), "data");
        var b = Ops.h(sequence.batchSizes(), "batch_sizes");
        var sorted = new org.bytedeco.pytorch.PackedSequence(d, b);
        var tl = new LongOptional(total);
        T_TensorTensor_T r = Ops.call(() -> torch.pad_packed_sequence(sorted, batchFirst, paddingValue, tl));
        Tensor padded = Tensor.wrap(r.get0());
        Tensor lengths = Tensor.wrap(r.get1());
        Tensor unsorted = sequence.unsortedIndices();
        if (unsorted != null) {
            return new Padded(padded.indexSelect(batchFirst ? 0 : 1, unsorted), lengths.indexSelect(0,
                    unsorted.cpu()));
        }
        return new Padded(padded, lengths);
    }

    /** {@code pad_packed_sequence(sequence)}: time first, padded with zeros to the longest sequence. */
    public static Padded padPackedSequence(PackedSequence sequence) {
        return padPackedSequence(sequence, false, 0.0, null);
    }

    /** {@code pad_packed_sequence(sequence, batch_first)}. */
    public static Padded padPackedSequence(PackedSequence sequence, boolean batchFirst) {
        return padPackedSequence(sequence, batchFirst, 0.0, null);
    }

    /**
     * <a href="https://pytorch.org/docs/1.13/generated/torch.nn.utils.rnn.pad_sequence.html">
     * {@code pad_sequence(sequences, batch_first, padding_value)}</a>: stacks tensors of shape (L_i, *) into
     * (L_max, N, *), or (N, L_max, *) with {@code batchFirst}, padding with {@code paddingValue}.
     */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst, double paddingValue) {
        Objects.requireNonNull(sequences, "sequences");
        org.bytedeco.pytorch.Tensor[] hs = new org.bytedeco.pytorch.Tensor[sequences.size()];
        for (int k = 0; k < hs.length; k++) {
            hs[k] = Ops.h(sequences.get(k), "sequences[" + k + "]");
        }
        TensorVector v = new TensorVector(hs);
        return Ops.tensor(() -> torch.pad_sequence(v, batchFirst, paddingValue, "right"));
    }

    /** {@code pad_sequence(sequences)}: time first, padded with zeros. */
    public static Tensor padSequence(List<Tensor> sequences) {
        return padSequence(sequences, false, 0.0);
    }

    /** {@code pad_sequence(sequences, batch_first)}, padded with zeros. */
    public static Tensor padSequence(List<Tensor> sequences, boolean batchFirst) {
        return padSequence(sequences, batchFirst, 0.0);
    }

    /**
     * <a href="https://pytorch.org/docs/1.13/generated/torch.nn.utils.rnn.pack_sequence.html">
     * {@code pack_sequence(sequences, enforce_sorted)}</a>: packs tensors of shape (L_i, *), as
     * {@code pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=...)}.
     */
    public static PackedSequence packSequence(List<Tensor> sequences, boolean enforceSorted) {
        Objects.requireNonNull(sequences, "sequences");
        long[] lengths = new long[sequences.size()];
        for (int k = 0; k < lengths.length; k++) {
            lengths[k] = Objects.requireNonNull(sequences.get(k), "sequences[" + k + "]").size(0);
        }
        return packPaddedSequence(padSequence(sequences), lengths, false, enforceSorted);
    }

    /** {@code pack_sequence(sequences)}: the sequences must be in decreasing order of length. */
    public static PackedSequence packSequence(List<Tensor> sequences) {
        return packSequence(sequences, true);
    }
}
