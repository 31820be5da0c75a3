package dev.jtorch.vision.models;

import dev.jtorch.Tensor;
import dev.jtorch.nn.BatchNorm2d;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;

/**
 * torchvision's {@code models.resnet.Bottleneck(inplanes, planes, stride=1, downsample=None, groups=1,
 * base_width=64, dilation=1)}: 1x1, 3x3 (with the stride, "ResNet V1.5") and 1x1 convolutions with batch norm and
 * a residual connection, the block of ResNet-50 and deeper. Submodules {@code conv1}, {@code bn1}, {@code conv2},
 * {@code bn2}, {@code conv3}, {@code bn3}, {@code relu} and, when given, {@code downsample}, in torchvision's order.
 * See <a href="https://github.com/pytorch/vision/blob/v0.14.1/torchvision/models/resnet.py">torchvision/models/resnet.py</a>.
 *
 * <p>A block of torchvision's <a href="https://pytorch.org/vision/0.14/models/resnet.html">ResNet models</a>.
 */
public class Bottleneck extends Module {
    /** torchvision's {@code Bottleneck.expansion}: output channels per {@code planes}. */
    public static final int EXPANSION = 4;

    /** 1x1 convolution {@code inplanes -> width}. */
    public Conv2d conv1;
    /** Batch norm after {@code conv1}. */
    public BatchNorm2d bn1;
    /** 3x3 convolution {@code width -> width} with the block's stride, groups and dilation. */
    public Conv2d conv2;
    /** Batch norm after {@code conv2}. */
    public BatchNorm2d bn2;
    /** 1x1 convolution {@code width -> planes * 4}. */
    public Conv2d conv3;
    /** Batch norm after {@code conv3}. */
    public BatchNorm2d bn3;
    /** {@code ReLU(inplace=True)}, used three times. */
    public ReLU relu;
    /** The shortcut's projection, or null for the identity. */
    public Module downsample;
    private final long stride;

    /** {@code Bottleneck(inplanes, planes)}: stride 1, no downsample. */
    public Bottleneck(long inplanes, long planes) {
        this(inplanes, planes, 1, null, 1, 64, 1);
    }

    /** {@code Bottleneck(inplanes, planes, stride, downsample, groups, base_width, dilation)}. */
    public Bottleneck(long inplanes, long planes, long stride, Module downsample, long groups, long baseWidth,
            long dilation) {
        long width = (long) (planes * (baseWidth / 64.0)) * groups;
        this.conv1 = ResNet.conv1x1(inplanes, width, 1);
        this.bn1 = new BatchNorm2d(width);
        this.conv2 = ResNet.conv3x3(width, width, stride, groups, dilation);
        this.bn2 = new BatchNorm2d(width);
        this.conv3 = ResNet.conv1x1(width, planes * EXPANSION, 1);
        this.bn3 = new BatchNorm2d(planes * EXPANSION);
        this.relu = new ReLU(true);
        this.downsample = downsample;
        this.stride = stride;
    }

    /** torchvision's {@code stride}. */
    public long stride() {
        return stride;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor identity = x;
        Tensor out = conv1.forward(x);
        out = bn1.forward(out);
        out = relu.forward(out);
        out = conv2.forward(out);
        out = bn2.forward(out);
        out = relu.forward(out);
        out = conv3.forward(out);
        out = bn3.forward(out);
        if (downsample != null) {
            identity = downsample.forward(x);
        }
        out.add_(identity);
        return relu.forward(out);
    }
}
