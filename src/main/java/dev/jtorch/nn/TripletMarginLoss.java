package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.TripletMarginLoss(margin=1.0, p=2.0, eps=1e-06, swap=False, reduction='mean')}:
 * {@code max(d(a, p) - d(a, n) + margin, 0)} with the p-norm pairwise distance {@code d}; with {@code swap} the
 * distance from the positive to the negative replaces {@code d(a, n)} where smaller. It takes three inputs:
 * {@link #forward(Tensor, Tensor, Tensor)}.
 *
 * <pre>{@code
 * var criterion = new TripletMarginLoss();                                          // nn.TripletMarginLoss()
 * new TripletMarginLoss(new TripletMarginLoss.Options().margin(2.0).p(1).swap(true)) // margin=2.0, p=1, swap=True
 * criterion.forward(anchor, positive, negative)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.TripletMarginLoss.html">
 * torch.nn.TripletMarginLoss</a>.
 */
public class TripletMarginLoss extends Loss {
    private final double margin;
    private final double p;
    private final double eps;
    private final boolean swap;

    /** PyTorch's options and defaults for {@link TripletMarginLoss}. */
    public static final class Options {
        private Reduction reduction = Reduction.MEAN;
        private double margin = 1.0;
        private double p = 2.0;
        private double eps = 1e-6;
        private boolean swap = false;

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        /** Python's {@code margin} (default 1). */
        public Options margin(double margin) {
            this.margin = margin;
            return this;
        }

        /** Python's {@code p}, the norm degree of the pairwise distance (default 2). */
        public Options p(double p) {
            this.p = p;
            return this;
        }

        /** Python's {@code eps}, added to the differences in the distance (default 1e-6). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Python's {@code swap}: the distance swap of Balntas et al. (default false). */
        public Options swap(boolean swap) {
            this.swap = swap;
            return this;
        }
    }

    /** {@code nn.TripletMarginLoss()}. */
    public TripletMarginLoss() {
        this(new Options());
    }

    /** {@code nn.TripletMarginLoss(...)} with options. */
    public TripletMarginLoss(Options options) {
        super(options.reduction);
        this.margin = options.margin;
        this.p = options.p;
        this.eps = options.eps;
        this.swap = options.swap;
    }

    /** Python's {@code margin}. */
    public double margin() {
        return margin;
    }

    /** Python's {@code p}. */
    public double p() {
        return p;
    }

    /** Python's {@code eps}. */
    public double eps() {
        return eps;
    }

    /** Python's {@code swap}. */
    public boolean swap() {
        return swap;
    }

    /** Python's {@code criterion(anchor, positive, negative)}. */
    public Tensor forward(Tensor anchor, Tensor positive, Tensor negative) {
        return F.tripletMarginLoss(anchor, positive, negative, margin, p, eps, swap, reduction());
    }

    /** This loss takes three inputs: use {@link #forward(Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        throw new UnsupportedOperationException("TripletMarginLoss takes three inputs: forward(anchor, positive, "
                + "negative)");
    }
}
