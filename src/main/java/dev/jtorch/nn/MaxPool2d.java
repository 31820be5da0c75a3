package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.MaxPool2d(kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)}: the maximum over
 * each window; the stride defaults to the kernel size. Sizes are kept as given (an int or a pair), so the repr
 * matches Python's ({@code kernel_size=2} or {@code kernel_size=(2, 2)}).
 *
 * <pre>{@code
 * new MaxPool2d(2)                                                   // nn.MaxPool2d(2)
 * new MaxPool2d(2, 2)                                                // nn.MaxPool2d(2, 2)
 * new MaxPool2d(3, new MaxPool2d.Options().stride(2).padding(1))     // nn.MaxPool2d(3, stride=2, padding=1)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.MaxPool2d.html">torch.nn.MaxPool2d</a>.
 */
public class MaxPool2d extends Module {
    /** PyTorch's options and defaults for {@link MaxPool2d}. */
    public static final class Options {
        private IntArg stride;
        private IntArg padding = IntArg.of(0, 2);
        private IntArg dilation = IntArg.of(1, 2);
        private boolean ceilMode;

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

        /** Python's {@code padding}: implicit negative infinity on both sides (default 0). */
        public Options padding(long padding) {
            this.padding = IntArg.of(padding, 2);
            return this;
        }

        /** Python's {@code padding=(pH, pW)}. */
        public Options padding(long height, long width) {
            this.padding = IntArg.tuple("padding", 2, height, width);
            return this;
        }

        /** Python's {@code dilation} (default 1). */
        public Options dilation(long dilation) {
            this.dilation = IntArg.of(dilation, 2);
            return this;
        }

        /** Python's {@code dilation=(dH, dW)}. */
        public Options dilation(long height, long width) {
            this.dilation = IntArg.tuple("dilation", 2, height, width);
            return this;
        }

        /** Python's {@code ceil_mode}: ceil instead of floor for the output size (default false). */
        public Options ceilMode(boolean ceilMode) {
            this.ceilMode = ceilMode;
            return this;
        }
    }

    private final IntArg kernelSize;
    private final IntArg stride;
    private final IntArg padding;
    private final IntArg dilation;
    private final boolean ceilMode;

    /** {@code nn.MaxPool2d(kernel_size)}. */
    public MaxPool2d(long kernelSize) {
        this(IntArg.of(kernelSize, 2), new Options());
    }

    /** {@code nn.MaxPool2d(kernel_size, stride)}. */
    public MaxPool2d(long kernelSize, long stride) {
        this(IntArg.of(kernelSize, 2), new Options().stride(stride));
    }

    /** {@code nn.MaxPool2d(kernel_size, ...)} with options. */
    public MaxPool2d(long kernelSize, Options options) {
        this(IntArg.of(kernelSize, 2), options);
    }

    /** {@code nn.MaxPool2d((kH, kW), ...)} with options. */
    public MaxPool2d(long[] kernelSize, Options options) {
        this(IntArg.tuple("kernel_size", 2, kernelSize), options);
    }

    private MaxPool2d(IntArg kernelSize, Options options) {
        this.kernelSize = kernelSize;
        this.stride = options.stride != null ? options.stride : kernelSize;
        this.padding = options.padding;
        this.dilation = options.dilation;
        this.ceilMode = options.ceilMode;
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

    /** Python's {@code dilation}, per dimension. */
    public long[] dilation() {
        return dilation.values();
    }

    /** Python's {@code ceil_mode}. */
    public boolean ceilMode() {
        return ceilMode;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.maxPool2d(input, kernelSize.values(), stride.values(), padding.values(), dilation.values(),
                ceilMode);
    }

    @Override
    public String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=" + dilation
                + ", ceil_mode=" + BatchNormBase.py(ceilMode);
    }
}
