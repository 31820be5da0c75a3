package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.internal.Ops;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.ReLU(inplace=False)}: {@code max(0, x)}. With {@code inplace} the input itself is overwritten and
 * returned, as in PyTorch (torchvision's models use {@code ReLU(inplace=True)}; autograd then raises PyTorch's error
 * where the input is a leaf that requires grad).
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.ReLU.html">torch.nn.ReLU</a>.
 */
public class ReLU extends Module {
    private final boolean inplace;

    /** {@code nn.ReLU()}. */
    public ReLU() {
        this(false);
    }

    /** {@code nn.ReLU(inplace)}. */
    public ReLU(boolean inplace) {
        this.inplace = inplace;
    }

    /** Python's {@code inplace}. */
    public boolean inplace() {
        return inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        if (inplace) {
            org.bytedeco.pytorch.Tensor h = Ops.h(input, "input");
            Ops.call(() -> torch.relu_(h));
            return input;
        }
        return input.relu();
    }

    @Override
    public String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
