package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.Softmax(dim=None)}: {@code exp(x_i) / sum_j exp(x_j)} along {@code dim}.
 *
 * <pre>{@code
 * new Softmax(1)    // nn.Softmax(dim=1)
 * }</pre>
 *
 * <p>Without a dimension ({@code nn.Softmax()}, deprecated in PyTorch) the dimension is chosen from the input's rank
 * as PyTorch does: 0 for 0-, 1- and 3-dimensional inputs, 1 otherwise.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Softmax.html">torch.nn.Softmax</a>.
 */
public class Softmax extends Module {
    private final Long dim;

    /** {@code nn.Softmax()}: the dimension is chosen per input, as PyTorch's deprecated implicit choice. */
    public Softmax() {
        this.dim = null;
    }

    /** {@code nn.Softmax(dim)}; negative dimensions count from the end. */
    public Softmax(long dim) {
        this.dim = dim;
    }

    /** Python's {@code dim}; null for {@code None}. */
    public Long dim() {
        return dim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return dim == null ? F.softmax(input) : F.softmax(input, dim);
    }

    @Override
    public String extraRepr() {
        return "dim=" + (dim == null ? "None" : dim.toString());
    }
}
