package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Padding;

/**
 * {@code torch.nn.Conv3d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
 * bias=True, padding_mode='zeros')} over inputs of shape (N, C_in, D, H, W) or (C_in, D, H, W); see {@link ConvNd}.
 * Sizes given as one number apply to depth, height and width; the triple forms take (depth, height, width).
 *
 * <pre>{@code
 * new Conv3d(2, 4, 3)                                                        // nn.Conv3d(2, 4, 3)
 * new Conv3d(4, 4, new long[] {3, 2, 1}, new Conv3d.Options().stride(2, 1, 1).padding(1).groups(2))
 *                                            // nn.Conv3d(4, 4, (3, 2, 1), stride=(2, 1, 1), padding=1, groups=2)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Conv3d.html">torch.nn.Conv3d</a>.
 */
public class Conv3d extends ConvNd {
    /** PyTorch's options and defaults for {@link Conv3d}; see {@link ConvNd.BaseOptions}. */
    public static final class Options extends BaseOptions<Options> {
        @Override
        int dims() {
            return 3;
        }

        /** Python's {@code stride=(sD, sH, sW)}. */
        public Options stride(long depth, long height, long width) {
            this.stride = new long[] {depth, height, width};
            return this;
        }

        /** Python's {@code padding=(pD, pH, pW)}. */
        public Options padding(long depth, long height, long width) {
            this.padding = new long[] {depth, height, width};
            this.paddingString = null;
            return this;
        }

        /** Python's {@code dilation=(dD, dH, dW)}. */
        public Options dilation(long depth, long height, long width) {
            this.dilation = new long[] {depth, height, width};
            return this;
        }
    }

    /** {@code nn.Conv3d(in_channels, out_channels, kernel_size)} with a cubic kernel. */
    public Conv3d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, kernelSize, new Options());
    }

    /** {@code nn.Conv3d(in_channels, out_channels, kernel_size, ...)} with a cubic kernel and options. */
    public Conv3d(long inChannels, long outChannels, long kernelSize, Options options) {
        super(inChannels, outChannels, new long[] {kernelSize, kernelSize, kernelSize}, options);
    }

    /** {@code nn.Conv3d(in_channels, out_channels, (kD, kH, kW), ...)} with options. */
    public Conv3d(long inChannels, long outChannels, long[] kernelSize, Options options) {
        super(inChannels, outChannels, IntArg.tuple("kernel_size", 3, kernelSize).values(), options);
    }

    @Override
    protected Tensor conv(Tensor input, long[] stride, long[] padding, long[] dilation, long groups) {
        return F.conv3d(input, weight, bias, stride, padding, dilation, groups);
    }

    @Override
    protected Tensor conv(Tensor input, long[] stride, Padding padding, long[] dilation, long groups) {
        return F.conv3d(input, weight, bias, stride, padding, dilation, groups);
    }
}
