package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.CosineEmbeddingLoss(margin=0.0, reduction='mean')}: for a target of 1, {@code 1 - cos(x1, x2)};
 * for -1, {@code max(0, cos(x1, x2) - margin)}. It takes three inputs: {@link #forward(Tensor, Tensor, Tensor)}.
 *
 * <pre>{@code
 * var criterion = new CosineEmbeddingLoss();                              // nn.CosineEmbeddingLoss()
 * new CosineEmbeddingLoss(new CosineEmbeddingLoss.Options().margin(0.5))  // nn.CosineEmbeddingLoss(margin=0.5)
 * criterion.forward(x1, x2, y)                                            // criterion(x1, x2, y)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.CosineEmbeddingLoss.html">
 * torch.nn.CosineEmbeddingLoss</a>.
 */
public class CosineEmbeddingLoss extends Loss {
    private final double margin;

    /** PyTorch's options and defaults for {@link CosineEmbeddingLoss}. */
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

    /** {@code nn.CosineEmbeddingLoss()}. */
    public CosineEmbeddingLoss() {
        this(new Options());
    }

    /** {@code nn.CosineEmbeddingLoss(...)} with options. */
    public CosineEmbeddingLoss(Options options) {
        super(options.reduction);
        this.margin = options.margin;
    }

    /** Python's {@code margin}. */
    public double margin() {
        return margin;
    }

    /** Python's {@code criterion(input1, input2, target)}. */
    public Tensor forward(Tensor input1, Tensor input2, Tensor target) {
        return F.cosineEmbeddingLoss(input1, input2, target, margin, reduction());
    }

    /** This loss takes three inputs: use {@link #forward(Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        throw new UnsupportedOperationException("CosineEmbeddingLoss takes three inputs: forward(input1, input2, "
                + "target)");
    }
}
