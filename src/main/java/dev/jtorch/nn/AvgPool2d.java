package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.AvgPool2d(kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
 * divisor_override=None)}: the mean over each window; the stride defaults to the kernel size. Sizes are kept as
 * given (an int or a pair), so the repr matches Python's.
 *
 * <pre>{@code
 * new AvgPool2d(2)                                                           // nn.AvgPool2d(2)
 * new AvgPool2d(3, new AvgPool2d.Options().stride(2).countIncludePad(false)) // nn.AvgPool2d(3, stride=2, count_include_pad=False)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.AvgPool2d.html">torch.nn.AvgPool2d</a>.
 */
public class AvgPool2d extends Module {
    /** PyTorch's options and defaults for {@link AvgPool2d}. */
    public static final class Options {
        private IntArg stride;
        private IntArg padding = IntArg.of(0, 2);
        private boolean ceilMode;
        private boolean countIncludePad = true;
        private Long divisorOverride;

        /** Python's {@code stride} (default: the kernel size). */
        public Options stride(long stride) {
            this.stride = IntArg.of(stride, 2);
            return this;
        }

        /** Python's {@code stride=(sH, sW)}. */
        public Options stride(long height, long width) {
            this.stride = IntArg.tuple("stride", 2, height, width);
            return this;
        }

        /** Python's {@code padding}: implicit zeros on both sides (default 0). */
        public Options padding(long padding) {
            this.padding = IntArg.of(padding, 2);
            return this;
        }

        /** Python's {@code padding=(pH, pW)}. */
        public Options padding(long height, long width) {
            this.padding = IntArg.tuple("padding", 2, height, width);
            return this;
        }

        /** Python's {@code ceil_mode} (default false). */
        public Options ceilMode(boolean ceilMode) {
            this.ceilMode = ceilMode;
            return this;
        }

        /** Python's {@code count_include_pad}: count padded zeros in the mean (default true). */
        public Options countIncludePad(boolean countIncludePad) {
            this.countIncludePad = countIncludePad;
            return this;
        }

        /** Python's {@code divisor_override}: divide by this instead of the window size (default None). */
        public Options divisorOverride(long divisorOverride) {
            this.divisorOverride = divisorOverride;
            return this;
        }
    }

    private final IntArg kernelSize;
    private final IntArg stride;
    private final IntArg padding;
    private final boolean ceilMode;
    private final boolean countIncludePad;
    private final Long divisorOverride;

    /** {@code nn.AvgPool2d(kernel_size)}. */
    public AvgPool2d(long kernelSize) {
        this(IntArg.of(kernelSize, 2), new Options());
    }

    /** {@code nn.AvgPool2d(kernel_size, stride)}. */
    public AvgPool2d(long kernelSize, long stride) {
        this(IntArg.of(kernelSize, 2), new Options().stride(stride));
    }

    /** {@code nn.AvgPool2d(kernel_size, ...)} with options. */
    public AvgPool2d(long kernelSize, Options options) {
        this(IntArg.of(kernelSize, 2), options);
    }

    /** {@code nn.AvgPool2d((kH, kW), ...)} with options. */
    public AvgPool2d(long[] kernelSize, Options options) {
        this(IntArg.tuple("kernel_size", 2, kernelSize), options);
    }

    private AvgPool2d(IntArg kernelSize, Options options) {
        this.kernelSize = kernelSize;
        this.stride = options.stride != null ? options.stride : kernelSize;
        this.padding = options.padding;
        this.ceilMode = options.ceilMode;
        this.countIncludePad = options.countIncludePad;
        this.divisorOverride = options.divisorOverride;
    }

    /** Python's {@code kernel_size}, per dimension. */
    public long[] kernelSize() {
        return kernelSize.values();
    }

    /** Python's {@code stride}, per dimension. */
    public long[] stride() {
        return stride.values();
    }

    /** Python's {@code padding}, per dimension. */
    public long[] padding() {
        return padding.values();
    }

    /** Python's {@code ceil_mode}. */
    public boolean ceilMode() {
        return ceilMode;
    }

    /** Python's {@code count_include_pad}. */
    public boolean countIncludePad() {
        return countIncludePad;
    }

    /** Python's {@code divisor_override}; null for None. */
    public Long divisorOverride() {
        return divisorOverride;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.avgPool2d(input, kernelSize.values(), stride.values(), padding.values(), ceilMode, countIncludePad,
                divisorOverride);
    }

    @Override
    public String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding;
    }
}
