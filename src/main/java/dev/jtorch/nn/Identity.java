package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * {@code torch.nn.Identity()}: returns its input (a placeholder, e.g. for a removed head).
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Identity.html">torch.nn.Identity</a>.
 */
public class Identity extends Module {
    @Override
    public Tensor forward(Tensor input) {
        return input;
    }
}
