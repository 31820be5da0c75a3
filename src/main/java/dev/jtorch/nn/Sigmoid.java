package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** {@code torch.nn.Sigmoid()}. */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input.sigmoid();
    }
}
