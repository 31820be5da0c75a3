package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * {@code torch.nn.CTCLoss(blank=0, reduction='mean', zero_infinity=False)}: the connectionist temporal
 * classification loss of log-probabilities (T, N, C) or (T, C) against targets (N, S), or all targets concatenated
 * (sum of the target lengths), with the input and target lengths per sample (int64 tensors or arrays). The mean
 * reduction divides each loss by its target length, then averages over the batch; {@code zero_infinity} replaces
 * infinite losses (inputs too short for their targets) and their gradients by zero. It takes four inputs:
 * {@link #forward(Tensor, Tensor, Tensor, Tensor)}.
 *
 * <pre>{@code
 * var ctc = new CTCLoss();                                             // nn.CTCLoss()
 * new CTCLoss(new CTCLoss.Options().blank(1).zeroInfinity(true))       // nn.CTCLoss(blank=1, zero_infinity=True)
 * ctc.forward(logProbs, targets, inputLengths, targetLengths)          // ctc(log_probs, targets, ...)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.CTCLoss.html">torch.nn.CTCLoss</a>.
 */
public class CTCLoss extends Loss {
    private final long blank;
    private final boolean zeroInfinity;

    /** PyTorch's options and defaults for {@link CTCLoss}. */
    public static final class Options {
        private Reduction reduction = Reduction.MEAN;
        private long blank = 0;
        private boolean zeroInfinity = false;

        /** Python's {@code reduction} (default mean). */
        public Options reduction(Reduction reduction) {
            this.reduction = Objects.requireNonNull(reduction, "reduction");
            return this;
        }

        /** Python's {@code blank}: the class index of the blank label (default 0). */
        public Options blank(long blank) {
            this.blank = blank;
            return this;
        }

        /** Python's {@code zero_infinity} (default false). */
        public Options zeroInfinity(boolean zeroInfinity) {
            this.zeroInfinity = zeroInfinity;
            return this;
        }
    }

    /** {@code nn.CTCLoss()}. */
    public CTCLoss() {
        this(new Options());
    }

    /** {@code nn.CTCLoss(...)} with options. */
    public CTCLoss(Options options) {
        super(options.reduction);
        this.blank = options.blank;
        this.zeroInfinity = options.zeroInfinity;
    }

    /** Python's {@code blank}. */
    public long blank() {
        return blank;
    }

    /** Python's {@code zero_infinity}. */
    public boolean zeroInfinity() {
        return zeroInfinity;
    }

    /** Python's {@code ctc(log_probs, targets, input_lengths, target_lengths)} with length tensors. */
    public Tensor forward(Tensor logProbs, Tensor targets, Tensor inputLengths, Tensor targetLengths) {
        return F.ctcLoss(logProbs, targets, inputLengths, targetLengths, blank, reduction(), zeroInfinity);
    }

    /** Python's {@code ctc(log_probs, targets, input_lengths, target_lengths)} with the lengths as tuples. */
    public Tensor forward(Tensor logProbs, Tensor targets, long[] inputLengths, long[] targetLengths) {
        return F.ctcLoss(logProbs, targets, inputLengths, targetLengths, blank, reduction(), zeroInfinity);
    }

    /** This loss takes four inputs: use {@link #forward(Tensor, Tensor, Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input, Tensor target) {
        throw new UnsupportedOperationException("CTCLoss takes four inputs: forward(log_probs, targets, "
                + "input_lengths, target_lengths)");
    }
}
