package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * {@code torch.nn.Sigmoid()}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Sigmoid.html">torch.nn.Sigmoid</a>.
 */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
