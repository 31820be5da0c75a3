package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** {@code torch.nn.ReLU()}: {@code max(0, x)}. */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.relu();
    }
}
