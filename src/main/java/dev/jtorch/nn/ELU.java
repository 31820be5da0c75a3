package dev.jtorch.nn;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.ELU(alpha=1.0)}: {@code x} where positive, {@code alpha * (exp(x) - 1)} elsewhere.
 *
 * <pre>{@code
 * new ELU()      // nn.ELU()
 * new ELU(0.5)   // nn.ELU(alpha=0.5)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.ELU.html">torch.nn.ELU</a>.
 */
public class ELU extends Module {
    private final double alpha;

    /** {@code nn.ELU()}: alpha 1. */
    public ELU() {
        this(1.0);
    }

    /** {@code nn.ELU(alpha)}. */
    public ELU(double alpha) {
        this.alpha = alpha;
    }

    /** Python's {@code alpha}. */
    public double alpha() {
        return alpha;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.elu(input, alpha);
    }

    @Override
    public String extraRepr() {
        return "alpha=" + PyFormat.repr(alpha);
    }
}
