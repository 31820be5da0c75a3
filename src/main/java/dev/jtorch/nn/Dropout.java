package dev.jtorch.nn;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.Dropout(p=0.5)}: in training mode zeroes each element with probability {@code p} (drawing from
 * the default generator as PyTorch does) and scales the rest by {@code 1/(1-p)}; the identity in eval mode.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Dropout.html">torch.nn.Dropout</a>.
 */
public class Dropout extends Module {
    private final double p;

    /** {@code nn.Dropout()} with p = 0.5. */
    public Dropout() {
        this(0.5);
    }

    /** {@code nn.Dropout(p)}. */
    public Dropout(double p) {
        F.checkProbability(p);
        this.p = p;
    }

    /** Python's {@code p}. */
    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout(input, p, isTraining());
    }

    @Override
    public String extraRepr() {
        return "p=" + PyFormat.repr(p) + ", inplace=False";
    }
}
