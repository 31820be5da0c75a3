package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.LogSoftmax(dim=None)}: {@code log(softmax(x))} along {@code dim}, computed stably.
 *
 * <pre>{@code
 * new LogSoftmax(1)    // nn.LogSoftmax(dim=1)
 * }</pre>
 *
 * <p>Without a dimension ({@code nn.LogSoftmax()}, deprecated in PyTorch) the dimension is chosen from the input's rank
 * as PyTorch does: 0 for 0-, 1- and 3-dimensional inputs, 1 otherwise.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.LogSoftmax.html">torch.nn.LogSoftmax</a>.
 */
public class LogSoftmax extends Module {
    private final Long dim;

    /** {@code nn.LogSoftmax()}: the dimension is chosen per input, as PyTorch's deprecated implicit choice. */
    public LogSoftmax() {
        this.dim = null;
    }

    /** {@code nn.LogSoftmax(dim)}; negative dimensions count from the end. */
    public LogSoftmax(long dim) {
        this.dim = dim;
    }

    /** Python's {@code dim}; null for {@code None}. */
    public Long dim() {
        return dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return dim == null ? F.logSoftmax(input) : F.logSoftmax(input, dim);
    }

    @Override
    public String extraRepr() {
        return "dim=" + (dim == null ? "None" : dim.toString());
    }
}
