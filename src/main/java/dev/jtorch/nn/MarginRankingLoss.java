package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.MarginRankingLoss(margin=0.0, reduction='mean')}: {@code max(0, -y * (x1 - x2) + margin)}, for
 * targets {@code y} of 1 (x1 should rank higher) or -1. It takes three inputs:
 * {@link #forward(Tensor, Tensor, Tensor)}.
 *
 * <pre>{@code
 * var criterion = new MarginRankingLoss(new MarginRankingLoss.Options().margin(1.0));
 *                                                        // nn.MarginRankingLoss(margin=1.0)
 * criterion.forward(x1, x2, y)                                                         // criterion(x1, x2, y)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.MarginRankingLoss.html">
 * torch.nn.MarginRankingLoss</a>.
 */
public class MarginRankingLoss extends Loss {
    private final double margin;

    /** PyTorch's options and defaults for {@link MarginRankingLoss}. */
    public static final class Options {
        private Reduction reduction = Reduction.MEAN;
        private double margin = 0.0;

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        /** Python's {@code margin} (default 0). */
        public Options margin(double margin) {
            this.margin = margin;
            return this;
        }
    }

    /** {@code nn.MarginRankingLoss()}. */
    public MarginRankingLoss() {
        this(new Options());
    }

    /** {@code nn.MarginRankingLoss(...)} with options. */
    public MarginRankingLoss(Options options) {
        super(options.reduction);
        this.margin = options.margin;
    }

    /** Python's {@code margin}. */
    public double margin() {
        return margin;
    }

    /** Python's {@code criterion(input1, input2, target)}. */
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        return F.marginRankingLoss(input1, input2, target, margin, reduction());
    }

    /** This loss takes three inputs: use {@link #forward(Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        throw new UnsupportedOperationException("MarginRankingLoss takes three inputs: forward(input1, input2, "
                + "target)");
    }
}
