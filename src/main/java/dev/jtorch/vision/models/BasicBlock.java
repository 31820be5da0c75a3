package dev.jtorch.vision.models;

import dev.jtorch.Tensor;
import dev.jtorch.nn.BatchNorm2d;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;

/**
 * torchvision's {@code models.resnet.BasicBlock(inplanes, planes, stride=1, downsample=None, groups=1,
 * base_width=64, dilation=1)}: two 3x3 convolutions with batch norm and a residual connection, the block of
 * ResNet-18 and ResNet-34. Submodules {@code conv1}, {@code bn1}, {@code relu}, {@code conv2}, {@code bn2} and, when
 * given, {@code downsample}, in torchvision's order. See
 * <a href="https://github.com/pytorch/vision/blob/v0.14.1/torchvision/models/resnet.py">torchvision/models/resnet.py</a>.
 *
 * <p>A block of torchvision's <a href="https://pytorch.org/vision/0.14/models/resnet.html">ResNet models</a>.
 */
public class BasicBlock extends Module {
    /** torchvision's {@code BasicBlock.expansion}: output channels per {@code planes}. */
    public static final int EXPANSION = 1;

    /** 3x3 convolution {@code inplanes -> planes} with the block's stride. */
    public Conv2d conv1;
    /** Batch norm after {@code conv1}. */
    public BatchNorm2d bn1;
    /** {@code ReLU(inplace=True)}, used twice. */
    public ReLU relu;
    /** 3x3 convolution {@code planes -> planes}. */
    public Conv2d conv2;
    /** Batch norm after {@code conv2}. */
    public BatchNorm2d bn2;
    /** The shortcut's projection, or null for the identity. */
    public Module downsample;
    private final long stride;

    /** {@code BasicBlock(inplanes, planes)}: stride 1, no downsample. */
    public BasicBlock(long inplanes, long planes) {
        this(inplanes, planes, 1, null, 1, 64, 1);
    }

    /**
     * {@code BasicBlock(inplanes, planes, stride, downsample, groups, base_width, dilation)}.
     *
     * @throws IllegalArgumentException unless {@code groups == 1} and {@code baseWidth == 64}, as torchvision's
     *     {@code ValueError}
     * @throws UnsupportedOperationException for {@code dilation > 1}, as torchvision's {@code NotImplementedError}
     */
    public BasicBlock(long inplanes, long planes, long stride, Module downsample, long groups, long baseWidth,
            long dilation) {
        if (groups != 1 || baseWidth != 64) {
            throw new IllegalArgumentException("BasicBlock only supports groups=1 and base_width=64");
        }
        if (dilation > 1) {
            throw new UnsupportedOperationException("Dilation > 1 not supported in BasicBlock");
        }
        this.conv1 = ResNet.conv3x3(inplanes, planes, stride, 1, 1);
        this.bn1 = new BatchNorm2d(planes);
        this.relu = new ReLU(true);
        this.conv2 = ResNet.conv3x3(planes, planes, 1, 1, 1);
        this.bn2 = new BatchNorm2d(planes);
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
        if (downsample != null) {
            identity = downsample.forward(x);
        }
        out.add_(identity);
        return relu.forward(out);
    }
}
