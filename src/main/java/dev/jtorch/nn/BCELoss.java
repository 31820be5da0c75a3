package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.BCELoss(weight=None, reduction='mean')}: binary cross-entropy between probabilities (e.g. from
 * {@link Sigmoid}) and targets in [0, 1] of the same shape; log terms are clamped at -100 as in PyTorch.
 *
 * <pre>{@code
 * var criterion = new BCELoss();                                     // nn.BCELoss()
 * new BCELoss(new BCELoss.Options().reduction(Reduction.SUM))        // nn.BCELoss(reduction='sum')
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.BCELoss.html">torch.nn.BCELoss</a>.
 */
public class BCELoss extends Loss {
    private final Tensor weight;

    /** PyTorch's options and defaults for {@link BCELoss}. */
    public static final class Options {
        private Tensor weight;
        private Reduction reduction = Reduction.MEAN;

        /** Python's {@code weight} (a buffer): a rescaling weight broadcast to the target's shape; null for none. */
        public Options weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }
    }

    /** {@code nn.BCELoss()}. */
    public BCELoss() {
        this(new Options());
    }

    /** {@code nn.BCELoss(...)} with options. */
    public BCELoss(Options options) {
        super(options.reduction);
        this.weight = options.weight == null ? null : registerBuffer("weight", options.weight.detach());
    }

    /** Python's {@code weight} buffer, or null. */
    public Tensor weight() {
        return weight;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropy(input, target, weight, reduction());
    }
}
