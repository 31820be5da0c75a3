package dev.jtorch.nn;

import dev.jtorch.PyEnum;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Padding;
import dev.jtorch.nn.init.Init;
import java.util.Arrays;
import java.util.Objects;

/**
 * The shared part of {@link Conv1d}, {@link Conv2d}, {@link Conv3d} and {@link ConvTranspose2d}, mirroring
 * PyTorch's {@code _ConvNd}: a {@code weight} of shape (out_channels, in_channels / groups, *kernel_size) (for the
 * transposed ones (in_channels, out_channels / groups, *kernel_size)) and an optional {@code bias}, initialised as
 * PyTorch does (Kaiming-uniform weight with {@code a = sqrt(5)}, bias uniform in +-1/sqrt(fan_in)), so the same seed
 * gives the same weights; stride, padding (an amount, {@code 'same'} or {@code 'valid'}), dilation, groups and
 * padding mode as in PyTorch.
 *
 * <p>Mirrors PyTorch's private {@code _ConvNd}, which has no page of its own; see
 * <a href="https://pytorch.org/docs/stable/nn.html#convolution-layers">torch.nn convolution layers</a>.
 */
public abstract class ConvNd extends Module {
    /** Python's {@code weight}, of shape (out_channels, in_channels / groups, *kernel_size). */
    public Parameter weight;
    /** Python's {@code bias}, of shape (out_channels), or null without bias. */
    public Parameter bias;

    /** Python's {@code padding_mode}: how the border is padded. */
    public enum PaddingMode implements PyEnum {
        /** {@code 'zeros'} (the default). */
        ZEROS("zeros", null),
        /** {@code 'reflect'}. */
        REFLECT("reflect", F.PadMode.REFLECT),
        /** {@code 'replicate'}. */
        REPLICATE("replicate", F.PadMode.REPLICATE),
        /** {@code 'circular'}. */
        CIRCULAR("circular", F.PadMode.CIRCULAR);

        private final String pythonName;
        private final F.PadMode padMode;

        PaddingMode(String pythonName, F.PadMode padMode) {
            this.pythonName = pythonName;
            this.padMode = padMode;
        }

        /** Python's spelling, e.g. {@code reflect}. */
        @Override
        public String pythonName() {
            return pythonName;
        }

        /** The same as {@link #pythonName()}. */
        @Override
        public String toString() {
            return pythonName;
        }
    }

    /**
     * The options the convolutions share, with PyTorch's defaults: stride 1, padding 0, dilation 1, groups 1, bias,
     * padding mode zeros. {@link Conv1d.Options} and {@link Conv2d.Options} add the per-dimension forms.
     *
     * @param <O> the concrete options type, returned by the fluent setters
     */
    public abstract static class BaseOptions<O extends BaseOptions<O>> {
        long[] stride;
        long[] padding;
        Padding paddingString;
        long[] dilation;
        long groups = 1;
        boolean bias = true;
        PaddingMode paddingMode = PaddingMode.ZEROS;

        BaseOptions() {}

        abstract int dims();

        @SuppressWarnings("unchecked")
        O self() {
            return (O) this;
        }

        long[] expand(long v) {
            long[] a = new long[dims()];
            Arrays.fill(a, v);
            return a;
        }

        /** Python's {@code stride}, the same in every dimension (default 1). */
        public O stride(long stride) {
            this.stride = expand(stride);
            return self();
        }

        /** Python's {@code padding} as an amount added to both sides of every dimension (default 0). */
        public O padding(long padding) {
            this.padding = expand(padding);
            this.paddingString = null;
            return self();
        }

        /** Python's {@code padding='same'} or {@code padding='valid'}. */
        public O padding(Padding padding) {
            this.paddingString = Objects.requireNonNull(padding, "padding");
            this.padding = null;
            return self();
        }

        /** Python's {@code dilation}, the same in every dimension (default 1). */
        public O dilation(long dilation) {
            this.dilation = expand(dilation);
            return self();
        }

        /** Python's {@code groups} (default 1). */
        public O groups(long groups) {
            this.groups = groups;
            return self();
        }

        /** Python's {@code bias} (default true). */
        public O bias(boolean bias) {
            this.bias = bias;
            return self();
        }

        /** Python's {@code padding_mode} (default zeros). */
        public O paddingMode(PaddingMode paddingMode) {
            this.paddingMode = Objects.requireNonNull(paddingMode, "paddingMode");
            return self();
        }
    }

    private final long inChannels;
    private final long outChannels;
    private final long[] kernelSize;
    private final long[] stride;
    private final long[] padding;
    private final Padding paddingString;
    private final long[] dilation;
    private final long groups;
    private final PaddingMode paddingMode;
    private final long[] reversedPaddingRepeatedTwice;
    private final boolean transposed;
    private final long[] outputPadding;

    /** A convolution with {@code kernelSize.length} spatial dimensions; validates as PyTorch. */
    protected ConvNd(long inChannels, long outChannels, long[] kernelSize, BaseOptions<?> options) {
        this(inChannels, outChannels, kernelSize, options, false, new long[kernelSize.length]);
    }

