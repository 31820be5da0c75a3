package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.BCEWithLogitsLoss(weight=None, reduction='mean', pos_weight=None)}: a sigmoid and binary
 * cross-entropy in one numerically stable step, on logits and targets of the same shape; {@code pos_weight}
 * weights the positive term per class.
 *
 * <pre>{@code
 * var criterion = new BCEWithLogitsLoss();                                   // nn.BCEWithLogitsLoss()
 * new BCEWithLogitsLoss(new BCEWithLogitsLoss.Options().posWeight(pw))       // nn.BCEWithLogitsLoss(pos_weight=pw)
 * }</pre>
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html">torch.nn.BCEWithLogitsLoss</a>.
 */
public class BCEWithLogitsLoss extends Loss {
    private final Tensor weight;
    private final Tensor posWeight;

    /** PyTorch's options and defaults for {@link BCEWithLogitsLoss}. */
    public static final class Options {
        private Tensor weight;
        private Tensor posWeight;
        private Reduction reduction = Reduction.MEAN;

        /** Python's {@code weight} (a buffer): a rescaling weight broadcast to the input; null for none. */
        public Options weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        /** Python's {@code pos_weight} (a buffer): the weight of positive examples, per class; null for none. */
        public Options posWeight(Tensor posWeight) {
            this.posWeight = posWeight;
            return this;
        }

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }
    }

    /** {@code nn.BCEWithLogitsLoss()}. */
    public BCEWithLogitsLoss() {
        this(new Options());
    }

    /** {@code nn.BCEWithLogitsLoss(...)} with options. */
    public BCEWithLogitsLoss(Options options) {
        super(options.reduction);
        this.weight = options.weight == null ? null : registerBuffer("weight", options.weight.detach());
        this.posWeight = options.posWeight == null ? null : registerBuffer("pos_weight", options.posWeight.detach());
    }

    /** Python's {@code weight} buffer, or null. */
    public Tensor weight() {
        return weight;
    }

    /** Python's {@code pos_weight} buffer, or null. */
    public Tensor posWeight() {
        return posWeight;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.binaryCrossEntropyWithLogits(input, target, weight, reduction(), posWeight);
    }
}
