package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.SiLU()}: {@code x * sigmoid(x)}, the sigmoid linear unit (swish), elementwise.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.SiLU.html">torch.nn.SiLU</a>.
 */
public class SiLU extends Module {
    /** {@code nn.SiLU()}. */
    public SiLU() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.silu(input);
    }
}
