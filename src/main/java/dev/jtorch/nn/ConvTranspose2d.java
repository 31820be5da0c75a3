package dev.jtorch.nn;

import dev.jtorch.Size;
import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Padding;
import java.util.Arrays;

/**
 * {@code torch.nn.ConvTranspose2d(in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0,
 * groups=1, bias=True, dilation=1, padding_mode='zeros')} over inputs of shape (N, C_in, H, W) or (C_in, H, W): the
 * gradient of a {@link Conv2d} with respect to its input. Its {@code weight} has the shape (in_channels,
 * out_channels / groups, kH, kW) and is initialised as the convolutions' (see {@link ConvNd}). Only zero padding
 * is supported, as in PyTorch; {@code padding='same'} or {@code 'valid'} is refused (jtorch's own check: PyTorch
 * takes no string padding here either).
 *
 * <pre>{@code
 * new ConvTranspose2d(16, 8, 3, new ConvTranspose2d.Options().stride(2).padding(1).outputPadding(1))
 *                                   // nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1)
 * up.forward(x, new long[] {14, 14}) // up(x, output_size=[14, 14])
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.ConvTranspose2d.html">
 * torch.nn.ConvTranspose2d</a>.
 */
public class ConvTranspose2d extends ConvNd {
    /** PyTorch's options and defaults for {@link ConvTranspose2d}; see {@link ConvNd.BaseOptions}. */
    public static final class Options extends BaseOptions<Options> {
        private long[] outputPadding = {0, 0};

        @Override
        int dims() {
            return 2;
        }

        /** Python's {@code stride=(sH, sW)}. */
        public Options stride(long height, long width) {
            this.stride = new long[] {height, width};
            return this;
        }

        /** Python's {@code padding=(pH, pW)}: {@code dilation * (kernel_size - 1) - padding} zeros on each side. */
        public Options padding(long height, long width) {
            this.padding = new long[] {height, width};
            this.paddingString = null;
            return this;
        }

        /** Python's {@code dilation=(dH, dW)}. */
        public Options dilation(long height, long width) {
            this.dilation = new long[] {height, width};
            return this;
        }

        /** Python's {@code output_padding}: added to one side of each output dimension (default 0). */
        public Options outputPadding(long outputPadding) {
            this.outputPadding = new long[] {outputPadding, outputPadding};
            return this;
        }

        /** Python's {@code output_padding=(oH, oW)}. */
        public Options outputPadding(long height, long width) {
            this.outputPadding = new long[] {height, width};
            return this;
        }
    }

    /** {@code nn.ConvTranspose2d(in_channels, out_channels, kernel_size)} with a square kernel. */
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, kernelSize, new Options());
    }

    /** {@code nn.ConvTranspose2d(in_channels, out_channels, kernel_size, ...)} with a square kernel and options. */
    public ConvTranspose2d(long inChannels, long outChannels, long kernelSize, Options options) {
        this(inChannels, outChannels, new long[] {kernelSize, kernelSize}, options);
    }

    /** {@code nn.ConvTranspose2d(in_channels, out_channels, (kH, kW), ...)} with options. */
    public ConvTranspose2d(long inChannels, long outChannels, long[] kernelSize, Options options) {
        super(inChannels, outChannels, IntArg.tuple("kernel_size", 2, kernelSize).values(), check(options), true,
                options.outputPadding);
    }

    private static Options check(Options options) {
        if (options.paddingMode != PaddingMode.ZEROS) {
            throw new IllegalArgumentException("Only \"zeros\" padding mode is supported for ConvTranspose2d");
        }
        if (options.paddingString != null) {
            throw new IllegalArgumentException("padding='" + options.paddingString.pythonName()
                    + "' is not supported for ConvTranspose2d");
        }
        return options;
    }

    /** Python's {@code module(input)}: the output size follows from {@code output_padding}. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    /**
     * Python's {@code module(input, output_size)}: {@code outputSize} (the spatial sizes, or with the batch and
     * channel dimensions too; null for none) chooses the output padding, within the range the stride allows.
     */
    public Tensor forward(Tensor input, long[] outputSize) {
        long[] op = outputPadding(input, outputSize);
        return F.convTranspose2d(input, weight, bias, stride(), padding(), op, groups(), dilation());
    }

    /** Python's {@code _output_padding}: the output padding that gives {@code outputSize}, with its messages. */
    private long[] outputPadding(Tensor input, long[] outputSize) {
        if (outputSize == null) {
            return outputPadding();
        }
        int spatial = 2;
        int dim = input.dim();
        int nonSpatial = dim == spatial + 2 ? 2 : 1;
        long[] size = outputSize;
        if (size.length == nonSpatial + spatial) {
            size = Arrays.copyOfRange(size, nonSpatial, size.length);
        }
        if (size.length != spatial) {
            throw new IllegalArgumentException("ConvTranspose" + spatial + "D: for " + dim + "D input, output_size "
                    + "must have " + spatial + " or " + (nonSpatial + spatial) + " elements (got " + size.length + ")");
        }
        long[] stride = stride();
        long[] padding = padding();
        long[] dilation = dilation();
        long[] kernel = kernelSize();
        long[] min = new long[spatial];
        long[] max = new long[spatial];
        for (int d = 0; d < spatial; d++) {
            min[d] = (input.size(d + nonSpatial) - 1) * stride[d] - 2 * padding[d] + dilation[d] * (kernel[d] - 1) + 1;
            max[d] = min[d] + stride[d] - 1;
        }
        for (int i = 0; i < spatial; i++) {
            if (size[i] < min[i] || size[i] > max[i]) {
                long[] spatialIn = Arrays.copyOfRange(input.shape().toArray(), 2, dim);
                throw new IllegalArgumentException("requested an output size of " + list(size) + ", but valid "
                        + "sizes range from " + list(min) + " to " + list(max) + " (for an input of "
                        + new Size(spatialIn) + ")");
            }
        }
        long[] out = new long[spatial];
        for (int d = 0; d < spatial; d++) {
            out[d] = size[d] - min[d];
        }
        return out;
    }

    private static String list(long[] v) {
        return Arrays.toString(v);
    }

    @Override
    protected Tensor conv(Tensor input, long[] stride, long[] padding, long[] dilation, long groups) {
        return F.convTranspose2d(input, weight, bias, stride, padding, outputPadding(), groups, dilation);
    }

    @Override
    protected Tensor conv(Tensor input, long[] stride, Padding padding, long[] dilation, long groups) {
        throw new UnsupportedOperationException(
                "padding='" + padding.pythonName() + "' is not supported for ConvTranspose2d");
    }
}
