package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.AdaptiveAvgPool2d(output_size)}: average pooling to a fixed output size (H, W) whatever the
 * input size; a null (Python's {@code None}) size keeps the input's size in that dimension.
 *
 * <pre>{@code
 * new AdaptiveAvgPool2d(1)          // nn.AdaptiveAvgPool2d(1)
 * new AdaptiveAvgPool2d(7, 7)       // nn.AdaptiveAvgPool2d((7, 7))
 * new AdaptiveAvgPool2d(null, 7)    // nn.AdaptiveAvgPool2d((None, 7))
 * }</pre>
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.nn.AdaptiveAvgPool2d.html">torch.nn.AdaptiveAvgPool2d</a>.
 */
public class AdaptiveAvgPool2d extends Module {
    private final IntArg outputSize;

    /** {@code nn.AdaptiveAvgPool2d(output_size)}: a square output. */
    public AdaptiveAvgPool2d(long outputSize) {
        this.outputSize = IntArg.of(outputSize, 2);
    }

    /** {@code nn.AdaptiveAvgPool2d((H, W))}. */
    public AdaptiveAvgPool2d(long height, long width) {
        this.outputSize = IntArg.tuple("output_size", 2, height, width);
    }

    /** {@code nn.AdaptiveAvgPool2d((H, W))} where either may be null (Python's {@code None}). */
    public AdaptiveAvgPool2d(Long height, Long width) {
        this.outputSize = IntArg.optionalTuple(height, width);
    }

    /** Python's {@code output_size}, per dimension; null elements are {@code None}. */
    public Long[] outputSize() {
        return outputSize.optionalValues();
    }

    @Override
    public Tensor forward(Tensor input) {
        Long[] size = outputSize.optionalValues();
        long[] out = new long[size.length];
        if (!outputSize.isSingle()) {
            if (input.dim() <= size.length) {
                throw new IllegalArgumentException("Input dimension should be at least " + (size.length + 1));
            }
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = size[i] != null ? size[i] : input.size(input.dim() - size.length + i);
        }
        return F.adaptiveAvgPool2d(input, out);
    }

    @Override
    public String extraRepr() {
        return "output_size=" + outputSize;
    }
}
