package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * {@code torch.nn.Flatten(start_dim=1, end_dim=-1)}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Flatten.html">torch.nn.Flatten</a>.
 */
public class Flatten extends Module {
    private final long startDim;
    private final long endDim;

    /** {@code nn.Flatten()}: keeps the batch dimension. */
    public Flatten() {
        this(1, -1);
    }

    /** {@code nn.Flatten(start_dim, end_dim)}. */
    public Flatten(long startDim, long endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        return input.flatten(startDim, endDim);
    }

    @Override
    public String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=" + endDim;
    }
}
