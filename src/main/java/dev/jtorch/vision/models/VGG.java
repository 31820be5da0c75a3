package dev.jtorch.vision.models;

import dev.jtorch.Tensor;
import dev.jtorch.nn.AdaptiveAvgPool2d;
import dev.jtorch.nn.BatchNorm2d;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Dropout;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.MaxPool2d;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU;
import dev.jtorch.nn.Sequential;
import dev.jtorch.nn.init.Init;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * torchvision's {@code models.VGG(features, num_classes=1000, init_weights=True, dropout=0.5)}: {@code features},
 * {@code avgpool} = {@code AdaptiveAvgPool2d((7, 7))} and {@code classifier} = three {@link Linear} layers (25088
 * -> 4096 -> 4096 -> num_classes) with {@code ReLU(inplace=True)} and {@link Dropout}. Module names, repr and
 * state-dict keys are torchvision's; {@link #makeLayers} builds torchvision's configurations {@code "A"} (VGG-11),
 * {@code "B"} (13), {@code "D"} (16) and {@code "E"} (19).
 *
 * <p>With {@code init_weights} the weights are then re-drawn as torchvision does, in {@code modules()} order:
 * {@code kaiming_normal_(mode="fan_out", nonlinearity="relu")} and zero bias for the convolutions, ones/zeros for
 * batch norms, {@code normal_(0, 0.01)} and zero bias for the linear layers (after each layer's own
 * {@code reset_parameters()} at construction, which consumes the generator first). See
 * <a href="https://pytorch.org/vision/0.14/models/vgg.html">torchvision VGG</a>.
 */
public class VGG extends Module {
    /** The convolutional trunk (from {@link #makeLayers}). */
    public Module features;
    /** {@code AdaptiveAvgPool2d((7, 7))}. */
    public AdaptiveAvgPool2d avgpool;
    /** The classifier; {@code classifier.set(6, new Linear(4096, 2))} replaces the last layer. */
    public Sequential classifier;

    /** torchvision's {@code cfgs}: channel counts, with {@code 0} for torchvision's {@code "M"} (max pooling). */
    private static final Map<String, int[]> CFGS = Map.of(
            "A", new int[] {64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0},
            "B", new int[] {64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0},
            "D", new int[] {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0},
            "E", new int[] {64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512,
                0});

    /** {@code VGG(features)}: 1000 classes, torchvision's initialisation, dropout 0.5. */
    public VGG(Module features) {
        this(features, 1000, true, 0.5);
    }

    /** {@code VGG(features, num_classes, init_weights, dropout)}. */
    public VGG(Module features, long numClasses, boolean initWeights, double dropout) {
        this.features = Objects.requireNonNull(features, "features");
        this.avgpool = new AdaptiveAvgPool2d(7, 7);
        this.classifier = new Sequential(new Linear(512 * 7 * 7, 4096), new ReLU(true), new Dropout(dropout),
                new Linear(4096, 4096), new ReLU(true), new Dropout(dropout), new Linear(4096, numClasses));
        if (initWeights) {
            for (Module m : modules()) {
                if (m instanceof Conv2d c) {
                    Init.kaimingNormal_(c.weight, 0, Init.FanMode.FAN_OUT, "relu");
                    if (c.bias != null) {
                        Init.constant_(c.bias, 0);
                    }
                } else if (m instanceof BatchNorm2d b) {
                    Init.constant_(b.weight, 1);
                    Init.constant_(b.bias, 0);
                } else if (m instanceof Linear l) {
                    Init.normal_(l.weight, 0, 0.01);
                    Init.constant_(l.bias, 0);
                }
            }
        }
    }

    /**
     * torchvision's {@code make_layers(cfgs[cfg], batch_norm)}: for each entry a 3x3 {@link Conv2d} (padding 1),
     * optionally a {@link BatchNorm2d}, and {@code ReLU(inplace=True)}; {@code MaxPool2d(kernel_size=2, stride=2)}
     * for each {@code "M"}.
     *
     * @param cfg {@code "A"}, {@code "B"}, {@code "D"} or {@code "E"}
     */
    public static Sequential makeLayers(String cfg, boolean batchNorm) {
        int[] c = CFGS.get(Objects.requireNonNull(cfg, "cfg"));
        if (c == null) {
            throw new IllegalArgumentException("unknown VGG configuration '" + cfg + "' (expected A, B, D or E)");
        }
        List<Module> layers = new ArrayList<>();
        long inChannels = 3;
        for (int v : c) {
            if (v == 0) {
                layers.add(new MaxPool2d(2, new MaxPool2d.Options().stride(2)));
            } else {
                layers.add(new Conv2d(inChannels, v, 3, new Conv2d.Options().padding(1)));
                if (batchNorm) {
                    layers.add(new BatchNorm2d(v));
                }
                layers.add(new ReLU(true));
                inChannels = v;
            }
        }
        return new Sequential(layers.toArray(new Module[0]));
    }

    @Override
    public Tensor forward(Tensor x) {
        x = features.forward(x);
        x = avgpool.forward(x);
        x = x.flatten(1, -1);
        return classifier.forward(x);
    }
}
