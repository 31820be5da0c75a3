package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.SmoothL1Loss(reduction='mean', beta=1.0)}: {@code 0.5 x^2 / beta} where {@code |x| < beta},
 * {@code |x| - 0.5 beta} elsewhere ({@code x = input - target}); {@code beta = 0} is the L1 loss.
 *
 * <pre>{@code
 * var criterion = new SmoothL1Loss();                                  // nn.SmoothL1Loss()
 * new SmoothL1Loss(new SmoothL1Loss.Options().beta(0.5))               // nn.SmoothL1Loss(beta=0.5)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.SmoothL1Loss.html">torch.nn.SmoothL1Loss</a>.
 */
public class SmoothL1Loss extends Loss {
    private final double beta;

    /** PyTorch's options and defaults for {@link SmoothL1Loss}. */
    public static final class Options {
        private Reduction reduction = Reduction.MEAN;
        private double beta = 1.0;

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        /** Python's {@code beta}: where the loss turns from quadratic to linear, not negative (default 1). */
        public Options beta(double beta) {
            if (!(beta >= 0)) {
                throw new IllegalArgumentException("smooth_l1_loss does not support negative values for beta.");
            }
            this.beta = beta;
            return this;
        }
    }

    /** {@code nn.SmoothL1Loss()}. */
    public SmoothL1Loss() {
        this(new Options());
    }

    /** {@code nn.SmoothL1Loss(...)} with options. */
    public SmoothL1Loss(Options options) {
        super(options.reduction);
        this.beta = options.beta;
    }

    /** Python's {@code beta}. */
    public double beta() {
        return beta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.smoothL1Loss(input, target, reduction(), beta);
    }
}
