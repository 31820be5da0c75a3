package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.NLLLoss(weight=None, ignore_index=-100, reduction='mean')}: the negative log-likelihood of
 * class-index targets, for inputs of log-probabilities (N, C) or (N, C, d1, ...), e.g. from {@link LogSoftmax}.
 * The weighted mean divides by the summed weights of the non-ignored targets, as in PyTorch.
 *
 * <pre>{@code
 * var criterion = new NLLLoss();                                           // nn.NLLLoss()
 * new NLLLoss(new NLLLoss.Options().weight(w).reduction(Reduction.SUM))    // nn.NLLLoss(weight=w, reduction='sum')
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.NLLLoss.html">torch.nn.NLLLoss</a>.
 */
public class NLLLoss extends Loss {
    private final Tensor weight;
    private final long ignoreIndex;

    /** PyTorch's options and defaults for {@link NLLLoss}. */
    public static final class Options {
        private Tensor weight;
        private long ignoreIndex = -100;
        private Reduction reduction = Reduction.MEAN;

        /** A manual rescaling weight per class (Python's {@code weight}, a buffer); null for none. */
        public Options weight(Tensor weight) {
            this.weight = weight;
            return this;
        }

        /** Python's {@code ignore_index}: targets with this value contribute nothing (default -100). */
        public Options ignoreIndex(long ignoreIndex) {
            this.ignoreIndex = ignoreIndex;
            return this;
        }

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }
    }

    /** {@code nn.NLLLoss()}. */
    public NLLLoss() {
        this(new Options());
    }

    /** {@code nn.NLLLoss(...)} with options. */
    public NLLLoss(Options options) {
        super(options.reduction);
        this.weight = options.weight == null ? null : registerBuffer("weight", options.weight.detach());
        this.ignoreIndex = options.ignoreIndex;
    }

    /** Python's {@code weight} buffer, or null. */
    public Tensor weight() {
        return weight;
    }

    /** Python's {@code ignore_index}. */
    public long ignoreIndex() {
        return ignoreIndex;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return F.nllLoss(input, target, weight, ignoreIndex, reduction());
    }
}
