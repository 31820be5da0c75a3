package dev.jtorch.vision.models;

import dev.jtorch.Tensor;
import dev.jtorch.nn.AdaptiveAvgPool2d;
import dev.jtorch.nn.BatchNorm2d;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.MaxPool2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.nn.init.Init;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * torchvision's {@code models.ResNet(block, layers, num_classes=1000, zero_init_residual=False, groups=1,
 * width_per_group=64)}: a 7x7 stem ({@code conv1}, {@code bn1}, {@code relu}, {@code maxpool}), four stages
 * {@code layer1}..{@code layer4} of {@link BasicBlock}s or {@link Bottleneck}s, {@code avgpool} and the classifier
 * {@code fc}. Module names, repr and state-dict keys are torchvision's, so a state dict saved from torchvision
 * ({@code torch.save(model.state_dict(), f)}) loads strictly with {@code loadStateDict(Torch.load(f))}.
 *
 * <p>Initialisation consumes the default generator as torchvision does: every layer's own
 * {@code reset_parameters()} at construction, in construction order, then {@code kaiming_normal_(mode="fan_out",
 * nonlinearity="relu")} on every convolution and ones/zeros on every batch norm, in {@code modules()} order (the
 * {@code fc} keeps its default initialisation). So {@code Torch.manualSeed(s)} gives the weights Python gets after
 * {@code torch.manual_seed(s)}.
 *
 * <p>Transfer learning as in the PyTorch tutorial: {@code model.requiresGrad_(false); model.fc = new
 * Linear(model.fc.inFeatures(), 2);} (the field assignment, or {@code registerModule("fc", ...)}, replaces the
 * head in {@code parameters()}, the state dict, the repr and {@code forward}). See
 * <a href="https://pytorch.org/vision/0.14/models/resnet.html">torchvision ResNet</a>.
 */
public class ResNet extends Module {
    /** The stem convolution, 3 -> 64 channels, 7x7, stride 2. */
    public Conv2d conv1;
    /** The stem's batch norm. */
    public BatchNorm2d bn1;
    /** The stem's {@code ReLU(inplace=True)}. */
    public ReLU relu;
    /** {@code MaxPool2d(kernel_size=3, stride=2, padding=1)}. */
    public MaxPool2d maxpool;
    /** Stage 1 (64 planes). */
    public Sequential layer1;
    /** Stage 2 (128 planes, stride 2). */
    public Sequential layer2;
    /** Stage 3 (256 planes, stride 2). */
    public Sequential layer3;
    /** Stage 4 (512 planes, stride 2). */
    public Sequential layer4;
    /** {@code AdaptiveAvgPool2d((1, 1))}. */
    public AdaptiveAvgPool2d avgpool;
    /** The classifier head, {@code Linear(512 * expansion, num_classes)}: replace it for transfer learning. */
    public Linear fc;

    private final Class<? extends Module> block;
    private final long groups;
    private final long baseWidth;
    private long inplanes = 64;
    private long dilation = 1;

    /** torchvision's keyword arguments and defaults for {@link ResNet}. */
    public static final class Options {
        private long numClasses = 1000;
        private boolean zeroInitResidual;
        private long groups = 1;
        private long widthPerGroup = 64;

        /** torchvision's {@code num_classes} (default 1000). */
        public Options numClasses(long numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** torchvision's {@code zero_init_residual}: the last batch norm of each block starts at 0 (default false). */
        public Options zeroInitResidual(boolean zeroInitResidual) {
            this.zeroInitResidual = zeroInitResidual;
            return this;
        }

        /** torchvision's {@code groups} of the 3x3 convolutions in bottlenecks (ResNeXt; default 1). */
        public Options groups(long groups) {
            this.groups = groups;
            return this;
        }

        /** torchvision's {@code width_per_group} (Wide ResNet, ResNeXt; default 64). */
        public Options widthPerGroup(long widthPerGroup) {
            this.widthPerGroup = widthPerGroup;
            return this;
        }
    }

    /** {@code ResNet(block, layers)} with 1000 classes; {@code block} is {@code BasicBlock.class} or {@code Bottleneck.class}. */
    public ResNet(Class<? extends Module> block, int[] layers) {
        this(block, layers, new Options());
    }

