package dev.jtorch.distributed;

import dev.jtorch.Tensor;
import dev.jtorch.internal.Ops;
import java.util.Objects;

/** The checks of a collective's tensor arguments, with PyTorch's messages. */
final class CollectiveArgs {
    private CollectiveArgs() {}

    /** The native tensor of a live tensor that a collective reads or writes in place: it must be contiguous. */
    static org.bytedeco.pytorch.Tensor contiguous(Tensor t, String name) {
        org.bytedeco.pytorch.Tensor h = Ops.h(t, name);
        if (!h.is_contiguous()) {
            // gloo reads and writes numel() elements from data_ptr(): a strided view would be read and written wrong
            throw new IllegalArgumentException("Tensors must be contiguous (" + name + " is a strided view; pass "
                    + name + ".contiguous() and copy the result back)");
        }
        return h;
    }

    static void requireSameDtype(Tensor a, Tensor b, String what) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(what + ": output and input must have the same dtype, got "
                    + a.dtype() + " and " + b.dtype());
        }
    }

    static void requireSameShape(Tensor t, Tensor like, String what) {
        Objects.requireNonNull(t, what);
        if (!t.shape().equals(like.shape()) || t.dtype() != like.dtype()) {
            throw new IllegalArgumentException(what + " must have the shape and dtype of the tensor ("
                    + like.shape() + ", " + like.dtype() + "), got " + t.shape() + ", " + t.dtype());
        }
    }
}
