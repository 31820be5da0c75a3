package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.Padding;

/**
 * {@code torch.nn.Conv1d(in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
 * bias=True, padding_mode='zeros')} over inputs of shape (N, C_in, L) or (C_in, L); see {@link ConvNd}.
 *
 * <pre>{@code
 * new Conv1d(16, 33, 3)                                                 // nn.Conv1d(16, 33, 3)
 * new Conv1d(16, 33, 3, new Conv1d.Options().stride(2).padding(1))      // nn.Conv1d(16, 33, 3, stride=2, padding=1)
 * new Conv1d(4, 4, 5, new Conv1d.Options().padding(Padding.SAME)
 *         .paddingMode(Conv1d.PaddingMode.REFLECT))                     // padding='same', padding_mode='reflect'
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Conv1d.html">torch.nn.Conv1d</a>.
 */
public class Conv1d extends ConvNd {
    /** PyTorch's options and defaults for {@link Conv1d}; see {@link ConvNd.BaseOptions}. */
    public static final class Options extends BaseOptions<Options> {
        @Override
        int dims() {
            return 1;
        }
    }

    /** {@code nn.Conv1d(in_channels, out_channels, kernel_size)}. */
    public Conv1d(long inChannels, long outChannels, long kernelSize) {
        this(inChannels, outChannels, kernelSize, new Options());
    }

    /** {@code nn.Conv1d(in_channels, out_channels, kernel_size, ...)} with options. */
    public Conv1d(long inChannels, long outChannels, long kernelSize, Options options) {
        super(inChannels, outChannels, new long[] {kernelSize}, options);
    }

    @Override
    protected Tensor conv(Tensor input, long[] stride, long[] padding, long[] dilation, long groups) {
        return F.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }

    @Override
    protected Tensor conv(Tensor input, long[] stride, Padding padding, long[] dilation, long groups) {
        return F.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }
}
