package dev.jtorch.vision.models;

import dev.jtorch.Tensor;
import dev.jtorch.nn.BatchNorm2d;
import dev.jtorch.nn.Conv2d;
import dev.jtorch.nn.Dropout;
import dev.jtorch.nn.Linear;
import dev.jtorch.nn.Module;
import dev.jtorch.nn.ReLU6;
import dev.jtorch.nn.Sequential;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;
import dev.jtorch.vision.ops.Conv2dNormActivation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * torchvision's {@code models.MobileNetV2(num_classes=1000, width_mult=1.0, inverted_residual_setting=None,
 * round_nearest=8, dropout=0.2)}: {@code features} (a stem {@link Conv2dNormActivation}, the
 * {@link InvertedResidual} blocks and a 1x1 {@link Conv2dNormActivation} to {@code last_channel}), global average
 * pooling and {@code classifier} = {@code Sequential(Dropout(p=dropout), Linear(last_channel, num_classes))}.
 * Module names, repr and state-dict keys are torchvision's.
 *
 * <p>Initialisation consumes the default generator as torchvision does: the layers' own {@code reset_parameters()}
 * at construction, then, in {@code modules()} order, {@code kaiming_normal_(mode="fan_out")} and zero bias for the
 * convolutions, ones/zeros for the batch norms, {@code normal_(0, 0.01)} and zero bias for the linear layer.
 *
 * <p>For transfer learning replace the last layer as in Python: {@code model.classifier.set(1, new
 * Linear(model.lastChannel(), 2))} for {@code model.classifier[1] = nn.Linear(model.last_channel, 2)}. See
 * <a href="https://pytorch.org/vision/0.14/models/mobilenetv2.html">torchvision MobileNetV2</a>.
 */
public class MobileNetV2 extends Module {
    /** The convolutional trunk. */
    public Sequential features;
    /** {@code Sequential(Dropout(p=dropout), Linear(last_channel, num_classes))}. */
    public Sequential classifier;
    private final long lastChannel;

    /** The default {@code inverted_residual_setting}: rows of (expansion t, channels c, repeats n, stride s). */
    private static final int[][] DEFAULT_SETTING = {
        {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1},
    };

    /** torchvision's keyword arguments and defaults for {@link MobileNetV2}. */
    public static final class Options {
        private long numClasses = 1000;
        private double widthMult = 1.0;
        private int[][] invertedResidualSetting;
        private long roundNearest = 8;
        private double dropout = 0.2;

        /** torchvision's {@code num_classes} (default 1000). */
        public Options numClasses(long numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** torchvision's {@code width_mult}: scales every layer's channels (default 1.0). */
        public Options widthMult(double widthMult) {
            this.widthMult = widthMult;
            return this;
        }

        /**
         * torchvision's {@code inverted_residual_setting}: rows of (t, c, n, s); null (the default) is torchvision's
         * table.
         */
        public Options invertedResidualSetting(int[][] invertedResidualSetting) {
            this.invertedResidualSetting = invertedResidualSetting;
            return this;
        }

        /** torchvision's {@code round_nearest}: channels are rounded to a multiple of it (default 8). */
        public Options roundNearest(long roundNearest) {
            this.roundNearest = roundNearest;
            return this;
        }

        /** torchvision's {@code dropout} probability before the classifier (default 0.2). */
        public Options dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }
    }

    /** {@code MobileNetV2()}: 1000 classes. */
    public MobileNetV2() {
        this(new Options());
    }

    /** {@code MobileNetV2(...)} with options. */
    public MobileNetV2(Options options) {
        Objects.requireNonNull(options, "options");
        int[][] setting = options.invertedResidualSetting != null ? options.invertedResidualSetting
                : DEFAULT_SETTING;
        if (setting.length == 0 || setting[0].length != 4) {
            throw new IllegalArgumentException("inverted_residual_setting should be non-empty or a 4-element list, got "
                    + pyList(setting));
        }
        long inputChannel = makeDivisible(32 * options.widthMult, options.roundNearest);
        this.lastChannel = makeDivisible(1280 * Math.max(1.0, options.widthMult), options.roundNearest);
        List<Module> layers = new ArrayList<>();
        layers.add(new Conv2dNormActivation(3, inputChannel, new Conv2dNormActivation.Options().stride(2)
                .activationLayer(ReLU6::new)));
        for (int[] row : setting) {
            if (row.length != 4) {
                throw new IllegalArgumentException("inverted_residual_setting rows must have 4 elements, got "
                        + pyList(new int[][] {row}));
            }
            long outputChannel = makeDivisible(row[1] * options.widthMult, options.roundNearest);
            for (int i = 0; i < row[2]; i++) {
                long stride = i == 0 ? row[3] : 1;
                layers.add(new InvertedResidual(inputChannel, outputChannel, stride, row[0]));
                inputChannel = outputChannel;
            }
        }
        layers.add(new Conv2dNormActivation(inputChannel, lastChannel, new Conv2dNormActivation.Options()
                .kernelSize(1).activationLayer(ReLU6::new)));
        this.features = new Sequential(layers.toArray(new Module[0]));
        this.classifier = new Sequential(new Dropout(options.dropout), new Linear(lastChannel, options.numClasses));

        for (Module m : modules()) {
            if (m instanceof Conv2d c) {
                Init.kaimingNormal_(c.weight, 0, Init.FanMode.FAN_OUT, "leaky_relu");
                if (c.bias != null) {
                    Init.zeros_(c.bias);
                }
            } else if (m instanceof BatchNorm2d b) {
                Init.ones_(b.weight);
                Init.zeros_(b.bias);
            } else if (m instanceof Linear l) {
                Init.normal_(l.weight, 0, 0.01);
                Init.zeros_(l.bias);
            }
        }
    }

    /** torchvision's {@code last_channel}: the features' output channels, the classifier's input. */
    public long lastChannel() {
        return lastChannel;
    }

    /**
     * torchvision's {@code _make_divisible(v, divisor)}: {@code v} rounded to the nearest multiple of
     * {@code divisor}, at least {@code divisor}, and not below 90% of {@code v}.
     */
    static long makeDivisible(double v, long divisor) {
        long newV = Math.max(divisor, (long) (v + divisor / 2.0) / divisor * divisor);
        if (newV < 0.9 * v) {
            newV += divisor;
        }
        return newV;
    }

    private static String pyList(int[][] rows) {
        List<String> out = new ArrayList<>();
        for (int[] r : rows) {
            List<String> cells = new ArrayList<>();
            for (int v : r) {
                cells.add(Integer.toString(v));
            }
            out.add("[" + String.join(", ", cells) + "]");
        }
        return "[" + String.join(", ", out) + "]";
    }

    @Override
    public Tensor forward(Tensor x) {
        x = features.forward(x);
        x = F.adaptiveAvgPool2d(x, new long[] {1, 1});
        x = x.flatten(1, -1);
        return classifier.forward(x);
    }
}
