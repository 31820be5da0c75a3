package dev.jtorch.nn;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;

/**
 * {@code torch.nn.GroupNorm(num_groups, num_channels, eps=1e-05, affine=True)}: splits the channels of an input
 * (N, C, *) into {@code num_groups} groups and normalises each group of each sample, with a learnable per-channel
 * {@code weight} (ones) and {@code bias} (zeros) when affine. The same in train and eval mode. Zero groups raise
 * {@link ArithmeticException} (Python's {@code ZeroDivisionError}).
 *
 * <pre>{@code
 * new GroupNorm(2, 4)                                              // nn.GroupNorm(2, 4)
 * new GroupNorm(3, 6, new GroupNorm.Options().eps(1e-3).affine(false)) // nn.GroupNorm(3, 6, eps=1e-3, affine=False)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.GroupNorm.html">torch.nn.GroupNorm</a>.
 */
public class GroupNorm extends Module {
    /** Python's {@code weight}, of shape (num_channels), or null when not affine. */
    public Parameter weight;
    /** Python's {@code bias}, of shape (num_channels), or null when not affine. */
    public Parameter bias;

    private final long numGroups;
    private final long numChannels;
    private final double eps;
    private final boolean affine;

    /** PyTorch's options and defaults for {@link GroupNorm}. */
    public static final class Options {
        private double eps = 1e-5;
        private boolean affine = true;

        /** Python's {@code eps}, added to the variance (default 1e-5). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Python's {@code affine}: learnable per-channel weight and bias (default true). */
        public Options affine(boolean affine) {
            this.affine = affine;
            return this;
        }
    }

    /** {@code nn.GroupNorm(num_groups, num_channels)}. */
    public GroupNorm(long numGroups, long numChannels) {
        this(numGroups, numChannels, new Options());
    }

    /** {@code nn.GroupNorm(num_groups, num_channels, ...)} with options. */
    public GroupNorm(long numGroups, long numChannels, Options options) {
        if (numGroups == 0) {
            throw new ArithmeticException("integer division or modulo by zero");
        }
        if (numChannels % numGroups != 0) {
            throw new IllegalArgumentException("num_channels must be divisible by num_groups");
        }
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.eps = options.eps;
        this.affine = options.affine;
        if (affine) {
            try (TensorScope s = new TensorScope("GroupNorm init")) {
                weight = new Parameter(Torch.empty(numChannels));
                bias = new Parameter(Torch.empty(numChannels));
            }
        }
        resetParameters();
    }

    /** Python's {@code reset_parameters()}: weight to ones, bias to zeros. */
    public void resetParameters() {
        if (affine) {
            Init.ones_(weight);
            Init.zeros_(bias);
        }
    }

    /** Python's {@code num_groups}. */
    public long numGroups() {
        return numGroups;
    }

    /** Python's {@code num_channels}. */
    public long numChannels() {
        return numChannels;
    }

    /** Python's {@code eps}. */
    public double eps() {
        return eps;
    }

    /** Python's {@code affine}. */
    public boolean affine() {
        return affine;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.groupNorm(input, numGroups, weight, bias, eps);
    }

    @Override
    public String extraRepr() {
        return numGroups + ", " + numChannels + ", eps=" + PyFormat.repr(eps) + ", affine=" + BatchNormBase.py(affine);
    }
}
