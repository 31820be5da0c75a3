package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.Mish()}: {@code x * tanh(softplus(x))}, elementwise.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Mish.html">torch.nn.Mish</a>.
 */
public class Mish extends Module {
    /** {@code nn.Mish()}. */
    public Mish() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.mish(input);
    }
}
