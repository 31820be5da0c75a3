package dev.jtorch.nn;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.LeakyReLU(negative_slope=0.01)}: {@code max(0, x) + negative_slope * min(0, x)}.
 *
 * <pre>{@code
 * new LeakyReLU()      // nn.LeakyReLU()
 * new LeakyReLU(0.2)   // nn.LeakyReLU(0.2)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.LeakyReLU.html">torch.nn.LeakyReLU</a>.
 */
public class LeakyReLU extends Module {
    private final double negativeSlope;

    /** {@code nn.LeakyReLU()}: slope 0.01. */
    public LeakyReLU() {
        this(0.01);
    }

    /** {@code nn.LeakyReLU(negative_slope)}. */
    public LeakyReLU(double negativeSlope) {
        this.negativeSlope = negativeSlope;
    }

    /** Python's {@code negative_slope}. */
    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.leakyRelu(input, negativeSlope);
    }

    @Override
    public String extraRepr() {
        return "negative_slope=" + PyFormat.repr(negativeSlope);
    }
}