    /**
     * A convolution, or with {@code transposed} a transposed one (PyTorch's {@code _ConvTransposeNd}), whose
     * {@code weight} then has the shape (in_channels, out_channels / groups, *kernel_size); {@code outputPadding}
     * is Python's {@code output_padding} (zeros for a plain convolution).
     */
    protected ConvNd(long inChannels, long outChannels, long[] kernelSize, BaseOptions<?> options, boolean transposed,
            long[] outputPadding) {
        int n = kernelSize.length;
        this.transposed = transposed;
        this.outputPadding = outputPadding.clone();
        if (options.groups <= 0) {
            throw new IllegalArgumentException("groups must be a positive integer");
        }
        if (inChannels % options.groups != 0) {
            throw new IllegalArgumentException("in_channels must be divisible by groups");
        }
        if (outChannels % options.groups != 0) {
            throw new IllegalArgumentException("out_channels must be divisible by groups");
        }
        long[] strideValues = options.stride != null ? options.stride : options.expand(1);
        if (options.paddingString == Padding.SAME && Arrays.stream(strideValues).anyMatch(s -> s != 1)) {
            throw new IllegalArgumentException("padding='same' is not supported for strided convolutions");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize.clone();
        this.stride = strideValues;
        this.paddingString = options.paddingString;
        this.padding = options.paddingString != null ? null : options.padding != null ? options.padding
                : options.expand(0);
        this.dilation = options.dilation != null ? options.dilation : options.expand(1);
        this.groups = options.groups;
        this.paddingMode = options.paddingMode;
        this.reversedPaddingRepeatedTwice = new long[2 * n];
        if (paddingString == Padding.SAME) {
            for (int d = 0; d < n; d++) {
                int i = n - 1 - d;
                long total = dilation[d] * (this.kernelSize[d] - 1);
                long left = total / 2;
                reversedPaddingRepeatedTwice[2 * i] = left;
                reversedPaddingRepeatedTwice[2 * i + 1] = total - left;
            }
        } else if (padding != null) {
            for (int d = 0; d < n; d++) {
                int i = n - 1 - d;
                reversedPaddingRepeatedTwice[2 * i] = padding[d];
                reversedPaddingRepeatedTwice[2 * i + 1] = padding[d];
            }
        }
        long[] shape = new long[n + 2];
        shape[0] = transposed ? inChannels : outChannels;
        shape[1] = transposed ? outChannels / groups : inChannels / groups;
        System.arraycopy(kernelSize, 0, shape, 2, n);
        try (TensorScope s = new TensorScope(getName() + " init")) {
            weight = new Parameter(Torch.empty(shape));
            bias = options.bias ? new Parameter(Torch.empty(outChannels)) : null;
        }
        resetParameters();
    }

    /** Python's {@code reset_parameters()}: draws new initial values from the default generator. */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5));
        if (bias != null) {
            long fanIn = Init.calculateFanInAndFanOut(weight)[0];
            if (fanIn != 0) {
                double bound = 1 / Math.sqrt(fanIn);
                Init.uniform_(bias, -bound, bound);
            }
        }
    }

    /** Python's {@code in_channels}. */
    public long inChannels() {
        return inChannels;
    }

    /** Python's {@code out_channels}. */
    public long outChannels() {
        return outChannels;
    }

    /** Python's {@code kernel_size}. */
    public long[] kernelSize() {
        return kernelSize.clone();
    }

    /** Python's {@code stride}. */
    public long[] stride() {
        return stride.clone();
    }

    /** Python's {@code padding} as amounts, or null when it is {@code 'same'} or {@code 'valid'}. */
    public long[] padding() {
        return padding == null ? null : padding.clone();
    }

    /** Python's {@code padding} when it is a string ({@code 'same'}, {@code 'valid'}), else null. */
    public Padding paddingString() {
        return paddingString;
    }

    /** Python's {@code dilation}. */
    public long[] dilation() {
        return dilation.clone();
    }

    /** Python's {@code groups}. */
    public long groups() {
        return groups;
    }

    /** Python's {@code padding_mode}. */
    public PaddingMode paddingMode() {
        return paddingMode;
    }

    /** Python's {@code transposed}: true for the transposed convolutions. */
    public boolean transposed() {
        return transposed;
    }

    /** Python's {@code output_padding} (zeros but for a transposed convolution given one). */
    public long[] outputPadding() {
        return outputPadding.clone();
    }

    /** The convolution kernel with explicit amounts of padding. */
    protected abstract Tensor conv(Tensor input, long[] stride, long[] padding, long[] dilation, long groups);

    /** The convolution kernel with {@code 'same'} or {@code 'valid'} padding. */
    protected abstract Tensor conv(Tensor input, long[] stride, Padding padding, long[] dilation, long groups);

    @Override
    public Tensor forward(Tensor input) {
        if (paddingMode != PaddingMode.ZEROS) {
            Tensor padded = F.pad(input, reversedPaddingRepeatedTwice, paddingMode.padMode);
            return conv(padded, stride, new long[kernelSize.length], dilation, groups);
        }
        return paddingString != null ? conv(input, stride, paddingString, dilation, groups)
                : conv(input, stride, padding, dilation, groups);
    }

    @Override
    public String extraRepr() {
        StringBuilder s = new StringBuilder().append(inChannels).append(", ").append(outChannels)
                .append(", kernel_size=").append(IntArg.tuple(kernelSize)).append(", stride=")
                .append(IntArg.tuple(stride));
        if (paddingString != null) {
            s.append(", padding=").append(paddingString.pythonName());
        } else if (Arrays.stream(padding).anyMatch(p -> p != 0)) {
            s.append(", padding=").append(IntArg.tuple(padding));
        }
        if (Arrays.stream(dilation).anyMatch(d -> d != 1)) {
            s.append(", dilation=").append(IntArg.tuple(dilation));
        }
        if (Arrays.stream(outputPadding).anyMatch(p -> p != 0)) {
            s.append(", output_padding=").append(IntArg.tuple(outputPadding));
        }
        if (groups != 1) {
            s.append(", groups=").append(groups);
        }
        if (bias == null) {
            s.append(", bias=False");
        }
        if (paddingMode != PaddingMode.ZEROS) {
            s.append(", padding_mode=").append(paddingMode.pythonName());
        }
        return s.toString();
    }
}
