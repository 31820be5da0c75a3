package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.MSELoss(reduction='mean')}: the (mean) squared error between input and target, broadcast together as in
 * PyTorch.
 *
 * <pre>{@code
 * var criterion = new MSELoss();                                     // nn.MSELoss()
 * new MSELoss(new MSELoss.Options().reduction(Reduction.SUM))          // nn.MSELoss(reduction='sum')
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.MSELoss.html">torch.nn.MSELoss</a>.
 */
public class MSELoss extends Loss {
    /** PyTorch's options and defaults for {@link MSELoss}. */
    public static final class Options {
        private Reduction reduction = Reduction.MEAN;

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }
    }

    /** {@code nn.MSELoss()}. */
    public MSELoss() {
        this(new Options());
    }

    /** {@code nn.MSELoss(...)} with options. */
    public MSELoss(Options options) {
        super(options.reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.mseLoss(input, target, reduction());
    }
}
