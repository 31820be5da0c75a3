package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.HuberLoss(reduction='mean', delta=1.0)}: {@code 0.5 x^2} where {@code |x| < delta},
 * {@code delta (|x| - 0.5 delta)} elsewhere ({@code x = input - target}).
 *
 * <pre>{@code
 * var criterion = new HuberLoss();                                // nn.HuberLoss()
 * new HuberLoss(new HuberLoss.Options().delta(2.0))               // nn.HuberLoss(delta=2.0)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.HuberLoss.html">torch.nn.HuberLoss</a>.
 */
public class HuberLoss extends Loss {
    private final double delta;

    /** PyTorch's options and defaults for {@link HuberLoss}. */
    public static final class Options {
        private Reduction reduction = Reduction.MEAN;
        private double delta = 1.0;

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        /** Python's {@code delta}: where the loss turns from quadratic to linear, positive (default 1). */
        public Options delta(double delta) {
            if (!(delta > 0)) {
                throw new IllegalArgumentException("huber_loss does not support non-positive values for delta.");
            }
            this.delta = delta;
            return this;
        }
    }

    /** {@code nn.HuberLoss()}. */
    public HuberLoss() {
        this(new Options());
    }

    /** {@code nn.HuberLoss(...)} with options. */
    public HuberLoss(Options options) {
        super(options.reduction);
        this.delta = options.delta;
    }

    /** Python's {@code delta}. */
    public double delta() {
        return delta;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.huberLoss(input, target, reduction(), delta);
    }
}
