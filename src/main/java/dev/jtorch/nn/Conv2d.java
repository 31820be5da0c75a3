package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Padding;

/**
 * {@code torch.nn.Conv2d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
 * bias=True, padding_mode='zeros')} over inputs of shape (N, C_in, H, W) or (C_in, H, W); see {@link ConvNd}.
 * Sizes given as one number apply to height and width; the pair forms take (height, width).
 *
 * <pre>{@code
 * new Conv2d(3, 6, 5)                                                   // nn.Conv2d(3, 6, 5)
 * new Conv2d(3, 16, 3, new Conv2d.Options().padding(1))                 // nn.Conv2d(3, 16, 3, padding=1)
 * new Conv2d(2, 4, new long[] {3, 2}, new Conv2d.Options().stride(2, 1)) // nn.Conv2d(2, 4, (3, 2), stride=(2, 1))
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Conv2d.html">torch.nn.Conv2d</a>.
 */
public class Conv2d extends ConvNd {
    /** PyTorch's options and defaults for {@link Conv2d}; see {@link ConvNd.BaseOptions}. */
    public static final class Options extends BaseOptions<Options> {
        @Override
        int dims() {
            return 2;
        }

        /** Python's {@code stride=(sH, sW)}. */
        public Options stride(long height, long width) {
            this.stride = new long[] {height, width};
            return this;
        }

        /** Python's {@code padding=(pH, pW)}. */
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
    }

    /** {@code nn.Conv2d(in_channels, out_channels, kernel_size)} with a square kernel. */
    public Conv2d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, kernelSize, new Options());
    }

    /** {@code nn.Conv2d(in_channels, out_channels, kernel_size, ...)} with a square kernel and options. */
    public Conv2d(long inChannels, long outChannels, long kernelSize, Options options) {
        super(inChannels, outChannels, new long[] {kernelSize, kernelSize}, options);
    }

    /** {@code nn.Conv2d(in_channels, out_channels, (kH, kW), ...)} with options. */
    public Conv2d(long inChannels, long outChannels, long[] kernelSize, Options options) {
        super(inChannels, outChannels, IntArg.tuple("kernel_size", 2, kernelSize).values(), options);
    }

    @Override
    protected Tensor conv(Tensor input, long[] stride, long[] padding, long[] dilation, long groups) {
        return F.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    @Override
    protected Tensor conv(Tensor input, long[] stride, Padding padding, long[] dilation, long groups) {
        return F.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }
}