    /** {@code ResNet(block, layers, ...)} with options. */
    public ResNet(Class<? extends Module> block, int[] layers, Options options) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(layers, "layers");
        if (block != BasicBlock.class && block != Bottleneck.class) {
            throw new IllegalArgumentException("block must be BasicBlock.class or Bottleneck.class, got "
                    + block.getName());
        }
        if (layers.length != 4) {
            throw new IllegalArgumentException("layers must have 4 elements, got " + layers.length);
        }
        this.block = block;
        this.groups = options.groups;
        this.baseWidth = options.widthPerGroup;
        this.conv1 = new Conv2d(3, inplanes, 7, new Conv2d.Options().stride(2).padding(3).bias(false));
        this.bn1 = new BatchNorm2d(inplanes);
        this.relu = new ReLU(true);
        this.maxpool = new MaxPool2d(3, new MaxPool2d.Options().stride(2).padding(1));
        this.layer1 = makeLayer(64, layers[0], 1);
        this.layer2 = makeLayer(128, layers[1], 2);
        this.layer3 = makeLayer(256, layers[2], 2);
        this.layer4 = makeLayer(512, layers[3], 2);
        this.avgpool = new AdaptiveAvgPool2d(1, 1);
        this.fc = new Linear(512L * expansion(), options.numClasses);

        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.kaimingNormal_(c.weight, 0, Init.FanMode.FAN_OUT, "relu");
            } else if (m instanceof BatchNorm2d b) {
                Init.constant_(b.weight, 1);
                Init.constant_(b.bias, 0);
            }
        }
        if (options.zeroInitResidual) {
            for (Module m : modules()) {
                if (m instanceof Bottleneck b && b.bn3.weight != null) {
                    Init.constant_(b.bn3.weight, 0);
                } else if (m instanceof BasicBlock b && b.bn2.weight != null) {
                    Init.constant_(b.bn2.weight, 0);
                }
            }
        }
    }

    private int expansion() {
        return block == Bottleneck.class ? Bottleneck.EXPANSION : BasicBlock.EXPANSION;
    }

    private Module newBlock(long in, long planes, long stride, Module downsample, long dil) {
        return block == Bottleneck.class ? new Bottleneck(in, planes, stride, downsample, groups, baseWidth, dil)
                : new BasicBlock(in, planes, stride, downsample, groups, baseWidth, dil);
    }

    /** torchvision's {@code _make_layer(block, planes, blocks, stride)}: the downsample is built before the blocks. */
    private Sequential makeLayer(long planes, int blocks, long stride) {
        Module downsample = null;
        long previousDilation = dilation;
        if (stride != 1 || inplanes != planes * expansion()) {
            downsample = new Sequential(conv1x1(inplanes, planes * expansion(), stride),
                    new BatchNorm2d(planes * expansion()));
        }
        List<Module> out = new ArrayList<>();
        out.add(newBlock(inplanes, planes, stride, downsample, previousDilation));
        inplanes = planes * expansion();
        for (int i = 1; i < blocks; i++) {
            out.add(newBlock(inplanes, planes, 1, null, dilation));
        }
        return new Sequential(out.toArray(new Module[0]));
    }

    /** torchvision's {@code conv3x3(in_planes, out_planes, stride, groups, dilation)}: padded, without bias. */
    static Conv2d conv3x3(long inPlanes, long outPlanes, long stride, long groups, long dilation) {
        return new Conv2d(inPlanes, outPlanes, 3, new Conv2d.Options().stride(stride).padding(dilation)
                .groups(groups).bias(false).dilation(dilation));
    }

    /** torchvision's {@code conv1x1(in_planes, out_planes, stride)}: without bias. */
    static Conv2d conv1x1(long inPlanes, long outPlanes, long stride) {
        return new Conv2d(inPlanes, outPlanes, 1, new Conv2d.Options().stride(stride).bias(false));
    }

    @Override
    public Tensor forward(Tensor x) {
        x = conv1.forward(x);
        x = bn1.forward(x);
        x = relu.forward(x);
        x = maxpool.forward(x);
        x = layer1.forward(x);
        x = layer2.forward(x);
        x = layer3.forward(x);
        x = layer4.forward(x);
        x = avgpool.forward(x);
        x = x.flatten(1, -1);
        return fc.forward(x);
    }
}
