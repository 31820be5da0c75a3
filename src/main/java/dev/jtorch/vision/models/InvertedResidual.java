package dev.jtorch.vision.models;

import dev.jtorch.Tensor;
import dev.jtorch.nn.BatchNorm2d;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU6;
import dev.jtorch.nn.Sequential;
import dev.jtorch.vision.ops.Conv2dNormActivation;
import java.util.ArrayList;
import java.util.List;

/**
 * torchvision's {@code models.mobilenetv2.InvertedResidual(inp, oup, stride, expand_ratio)}: MobileNetV2's block,
 * a {@link Sequential} {@code conv} of an optional 1x1 expansion ({@link Conv2dNormActivation} with
 * {@link ReLU6}), a 3x3 depthwise {@link Conv2dNormActivation}, a 1x1 projection {@link Conv2d} and a
 * {@link BatchNorm2d}; the input is added back when the stride is 1 and the channels match. See
 * <a href="https://github.com/pytorch/vision/blob/v0.14.1/torchvision/models/mobilenetv2.py">torchvision/models/mobilenetv2.py</a>.
 *
 * <p>A block of torchvision's <a href="https://pytorch.org/vision/0.14/models/mobilenetv2.html">MobileNet V2</a>.
 */
public class InvertedResidual extends Module {
    /** The block's layers. */
    public Sequential conv;
    private final long stride;
    private final boolean useResConnect;
    private final long outChannels;

    /**
     * {@code InvertedResidual(inp, oup, stride, expand_ratio)}.
     *
     * @throws IllegalArgumentException when the stride is not 1 or 2, with torchvision's message
     */
    public InvertedResidual(long inp, long oup, long stride, long expandRatio) {
        if (stride != 1 && stride != 2) {
            throw new IllegalArgumentException("stride should be 1 or 2 insted of " + stride);
        }
        this.stride = stride;
        long hiddenDim = inp * expandRatio;
        this.useResConnect = stride == 1 && inp == oup;
        List<Module> layers = new ArrayList<>();
        if (expandRatio != 1) {
            layers.add(new Conv2dNormActivation(inp, hiddenDim, new Conv2dNormActivation.Options().kernelSize(1)
                    .activationLayer(ReLU6::new)));
        }
        layers.add(new Conv2dNormActivation(hiddenDim, hiddenDim, new Conv2dNormActivation.Options().stride(stride)
                .groups(hiddenDim).activationLayer(ReLU6::new)));
        layers.add(new Conv2d(hiddenDim, oup, 1, new Conv2d.Options().stride(1).padding(0).bias(false)));
        layers.add(new BatchNorm2d(oup));
        this.conv = new Sequential(layers.toArray(new Module[0]));
        this.outChannels = oup;
    }

    /** torchvision's {@code stride}. */
    public long stride() {
        return stride;
    }

    /** torchvision's {@code use_res_connect}: whether the input is added to the output. */
    public boolean useResConnect() {
        return useResConnect;
    }

    /** torchvision's {@code out_channels}. */
    public long outChannels() {
        return outChannels;
    }

    @Override
    public Tensor forward(Tensor x) {
        return useResConnect ? x.add(conv.forward(x)) : conv.forward(x);
    }
}
