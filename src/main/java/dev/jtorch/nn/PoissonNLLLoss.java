package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.PoissonNLLLoss(log_input=True, full=False, eps=1e-08, reduction='mean')}: the negative
 * log-likelihood of a Poisson target, {@code exp(input) - target * input} for log-rate inputs, or
 * {@code input - target * log(input + eps)}; with {@code full}, plus Stirling's approximation of
 * {@code log(target!)} where the target exceeds 1.
 *
 * <pre>{@code
 * var criterion = new PoissonNLLLoss();                                    // nn.PoissonNLLLoss()
 * new PoissonNLLLoss(new PoissonNLLLoss.Options().logInput(false).full(true)) // log_input=False, full=True
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.PoissonNLLLoss.html">
 * torch.nn.PoissonNLLLoss</a>.
 */
public class PoissonNLLLoss extends Loss {
    private final boolean logInput;
    private final boolean full;
    private final double eps;

    /** PyTorch's options and defaults for {@link PoissonNLLLoss}. */
    public static final class Options {
        private Reduction reduction = Reduction.MEAN;
        private boolean logInput = true;
        private boolean full = false;
        private double eps = 1e-8;

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        /** Python's {@code log_input}: the input is the log of the rate (default true). */
        public Options logInput(boolean logInput) {
            this.logInput = logInput;
            return this;
        }

        /** Python's {@code full}: adds the Stirling term (default false). */
        public Options full(boolean full) {
            this.full = full;
            return this;
        }

        /** Python's {@code eps}, added inside the log when {@code log_input} is false (default 1e-8). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }
    }

    /** {@code nn.PoissonNLLLoss()}. */
    public PoissonNLLLoss() {
        this(new Options());
    }

    /** {@code nn.PoissonNLLLoss(...)} with options. */
    public PoissonNLLLoss(Options options) {
        super(options.reduction);
        this.logInput = options.logInput;
        this.full = options.full;
        this.eps = options.eps;
    }

    /** Python's {@code log_input}. */
    public boolean logInput() {
        return logInput;
    }

    /** Python's {@code full}. */
    public boolean full() {
        return full;
    }

    /** Python's {@code eps}. */
    public double eps() {
        return eps;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.poissonNllLoss(input, target, logInput, full, eps, reduction());
    }
}
