package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.internal.Ops;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.ReLU6(inplace=False)}: {@code min(max(0, x), 6)}, PyTorch's {@code Hardtanh(0, 6)} (the same
 * kernel, so the same values and gradients, including at 0 and 6). With {@code inplace} the input itself is
 * overwritten and returned. See
 * <a href="https://pytorch.org/docs/1.13/generated/torch.nn.ReLU6.html">torch.nn.ReLU6</a>.
 */
public class ReLU6 extends Module {
    private final boolean inplace;

    /** {@code nn.ReLU6()}. */
    public ReLU6() {
        this(false);
    }

    /** {@code nn.ReLU6(inplace)}. */
    public ReLU6(boolean inplace) {
        this.inplace = inplace;
    }

    /** Python's {@code inplace}. */
    public boolean inplace() {
        return inplace;
    }

    @Override
    public Tensor forward(Tensor input) {
        org.bytedeco.pytorch.Tensor h = Ops.h(input, "input");
        if (inplace) {
            Ops.call(() -> torch.hardtanh_(h, new Scalar(0.0), new Scalar(6.0)));
            return input;
        }
        return Ops.tensor(() -> torch.hardtanh(h, new Scalar(0.0), new Scalar(6.0)));
    }

    @Override
    public String extraRepr() {
        return inplace ? "inplace=True" : "";
    }
}
