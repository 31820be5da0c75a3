package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.CrossEntropyLoss(weight=None, ignore_index=-100, reduction='mean', label_smoothing=0.0)}:
 * log-softmax and negative log-likelihood of class-index (or class-probability) targets.
 *
 * <pre>{@code
 * var criterion = new CrossEntropyLoss();
 * var smoothed = new CrossEntropyLoss(new CrossEntropyLoss.Options().labelSmoothing(0.1));
 * }</pre>
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html">torch.nn.CrossEntropyLoss</a>.
 */
public class CrossEntropyLoss extends Loss {
    private final Tensor weight;
    private final long ignoreIndex;
    private final double labelSmoothing;

    /** PyTorch's options and defaults for {@link CrossEntropyLoss}. */
    public static final class Options {
        private Tensor weight;
        private long ignoreIndex = -100;
        private Reduction reduction = Reduction.MEAN;
        private double labelSmoothing;

        /** A manual rescaling weight per class (Python's {@code weight}); null for none. */
        public Options weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        /** Python's {@code ignore_index} (default -100). */
        public Options ignoreIndex(long ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
            return this;
        }

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        /** Python's {@code label_smoothing}, in [0, 1] (default 0). */
        public Options labelSmoothing(double labelSmoothing) {
            if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
                throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: "
                        + labelSmoothing);
            }
            this.labelSmoothing = labelSmoothing;
            return this;
        }
    }

    /** {@code nn.CrossEntropyLoss()}. */
    public CrossEntropyLoss() {
        this(new Options());
    }

    /** {@code nn.CrossEntropyLoss(...)} with options. */
    public CrossEntropyLoss(Options options) {
        super(options.reduction);
        this.weight = options.weight == null ? null : registerBuffer("weight", options.weight.detach());
        this.ignoreIndex = options.ignoreIndex;
        this.labelSmoothing = options.labelSmoothing;
    }

    /** Python's {@code ignore_index}. */
    public long ignoreIndex() {
        return ignoreIndex;
    }

    /** Python's {@code label_smoothing}. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.crossEntropy(input, target, weight, ignoreIndex, reduction(), labelSmoothing);
    }

    /** Empty, as in PyTorch; kept for subclasses. */
    @Override
    public String extraRepr() {
        return "";
    }

}
