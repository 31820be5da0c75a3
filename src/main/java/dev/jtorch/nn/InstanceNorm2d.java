package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.InstanceNorm2d(num_features, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)}
 * over inputs of shape (N, C, H, W) or (C, H, W): normalises each channel of each sample over its spatial
 * dimensions. With {@code affine} it learns a per-channel {@code weight} (ones) and {@code bias} (zeros); with
 * {@code track_running_stats} it keeps {@code running_mean}, {@code running_var} (updated in training mode with
 * {@code momentum}, used in eval mode) and {@code num_batches_tracked} (which, as in PyTorch, instance norm never
 * increments). Without tracking, eval mode normalises with the input's own statistics too. PyTorch 1.13 warns about
 * none of this.
 *
 * <pre>{@code
 * new InstanceNorm2d(3)                                               // nn.InstanceNorm2d(3)
 * new InstanceNorm2d(3, new InstanceNorm2d.Options().affine(true))    // nn.InstanceNorm2d(3, affine=True)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.InstanceNorm2d.html">
 * torch.nn.InstanceNorm2d</a>.
 */
public class InstanceNorm2d extends BatchNormBase {
    /** PyTorch's options and defaults for {@link InstanceNorm2d} (not affine, no running statistics). */
    public static final class Options {
        private double eps = 1e-5;
        private double momentum = 0.1;
        private boolean affine = false;
        private boolean trackRunningStats = false;

        /** Python's {@code eps}, added to the variance (default 1e-5). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Python's {@code momentum} of the running statistics (default 0.1). */
        public Options momentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Python's {@code affine}: learnable per-channel weight and bias (default false). */
        public Options affine(boolean affine) {
            this.affine = affine;
            return this;
        }

        /** Python's {@code track_running_stats} (default false). */
        public Options trackRunningStats(boolean trackRunningStats) {
            this.trackRunningStats = trackRunningStats;
            return this;
        }
    }

    /** {@code nn.InstanceNorm2d(num_features)}. */
    public InstanceNorm2d(long numFeatures) {
        this(numFeatures, new Options());
    }

    /** {@code nn.InstanceNorm2d(num_features, ...)} with options. */
    public InstanceNorm2d(long numFeatures, Options options) {
        super(numFeatures, options.eps, options.momentum, options.affine, options.trackRunningStats);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException("expected 3D or 4D input (got " + input.dim() + "D input)");
        }
    }

    @Override
    public Tensor forward(Tensor input) {
        checkInputDim(input);
        if (input.dim() == 3) {
            return apply(input.unsqueeze(0)).squeeze(0);
        }
        return apply(input);
    }

    private Tensor apply(Tensor input) {
        return F.instanceNorm(input, runningMean(), runningVar(), weight, bias, isTraining() || !trackRunningStats(),
                momentum(), eps());
    }
}
