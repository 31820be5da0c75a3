package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.L1Loss(reduction='mean')}: the (mean) absolute error between input and target, broadcast together as in
 * PyTorch.
 *
 * <pre>{@code
 * var criterion = new L1Loss();                                     // nn.L1Loss()
 * new L1Loss(new L1Loss.Options().reduction(Reduction.SUM))          // nn.L1Loss(reduction='sum')
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.L1Loss.html">torch.nn.L1Loss</a>.
 */
public class L1Loss extends Loss {
    /** PyTorch's options and defaults for {@link L1Loss}. */
    public static final class Options {
        private Reduction reduction = Reduction.MEAN;

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }
    }

    /** {@code nn.L1Loss()}. */
    public L1Loss() {
        this(new Options());
    }

    /** {@code nn.L1Loss(...)} with options. */
    public L1Loss(Options options) {
        super(options.reduction);
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.l1Loss(input, target, reduction());
    }
}
