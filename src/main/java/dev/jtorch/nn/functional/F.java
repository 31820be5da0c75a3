package dev.jtorch.nn.functional;

import static dev.jtorch.internal.Ops.h;
import static dev.jtorch.internal.Ops.opt;
import static dev.jtorch.internal.Ops.tensor;

import dev.jtorch.Tensor;
import dev.jtorch.nn.Reduction;
import java.util.Objects;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.functional}: the functions the {@code nn} modules delegate to, with PyTorch's defaults.
 * {@code F.cross_entropy(input, target)} is {@code F.crossEntropy(input, target)}.
 */
public final class F {
    private F() {}

    // ---------------------------------------------------------------- layers

    /** {@code F.linear(input, weight, bias)}: {@code input @ weight.T + bias}; bias may be null. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        return tensor(() -> torch.linear(i, w, opt(bias)));
    }

    /** {@code F.dropout(input, p, training)}. */
    public static Tensor dropout(Tensor input, double p, boolean training) {
        checkProbability(p);
        var i = h(input, "input");
        return tensor(() -> torch.dropout(i, p, training));
    }

    /** {@code F.dropout(input, p)} (training mode, as Python's default). */
    public static Tensor dropout(Tensor input, double p) {
        return dropout(input, p, true);
    }

    /** Validates a dropout probability with PyTorch's message. */
    public static void checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
    }

    /** {@code F.embedding(input, weight, padding_idx)}; {@code paddingIdx} -1 for none. */
    public static Tensor embedding(Tensor input, Tensor weight, long paddingIdx) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        return tensor(() -> torch.embedding(w, i, paddingIdx, false, false));
    }

    /** {@code F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)}. */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        var i = h(input, "input");
        return tensor(() -> torch.batch_norm(i, opt(weight), opt(bias), opt(runningMean), opt(runningVar), training,
                momentum, eps, true));
    }

    /** {@code F.layer_norm(input, normalized_shape, weight, bias, eps)}. */
    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        var i = h(input, "input");
        Objects.requireNonNull(normalizedShape, "normalizedShape");
        return tensor(() -> torch.layer_norm(i, normalizedShape, opt(weight), opt(bias), eps, true));
    }

    /** {@code F.conv1d(input, weight, bias, stride, padding, dilation, groups)}. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation,
            long groups) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        return tensor(() -> torch.conv1d(i, w, opt(bias), new long[] {stride}, new long[] {padding},
                new long[] {dilation}, groups));
    }

    /** {@code F.conv2d(input, weight, bias, stride, padding, dilation, groups)}, each pair as (height, width). */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding,
            long[] dilation, long groups) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        return tensor(() -> torch.conv2d(i, w, opt(bias), stride, padding, dilation, groups));
    }

    /** {@code F.max_pool2d(input, kernel_size, stride, padding, dilation, ceil_mode)}. */
    public static Tensor maxPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, long[] dilation,
            boolean ceilMode) {
        var i = h(input, "input");
        return tensor(() -> torch.max_pool2d(i, kernelSize, stride, padding, dilation, ceilMode));
    }

    /** {@code F.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad)}. */
    public static Tensor avgPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
            boolean countIncludePad) {
        var i = h(input, "input");
        return tensor(() -> torch.avg_pool2d(i, kernelSize, stride, padding, ceilMode, countIncludePad,
                new org.bytedeco.pytorch.LongOptional()));
    }

    /** {@code F.adaptive_avg_pool2d(input, output_size)}. */
    public static Tensor adaptiveAvgPool2d(Tensor input, long[] outputSize) {
        var i = h(input, "input");
        return tensor(() -> torch.adaptive_avg_pool2d(i, outputSize));
    }

    // ---------------------------------------------------------------- activations

    /** {@code F.relu(input)}. */
    public static Tensor relu(Tensor input) {
        return input.relu();
    }

    /** {@code F.leaky_relu(input, negative_slope)}. */
    public static Tensor leakyRelu(Tensor input, double negativeSlope) {
        var i = h(input, "input");
        return tensor(() -> torch.leaky_relu(i, new Scalar(negativeSlope)));
    }

    /** {@code F.gelu(input, approximate)}: {@code "none"} or {@code "tanh"}. */
    public static Tensor gelu(Tensor input, String approximate) {
        var i = h(input, "input");
        if (!approximate.equals("none") && !approximate.equals("tanh")) {
            throw new IllegalArgumentException("approximate argument must be either none or tanh.");
        }
        return tensor(() -> torch.gelu(i, approximate));
    }

    /** {@code F.sigmoid(input)}. */
    public static Tensor sigmoid(Tensor input) {
        return input.sigmoid();
    }

    /** {@code F.tanh(input)}. */
    public static Tensor tanh(Tensor input) {
        return input.tanh();
    }

    /** {@code F.softmax(input, dim)}. */
    public static Tensor softmax(Tensor input, long dim) {
        return input.softmax(dim);
    }

    /** {@code F.log_softmax(input, dim)}. */
    public static Tensor logSoftmax(Tensor input, long dim) {
        return input.logSoftmax(dim);
    }

    // ---------------------------------------------------------------- losses

    /**
     * {@code F.cross_entropy(input, target, weight, ignore_index, reduction, label_smoothing)}. Targets are class
     * indices (int64) or class probabilities (float).
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex,
            Reduction reduction, double labelSmoothing) {
        var i = h(input, "input");
        var t = h(target, "target");
        Objects.requireNonNull(reduction, "reduction");
        return tensor(() -> torch.cross_entropy_loss(i, t, opt(weight), reduction.code(), ignoreIndex,
                labelSmoothing));
    }

    /** {@code F.cross_entropy(input, target)} with PyTorch's defaults. */
    public static Tensor crossEntropy(Tensor input, Tensor target) {
        return crossEntropy(input, target, null, -100, Reduction.MEAN, 0.0);
    }

    /** {@code F.nll_loss(input, target, weight, ignore_index, reduction)}. */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction) {
        var i = h(input, "input");
        var t = h(target, "target");
        return tensor(() -> torch.nll_loss(i, t, opt(weight), reduction.code(), ignoreIndex));
    }

    /** {@code F.binary_cross_entropy(input, target, weight, reduction)}. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        var i = h(input, "input");
        var t = h(target, "target");
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException("Using a target size (" + target.shape() + ") that is different to "
                    + "the input size (" + input.shape() + ") is deprecated. Please ensure they have the same size.");
        }
        return tensor(() -> torch.binary_cross_entropy(i, t, opt(weight), reduction.code()));
    }

    /** {@code F.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weight)}. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight,
            Reduction reduction, Tensor posWeight) {
        var i = h(input, "input");
        var t = h(target, "target");
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException("Target size (" + target.shape() + ") must be the same as input size ("
                    + input.shape() + ")");
        }
        return tensor(() -> torch.binary_cross_entropy_with_logits(i, t, opt(weight), opt(posWeight),
                reduction.code()));
    }

    /** {@code F.mse_loss(input, target, reduction)}. */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        var i = h(input, "input");
        var t = h(target, "target");
        return tensor(() -> torch.mse_loss(i, t, reduction.code()));
    }

    /** {@code F.l1_loss(input, target, reduction)}. */
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        var i = h(input, "input");
        var t = h(target, "target");
        return tensor(() -> torch.l1_loss(i, t, reduction.code()));
    }

    /** {@code F.smooth_l1_loss(input, target, reduction, beta)}. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        var i = h(input, "input");
        var t = h(target, "target");
        return tensor(() -> torch.smooth_l1_loss(i, t, reduction.code(), beta));
    }

    /** {@code F.huber_loss(input, target, reduction, delta)}. */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        var i = h(input, "input");
        var t = h(target, "target");
        return tensor(() -> torch.huber_loss(i, t, reduction.code(), delta));
    }

    /**
     * {@code F.kl_div(input, target, reduction, log_target)}. PyTorch's {@code reduction='batchmean'} is
     * {@link #klDivBatchmean}.
     */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        var i = h(input, "input");
        var t = h(target, "target");
        return tensor(() -> torch.kl_div(i, t, reduction.code(), logTarget));
    }

    /** {@code F.kl_div(input, target, reduction='batchmean', log_target)}: the sum divided by the batch size. */
    public static Tensor klDivBatchmean(Tensor input, Tensor target, boolean logTarget) {
        Tensor sum = klDiv(input, target, Reduction.SUM, logTarget);
        return input.dim() != 0 ? sum.div(input.size(0)) : sum;
    }
}
