package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.KLDivLoss(reduction='mean', log_target=False)}: the Kullback-Leibler divergence
 * {@code target * (log(target) - input)} pointwise, for an input of log-probabilities and a target of probabilities
 * (log-probabilities with {@code log_target}).
 *
 * <p>Python's {@code reduction='batchmean'} (the sum divided by the batch size, the mathematically correct KL
 * divergence; {@code 'mean'} divides by the number of elements) is {@link Options#batchmean(boolean)}, since
 * {@link Reduction} holds only the reductions every loss accepts:
 *
 * <pre>{@code
 * var criterion = new KLDivLoss(new KLDivLoss.Options().batchmean(true));                 // nn.KLDivLoss(reduction='batchmean')
 * new KLDivLoss(new KLDivLoss.Options().reduction(Reduction.SUM).logTarget(true))         // nn.KLDivLoss(reduction='sum', log_target=True)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.KLDivLoss.html">torch.nn.KLDivLoss</a>.
 */
public class KLDivLoss extends Loss {
    private final boolean batchmean;
    private final boolean logTarget;

    /** PyTorch's options and defaults for {@link KLDivLoss}. */
    public static final class Options {
        private Reduction reduction = Reduction.MEAN;
        private boolean batchmean;
        private boolean logTarget;

        /**
         * Python's {@code reduction='none'|'mean'|'sum'} (default mean). Replaces an earlier {@code batchmean(true)}.
         */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            this.batchmean = false;
            return this;
        }

        /**
         * Python's {@code reduction='batchmean'} when true: the summed loss divided by the input's first dimension.
         * Replaces an earlier {@code reduction(...)}; false goes back to the default mean.
         */
        public Options batchmean(boolean batchmean) {
            this.batchmean = batchmean;
            this.reduction = batchmean ? Reduction.SUM : Reduction.MEAN;
            return this;
        }

        /** Python's {@code log_target}: the target holds log-probabilities (default false). */
        public Options logTarget(boolean logTarget) {
            this.logTarget = logTarget;
            return this;
        }
    }

    /** {@code nn.KLDivLoss()}. */
    public KLDivLoss() {
        this(new Options());
    }

    /** {@code nn.KLDivLoss(...)} with options. */
    public KLDivLoss(Options options) {
        super(options.reduction);
        this.batchmean = options.batchmean;
        this.logTarget = options.logTarget;
    }

    /**
     * Python's {@code reduction == 'batchmean'}. When true, {@link #reduction()} is {@link Reduction#SUM}: the
     * reduction applied before dividing by the batch size.
     */
    public boolean batchmean() {
        return batchmean;
    }

    /** Python's {@code log_target}. */
    public boolean logTarget() {
        return logTarget;
    }

    @Override
    public Tensor forward(Tensor input, Tensor target) {
        return batchmean ? F.klDivBatchmean(input, target, logTarget)
                : F.klDiv(input, target, reduction(), logTarget);
    }
}
