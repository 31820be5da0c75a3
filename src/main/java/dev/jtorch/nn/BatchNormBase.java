package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;

/**
 * The shared part of {@link BatchNorm1d} and {@link BatchNorm2d}, mirroring PyTorch's {@code _NormBase} and
 * {@code _BatchNorm}: learnable {@code weight} (ones) and {@code bias} (zeros) when affine, and the buffers
 * {@code running_mean} (zeros), {@code running_var} (ones) and {@code num_batches_tracked} (int64 0) when tracking
 * running statistics.
 *
 * <p>In training mode a forward pass normalises with the batch statistics and updates the running ones:
 * {@code running = (1 - momentum) * running + momentum * batch}, or, with {@code momentum=None}, the cumulative
 * average {@code 1 / num_batches_tracked}; the running variance uses the unbiased batch variance. In eval mode the
 * running statistics normalise (the batch ones when they are not tracked).
 *
 * <p>Mirrors PyTorch's private {@code _BatchNorm}, which has no page of its own; see
 * <a href="https://pytorch.org/docs/stable/nn.html#normalization-layers">torch.nn normalization layers</a>.
 */
public abstract class BatchNormBase extends Module {
    /** Python's {@code weight} (gamma), of shape (num_features), or null when not affine. */
    public Parameter weight;
    /** Python's {@code bias} (beta), of shape (num_features), or null when not affine. */
    public Parameter bias;

    private final long numFeatures;
    private final double eps;
    private Double momentum;
    private final boolean affine;
    private final boolean trackRunningStats;

    /** PyTorch's options and defaults for the batch-norm modules. */
    public static final class Options {
        private double eps = 1e-5;
        private Double momentum = 0.1;
        private boolean affine = true;
        private boolean trackRunningStats = true;

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

        /**
         * Python's {@code momentum}, where {@code null} is Python's {@code None}: the running statistics are then a
         * cumulative moving average over the batches seen.
         */
        public Options momentum(Double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Python's {@code affine}: learnable weight and bias (default true). */
        public Options affine(boolean affine) {
            this.affine = affine;
            return this;
        }

        /** Python's {@code track_running_stats} (default true). */
        public Options trackRunningStats(boolean trackRunningStats) {
            this.trackRunningStats = trackRunningStats;
            return this;
        }
    }

    /** A batch norm over {@code numFeatures} channels. */
    protected BatchNormBase(long numFeatures, Options options) {
        this(numFeatures, options.eps, options.momentum, options.affine, options.trackRunningStats);
    }

    /**
     * The parameters and buffers of PyTorch's {@code _NormBase} from the option values, for the norms whose defaults
     * differ from batch norm's ({@link InstanceNorm2d}).
     */
    protected BatchNormBase(long numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures < 0) {
            throw new IllegalArgumentException("num_features must not be negative, got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        try (TensorScope s = new TensorScope(getName() + " init")) {
            if (affine) {
                weight = new Parameter(Torch.empty(numFeatures));
                bias = new Parameter(Torch.empty(numFeatures));
            }
            if (trackRunningStats) {
                registerBuffer("running_mean", Torch.zeros(numFeatures));
                registerBuffer("running_var", Torch.ones(numFeatures));
                registerBuffer("num_batches_tracked", Torch.zeros(new long[0], DType.INT64));
            }
            resetParameters();
        }
    }

    /** Python's {@code reset_running_stats()}: mean 0, variance 1, no batches tracked. */
    public void resetRunningStats() {
        if (trackRunningStats) {
            try (var g = Torch.noGrad()) {
                runningMean().zero_();
                runningVar().fill_(1);
                numBatchesTracked().zero_();
            }
        }
    }

    /** Python's {@code reset_parameters()}: resets the running statistics, weight to ones and bias to zeros. */
    public void resetParameters() {
        resetRunningStats();
        if (affine) {
            Init.ones_(weight);
            Init.zeros_(bias);
        }
    }

    /** Python's {@code running_mean} buffer, or null when running statistics are not tracked. */
    public Tensor runningMean() {
        return getBuffer("running_mean");
    }

    /** Python's {@code running_var} buffer, or null when running statistics are not tracked. */
    public Tensor runningVar() {
        return getBuffer("running_var");
    }

    /** Python's {@code num_batches_tracked} buffer (int64 scalar), or null when not tracking. */
    public Tensor numBatchesTracked() {
        return getBuffer("num_batches_tracked");
    }

    /** Python's {@code num_features}. */
    public long numFeatures() {
        return numFeatures;
    }

    /** Python's {@code eps}. */
    public double eps() {
        return eps;
    }

    /** Python's {@code momentum}; null for {@code None} (cumulative moving average). */
    public Double momentum() {
        return momentum;
    }

    /**
     * Python's {@code bn.momentum = momentum} (null for {@code None}), as {@code torch.optim.swa_utils.update_bn}
     * does. Returns this module.
     */
    public BatchNormBase momentum(Double momentum) {
        this.momentum = momentum;
        return this;
    }

    /** Python's {@code affine}. */
    public boolean affine() {
        return affine;
    }

    /** Python's {@code track_running_stats}. */
    public boolean trackRunningStats() {
        return trackRunningStats;
    }

    /** Python's {@code _check_input_dim}: throws {@link IllegalArgumentException} with PyTorch's message. */
    protected abstract void checkInputDim(Tensor input);

    @Override
    public Tensor forward(Tensor input) {
        checkInputDim(input);
        double factor = momentum == null ? 0.0 : momentum;
        if (isTraining() && trackRunningStats) {
            Tensor tracked = numBatchesTracked();
            if (tracked != null) {
                try (var g = Torch.noGrad()) {
                    tracked.add_(1);
                }
                factor = momentum == null ? 1.0 / tracked.item() : momentum;
            }
        }
        boolean useBatchStats = isTraining() || (runningMean() == null && runningVar() == null);
        boolean passBuffers = !isTraining() || trackRunningStats;
        return F.batchNorm(input, passBuffers ? runningMean() : null, passBuffers ? runningVar() : null, weight, bias,
                useBatchStats, factor, eps);
    }

    @Override
    public String extraRepr() {
        return numFeatures + ", eps=" + PyFormat.repr(eps) + ", momentum=" + (momentum == null ? "None"
                : PyFormat.repr(momentum)) + ", affine=" + py(affine) + ", track_running_stats=" + py(trackRunningStats);
    }

    static String py(boolean b) {
        return b ? "True" : "False";
    }
}
