package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * {@code torch.nn.Tanh()}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Tanh.html">torch.nn.Tanh</a>.
 */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.tanh();
    }
}
