package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * {@code torch.nn.ReLU()}: {@code max(0, x)}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.ReLU.html">torch.nn.ReLU</a>.
 */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
