package dev.jtorch.nn;

import dev.jtorch.Tensor;

/** {@code torch.nn.Identity()}: returns its input (a placeholder, e.g. for a removed head). */
public class Identity extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
