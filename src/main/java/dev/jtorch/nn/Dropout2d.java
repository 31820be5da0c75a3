package dev.jtorch.nn;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.Dropout2d(p=0.5)}: in training mode zeroes whole channels (each (N, C) feature map of an input
 * (N, C, H, W)) with probability {@code p}, drawing one Bernoulli value per channel from the default generator as
 * PyTorch does, and scales the rest by {@code 1/(1-p)}; the identity in eval mode. Like PyTorch 1.13 it takes a
 * 3-dimensional input as (N, C, L) and warns about it, and warns about inputs that are neither 3- nor
 * 4-dimensional (see {@link F#dropout2d}).
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Dropout2d.html">torch.nn.Dropout2d</a>.
 */
public class Dropout2d extends Module {
    private final double p;

    /** {@code nn.Dropout2d()} with p = 0.5. */
    public Dropout2d() {
        this(0.5);
    }

    /** {@code nn.Dropout2d(p)}. */
    public Dropout2d(double p) {
        F.checkProbability(p);
        this.p = p;
    }

    /** Python's {@code p}. */
    public double p() {
        return p;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.dropout2d(input, p, isTraining());
    }

    @Override
    public String extraRepr() {
        return "p=" + PyFormat.repr(p) + ", inplace=False";
    }
}
