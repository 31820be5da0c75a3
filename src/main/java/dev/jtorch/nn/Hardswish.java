package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.Hardswish()}: {@code x * relu6(x + 3) / 6}, elementwise.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Hardswish.html">torch.nn.Hardswish</a>.
 */
public class Hardswish extends Module {
    /** {@code nn.Hardswish()}. */
    public Hardswish() {}

    @Override
    public Tensor forward(Tensor input) {
        return F.hardswish(input);
    }
}
