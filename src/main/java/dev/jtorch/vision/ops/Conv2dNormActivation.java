package dev.jtorch.vision.ops;

import dev.jtorch.nn.BatchNorm2d;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * torchvision's {@code ops.Conv2dNormActivation(in_channels, out_channels, kernel_size=3, stride=1, padding=None,
 * groups=1, norm_layer=BatchNorm2d, activation_layer=ReLU, dilation=1, inplace=True, bias=None)}: a
 * {@link Sequential} of a {@link Conv2d} (registered as {@code 0}), a norm layer ({@code 1}) and an activation
 * ({@code 2}), as the MobileNet blocks use it. Without explicit padding the convolution pads
 * {@code (kernel_size - 1) / 2 * dilation}; without an explicit {@code bias} it has one only when there is no norm
 * layer. See
 * <a href="https://pytorch.org/vision/0.14/generated/torchvision.ops.Conv2dNormActivation.html">torchvision.ops.Conv2dNormActivation</a>.
 *
 * <pre>{@code
 * // Conv2dNormActivation(32, 64, stride=2, activation_layer=nn.ReLU6)
 * new Conv2dNormActivation(32, 64, new Conv2dNormActivation.Options().stride(2).activationLayer(ReLU6::new))
 * }</pre>
 */
public class Conv2dNormActivation extends Sequential {
    /** torchvision's keyword arguments and defaults for {@link Conv2dNormActivation}. */
    public static final class Options {
        private long kernelSize = 3;
        private long stride = 1;
        private Long padding;
        private long groups = 1;
        private LongFunction<? extends Module> normLayer = BatchNorm2d::new;
        private Function<Boolean, ? extends Module> activationLayer = ReLU::new;
        private long dilation = 1;
        private boolean inplace = true;
        private Boolean bias;

        /** torchvision's {@code kernel_size} (default 3). */
        public Options kernelSize(long kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        /** torchvision's {@code stride} (default 1). */
        public Options stride(long stride) {
            this.stride = stride;
            return this;
        }

        /** torchvision's {@code padding}; null (Python's {@code None}, the default) is {@code (k - 1) / 2 * dilation}. */
        public Options padding(Long padding) {
            this.padding = padding;
            return this;
        }

        /** torchvision's {@code groups} (default 1). */
        public Options groups(long groups) {
            this.groups = groups;
            return this;
        }

        /**
         * torchvision's {@code norm_layer}: makes the norm layer from the number of output channels (default
         * {@code BatchNorm2d::new}); null (Python's {@code None}) for none.
         */
        public Options normLayer(LongFunction<? extends Module> normLayer) {
            this.normLayer = normLayer;
            return this;
        }

        /**
         * torchvision's {@code activation_layer}: makes the activation from {@code inplace} (default
         * {@code ReLU::new}, e.g. {@code ReLU6::new}); null (Python's {@code None}) for none.
         */
        public Options activationLayer(Function<Boolean, ? extends Module> activationLayer) {
            this.activationLayer = activationLayer;
            return this;
        }

        /** torchvision's {@code dilation} (default 1). */
        public Options dilation(long dilation) {
            this.dilation = dilation;
            return this;
        }

        /** torchvision's {@code inplace}, passed to the activation (default true). */
        public Options inplace(boolean inplace) {
            this.inplace = inplace;
            return this;
        }

        /** torchvision's {@code bias}; null (Python's {@code None}, the default) means "only without a norm layer". */
        public Options bias(Boolean bias) {
            this.bias = bias;
            return this;
        }
    }

    private final long outChannels;

    /** {@code Conv2dNormActivation(in_channels, out_channels)}: 3x3 convolution, BatchNorm2d, ReLU(inplace=True). */
    public Conv2dNormActivation(long inChannels, long outChannels) {
        this(inChannels, outChannels, new Options());
    }

    /** {@code Conv2dNormActivation(in_channels, out_channels, ...)} with options. */
    public Conv2dNormActivation(long inChannels, long outChannels, Options options) {
        long padding = options.padding != null ? options.padding : (options.kernelSize - 1) / 2 * options.dilation;
        boolean bias = options.bias != null ? options.bias : options.normLayer == null;
        append(new Conv2d(inChannels, outChannels, options.kernelSize, new Conv2d.Options().stride(options.stride)
                .padding(padding).dilation(options.dilation).groups(options.groups).bias(bias)));
        if (options.normLayer != null) {
            append(options.normLayer.apply(outChannels));
        }
        if (options.activationLayer != null) {
            append(options.activationLayer.apply(options.inplace));
        }
        this.outChannels = outChannels;
    }

    /** torchvision's {@code out_channels}. */
    public long outChannels() {
        return outChannels;
    }
}
