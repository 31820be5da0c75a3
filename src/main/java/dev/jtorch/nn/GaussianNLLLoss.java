package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.GaussianNLLLoss(full=False, eps=1e-06, reduction='mean')}: the negative log-likelihood of a
 * Gaussian target, {@code 0.5 * (log(var) + (input - target)^2 / var)} (plus {@code 0.5 * log(2 pi)} with
 * {@code full}), the variance clamped to at least {@code eps} without autograd. {@code var} may have the input's
 * shape, or one dimension less, or a last dimension of 1 (homoscedastic); checked with PyTorch's messages
 * ({@code var is of incorrect size}, {@code var has negative entry/entries}). It takes three inputs:
 * {@link #forward(Tensor, Tensor, Tensor)}.
 *
 * <pre>{@code
 * var criterion = new GaussianNLLLoss();             // nn.GaussianNLLLoss()
 * criterion.forward(input, target, var)              // criterion(input, target, var)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.GaussianNLLLoss.html">
 * torch.nn.GaussianNLLLoss</a>.
 */
public class GaussianNLLLoss extends Loss {
    private final boolean full;
    private final double eps;

    /** PyTorch's options and defaults for {@link GaussianNLLLoss}. */
    public static final class Options {
        private Reduction reduction = Reduction.MEAN;
        private boolean full = false;
        private double eps = 1e-6;

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        /** Python's {@code full}: adds the constant {@code 0.5 * log(2 pi)} (default false). */
        public Options full(boolean full) {
            this.full = full;
            return this;
        }

        /** Python's {@code eps}: the smallest variance (default 1e-6). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }
    }

    /** {@code nn.GaussianNLLLoss()}. */
    public GaussianNLLLoss() {
        this(new Options());
    }

    /** {@code nn.GaussianNLLLoss(...)} with options. */
    public GaussianNLLLoss(Options options) {
        super(options.reduction);
        this.full = options.full;
        this.eps = options.eps;
    }

    /** Python's {@code full}. */
    public boolean full() {
        return full;
    }

    /** Python's {@code eps}. */
    public double eps() {
        return eps;
    }

    /** Python's {@code criterion(input, target, var)}. */
    public Tensor forward(Tensor input, Tensor target, Tensor var) {
        return F.gaussianNllLoss(input, target, var, full, eps, reduction());
    }

    /** This loss takes three inputs: use {@link #forward(Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        throw new UnsupportedOperationException("GaussianNLLLoss takes three inputs: forward(input, target, var)");
    }
}
