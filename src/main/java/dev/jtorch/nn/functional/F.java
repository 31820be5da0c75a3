package dev.jtorch.nn.functional;

import static dev.jtorch.internal.Ops.call;
import static dev.jtorch.internal.Ops.h;
import static dev.jtorch.internal.Ops.opt;
import static dev.jtorch.internal.Ops.tensor;

import dev.jtorch.Size;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.Warnings;
import dev.jtorch.nn.ConvNd;
import dev.jtorch.nn.GELU;
import dev.jtorch.nn.Reduction;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BinaryOperator;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.functional}: the functions the {@code nn} modules delegate to, with PyTorch's defaults.
 * {@code F.cross_entropy(input, target)} is {@code F.crossEntropy(input, target)}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/nn.functional.html">torch.nn.functional</a>.
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
        if (training && p > 0 && dev.jtorch.internal.ThreadGenerator.get() != null && i.is_cpu() && i.numel() > 0) {
            // a DataLoader worker thread: ATen's CPU dropout (input * bernoulli_(1 - p) / (1 - p)) on its own generator
            if (p == 1) {
                return tensor(() -> i.mul(torch.zeros(new long[0], i.options())));
            }
            return tensor(() -> {
                var noise = torch.empty_like(i);
                noise.bernoulli_(1 - p, dev.jtorch.Generator.optional(null));
                noise.div_(new org.bytedeco.pytorch.Scalar(1 - p));
                return i.mul(noise);
            });
        }
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

    /** {@code F.embedding(input, weight)}: the rows of {@code weight} at the (int64) indices in {@code input}. */
    public static Tensor embedding(Tensor input, Tensor weight) {
        return embedding(input, weight, null, null, 2.0, false, false);
    }

    /**
     * {@code F.embedding(input, weight, padding_idx)}: the row {@code paddingIdx} (negative counts from the end)
     * gets no gradient.
     */
    public static Tensor embedding(Tensor input, Tensor weight, long paddingIdx) {
        return embedding(input, weight, paddingIdx, null, 2.0, false, false);
    }

    /**
     * {@code F.embedding(input, weight, padding_idx, max_norm, norm_type, scale_grad_by_freq, sparse)}; a null
     * {@code paddingIdx} or {@code maxNorm} is Python's {@code None}. With {@code maxNorm}, the looked-up rows of
     * {@code weight} are renormalised in place (without autograd), as in PyTorch.
     */
    public static Tensor embedding(Tensor input, Tensor weight, Long paddingIdx, Double maxNorm, double normType,
            boolean scaleGradByFreq, boolean sparse) {
        var w = h(weight, "weight");
        h(input, "input");
        long pad = -1;
        if (paddingIdx != null) {
            long rows = weight.size(0);
            if (paddingIdx > 0 && paddingIdx >= rows || paddingIdx < 0 && paddingIdx < -rows) {
                throw new IllegalArgumentException("Padding_idx must be within num_embeddings");
            }
            pad = paddingIdx < 0 ? rows + paddingIdx : paddingIdx;
        }
        Tensor in = input;
        if (maxNorm != null) {
            in = input.contiguous();
            var i = in.nativeTensor();
            try (var g = Torch.noGrad()) {
                call(() -> torch.embedding_renorm_(w, i, maxNorm, normType));
            }
        }
        var i = in.nativeTensor();
        long p = pad;
        return tensor(() -> torch.embedding(w, i, p, scaleGradByFreq, sparse));
    }

    /**
     * {@code F.batch_norm(input, running_mean, running_var, weight, bias, training, momentum, eps)}. The running
     * statistics (either may be null) are updated in place in training mode.
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean training, double momentum, double eps) {
        var i = h(input, "input");
        if (training) {
            verifyBatchSize(input.shape());
        }
        return tensor(() -> torch.batch_norm(i, opt(weight), opt(bias), opt(runningMean), opt(runningVar), training,
                momentum, eps, true));
    }

    /** {@code F.batch_norm(input, running_mean, running_var)} in inference mode with PyTorch's defaults. */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar) {
        return batchNorm(input, runningMean, runningVar, null, null, false, 0.1, 1e-5);
    }

    private static void verifyBatchSize(Size size) {
        long prod = size.get(0);
        for (int d = 2; d < size.size(); d++) {
            prod *= size.get(d);
        }
        if (prod == 1) {
            throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size "
                    + size);
        }
    }

    /** {@code F.layer_norm(input, normalized_shape, weight, bias, eps)}. */
    public static Tensor layerNorm(Tensor input, long[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        var i = h(input, "input");
        Objects.requireNonNull(normalizedShape, "normalizedShape");
        return tensor(() -> torch.layer_norm(i, normalizedShape, opt(weight), opt(bias), eps, true));
    }

    /** {@code F.conv1d(input, weight, bias, stride, padding, dilation, groups)}; bias may be null. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long stride, long padding, long dilation,
            long groups) {
        return conv1d(input, weight, bias, new long[] {stride}, new long[] {padding}, new long[] {dilation}, groups);
    }

    /** {@code F.conv1d(input, weight)} with stride 1, no padding, no bias. */
    public static Tensor conv1d(Tensor input, Tensor weight) {
        return conv1d(input, weight, null, 1, 0, 1, 1);
    }

    /** {@code F.conv1d(input, weight, bias, stride, padding, dilation, groups)} with one-element arrays. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding,
            long[] dilation, long groups) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        return tensor(() -> torch.conv1d(i, w, opt(bias), stride, padding, dilation, groups));
    }

    /** {@code F.conv1d(input, weight, bias, stride, padding='same'|'valid', dilation, groups)}. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long[] stride, ConvNd.Padding padding,
            long[] dilation, long groups) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        String mode = Objects.requireNonNull(padding, "padding").toString();
        return tensor(() -> torch.conv1d(i, w, opt(bias), stride, mode, dilation, groups));
    }

    /** {@code F.conv2d(input, weight, bias, stride, padding, dilation, groups)}, each pair as (height, width). */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding,
            long[] dilation, long groups) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        return tensor(() -> torch.conv2d(i, w, opt(bias), stride, padding, dilation, groups));
    }

    /** {@code F.conv2d(input, weight)} with stride 1, no padding, no bias. */
    public static Tensor conv2d(Tensor input, Tensor weight) {
        return conv2d(input, weight, null, new long[] {1, 1}, new long[] {0, 0}, new long[] {1, 1}, 1);
    }

    /** {@code F.conv2d(input, weight, bias, stride, padding='same'|'valid', dilation, groups)}. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, ConvNd.Padding padding,
            long[] dilation, long groups) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        String mode = Objects.requireNonNull(padding, "padding").toString();
        return tensor(() -> torch.conv2d(i, w, opt(bias), stride, mode, dilation, groups));
    }

    /** The {@code mode} of {@link #pad(Tensor, long[], PadMode, double)}: Python's strings, as an enum. */
    public enum PadMode {
        /** {@code mode='constant'} (the default): pads with a value. */
        CONSTANT("constant"),
        /** {@code mode='reflect'}: mirrors the input at its border, without repeating the edge. */
        REFLECT("reflect"),
        /** {@code mode='replicate'}: repeats the edge value. */
        REPLICATE("replicate"),
        /** {@code mode='circular'}: wraps around. */
        CIRCULAR("circular");

        private final String pythonName;

        PadMode(String pythonName) {
            this.pythonName = pythonName;
        }

        /** Python's spelling, e.g. {@code reflect}. */
        @Override
        public String toString() {
            return pythonName;
        }
    }

    /**
     * {@code F.pad(input, pad, mode, value)}: {@code pad} lists (left, right) amounts from the last dimension
     * backwards, as in PyTorch; {@code value} is used by {@link PadMode#CONSTANT} only.
     */
    public static Tensor pad(Tensor input, long[] pad, PadMode mode, double value) {
        var i = h(input, "input");
        Objects.requireNonNull(pad, "pad");
        String m = Objects.requireNonNull(mode, "mode").toString();
        DoubleOptional v = mode == PadMode.CONSTANT ? new DoubleOptional(value) : new DoubleOptional();
        return tensor(() -> torch.pad(i, pad, m, v));
    }

    /** {@code F.pad(input, pad, mode)}. */
    public static Tensor pad(Tensor input, long[] pad, PadMode mode) {
        return pad(input, pad, mode, 0.0);
    }

    /** {@code F.pad(input, pad)}: zero padding. */
    public static Tensor pad(Tensor input, long[] pad) {
        return pad(input, pad, PadMode.CONSTANT, 0.0);
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
        return avgPool2d(input, kernelSize, stride, padding, ceilMode, countIncludePad, null);
    }

    /**
     * {@code F.avg_pool2d(input, kernel_size, stride, padding, ceil_mode, count_include_pad, divisor_override)};
     * a null {@code divisorOverride} is Python's {@code None}.
     */
    public static Tensor avgPool2d(Tensor input, long[] kernelSize, long[] stride, long[] padding, boolean ceilMode,
            boolean countIncludePad, Long divisorOverride) {
        var i = h(input, "input");
        LongOptional d = divisorOverride == null ? new LongOptional() : new LongOptional(divisorOverride);
        return tensor(() -> torch.avg_pool2d(i, kernelSize, stride, padding, ceilMode, countIncludePad, d));
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

    /** {@code F.leaky_relu(input)} with slope 0.01. */
    public static Tensor leakyRelu(Tensor input) {
        return leakyRelu(input, 0.01);
    }

    /** {@code F.gelu(input, approximate)}. */
    public static Tensor gelu(Tensor input, GELU.Approximate approximate) {
        var i = h(input, "input");
        String a = Objects.requireNonNull(approximate, "approximate").toString();
        return tensor(() -> torch.gelu(i, a));
    }

    /** {@code F.gelu(input)}: the exact GELU. */
    public static Tensor gelu(Tensor input) {
        return gelu(input, GELU.Approximate.NONE);
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

    /**
     * {@code F.softmax(input)} without {@code dim} (deprecated in PyTorch): dimension 0 for 0-, 1- and 3-dimensional
     * inputs, 1 otherwise, as {@code _get_softmax_dim} chooses.
     */
    public static Tensor softmax(Tensor input) {
        return input.softmax(implicitSoftmaxDim(input.dim()));
    }

    /** {@code F.log_softmax(input, dim)}. */
    public static Tensor logSoftmax(Tensor input, long dim) {
        return input.logSoftmax(dim);
    }

    /** {@code F.log_softmax(input)} without {@code dim}: the dimension {@link #softmax(Tensor)} chooses. */
    public static Tensor logSoftmax(Tensor input) {
        return input.logSoftmax(implicitSoftmaxDim(input.dim()));
    }

    /** PyTorch's {@code _get_softmax_dim}: the dimension softmax uses when none is given. */
    public static long implicitSoftmaxDim(int ndim) {
        return ndim == 0 || ndim == 1 || ndim == 3 ? 0 : 1;
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

    /**
     * {@code F.nll_loss(input, target, weight, ignore_index, reduction)}: input (N, C) or (N, C, d1, ...) of
     * log-probabilities, target (N) or (N, d1, ...) of class indices.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, Reduction reduction) {
        var i = h(input, "input");
        var t = h(target, "target");
        Objects.requireNonNull(reduction, "reduction");
        return tensor(() -> torch.nll_loss_nd(i, t, opt(weight), reduction.code(), ignoreIndex));
    }

    /** {@code F.nll_loss(input, target)} with PyTorch's defaults. */
    public static Tensor nllLoss(Tensor input, Tensor target) {
        return nllLoss(input, target, null, -100, Reduction.MEAN);
    }

    /**
     * {@code F.binary_cross_entropy(input, target, weight, reduction)}: input and target of the same shape;
     * {@code weight} (may be null) is broadcast to the target's shape.
     */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, Reduction reduction) {
        var i = h(input, "input");
        var t = h(target, "target");
        Objects.requireNonNull(reduction, "reduction");
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException("Using a target size (" + target.shape() + ") that is different to "
                    + "the input size (" + input.shape() + ") is deprecated. Please ensure they have the same size.");
        }
        org.bytedeco.pytorch.Tensor w = weight == null ? null : h(weight, "weight");
        return tensor(() -> {
            TensorOptional ow = new TensorOptional();
            if (w != null) {
                long[] size = torch.infer_size(t.sizes().vec().get(), w.sizes().vec().get()).get();
                ow = new TensorOptional(w.expand(size));
            }
            return torch.binary_cross_entropy(i, t, ow, reduction.code());
        });
    }

    /** {@code F.binary_cross_entropy(input, target)} with PyTorch's defaults. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) {
        return binaryCrossEntropy(input, target, null, Reduction.MEAN);
    }

    /**
     * {@code F.binary_cross_entropy_with_logits(input, target, weight, reduction, pos_weight)}; {@code weight} and
     * {@code posWeight} may be null.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight,
            Reduction reduction, Tensor posWeight) {
        var i = h(input, "input");
        var t = h(target, "target");
        Objects.requireNonNull(reduction, "reduction");
        if (!input.shape().equals(target.shape())) {
            throw new IllegalArgumentException("Target size (" + target.shape() + ") must be the same as input size ("
                    + input.shape() + ")");
        }
        return tensor(() -> torch.binary_cross_entropy_with_logits(i, t, opt(weight), opt(posWeight),
                reduction.code()));
    }

    /** {@code F.binary_cross_entropy_with_logits(input, target)} with PyTorch's defaults. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, Reduction.MEAN, null);
    }

    /**
     * {@code F.mse_loss(input, target, reduction)}; input and target are broadcast together, as in PyTorch, which
     * warns ({@code UserWarning: Using a target size ...}) when their sizes differ.
     */
    public static Tensor mseLoss(Tensor input, Tensor target, Reduction reduction) {
        Objects.requireNonNull(reduction, "reduction");
        return pointwiseLoss(input, target, (i, t) -> torch.mse_loss(i, t, reduction.code()));
    }

    /** {@code F.mse_loss(input, target)}: the mean squared error. */
    public static Tensor mseLoss(Tensor input, Tensor target) {
        return mseLoss(input, target, Reduction.MEAN);
    }

    /** {@code F.l1_loss(input, target, reduction)}; broadcast and warned about as {@link #mseLoss}. */
    public static Tensor l1Loss(Tensor input, Tensor target, Reduction reduction) {
        Objects.requireNonNull(reduction, "reduction");
        return pointwiseLoss(input, target, (i, t) -> torch.l1_loss(i, t, reduction.code()));
    }

    /** {@code F.l1_loss(input, target)}: the mean absolute error. */
    public static Tensor l1Loss(Tensor input, Tensor target) {
        return l1Loss(input, target, Reduction.MEAN);
    }

    /** {@code F.smooth_l1_loss(input, target, reduction, beta)}; broadcast and warned about as {@link #mseLoss}. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, Reduction reduction, double beta) {
        Objects.requireNonNull(reduction, "reduction");
        return pointwiseLoss(input, target, (i, t) -> torch.smooth_l1_loss(i, t, reduction.code(), beta));
    }

    /** {@code F.smooth_l1_loss(input, target)} with beta 1. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target) {
        return smoothL1Loss(input, target, Reduction.MEAN, 1.0);
    }

    /** {@code F.huber_loss(input, target, reduction, delta)}; broadcast and warned about as {@link #mseLoss}. */
    public static Tensor huberLoss(Tensor input, Tensor target, Reduction reduction, double delta) {
        Objects.requireNonNull(reduction, "reduction");
        return pointwiseLoss(input, target, (i, t) -> torch.huber_loss(i, t, reduction.code(), delta));
    }

    /** {@code F.huber_loss(input, target)} with delta 1. */
    public static Tensor huberLoss(Tensor input, Tensor target) {
        return huberLoss(input, target, Reduction.MEAN, 1.0);
    }

    /**
     * Broadcasts input and target together (as PyTorch's regression losses do), then applies the kernel. Sizes that
     * differ get PyTorch's {@code UserWarning} first (see {@link #warnTargetSize}).
     */
    private static Tensor pointwiseLoss(Tensor input, Tensor target,
            BinaryOperator<org.bytedeco.pytorch.Tensor> kernel) {
        var i = h(input, "input");
        var t = h(target, "target");
        Size inputSize = input.shape();
        Size targetSize = target.shape();
        if (!inputSize.equals(targetSize)) {
            warnTargetSize(inputSize, targetSize);
        }
        return tensor(() -> {
            if (inputSize.equals(targetSize)) {
                return kernel.apply(i, t);
            }
            TensorVector both = torch.broadcast_tensors(new TensorVector(i, t));
            return kernel.apply(both.get(0), both.get(1));
        });
    }

    /** The (call site, message) pairs already warned about, as Python's {@code __warningregistry__}. */
    private static final Set<String> SHOWN_SIZE_WARNINGS = ConcurrentHashMap.newKeySet();

    /**
     * PyTorch's warning of {@code F.mse_loss}, {@code F.l1_loss}, {@code F.smooth_l1_loss} and {@code F.huber_loss}
     * for a target whose size differs from the input's: {@code UserWarning: Using a target size
     * (torch.Size([4])) that is different to the input size (torch.Size([4, 1])). This will likely lead to incorrect
     * results due to broadcasting. Please ensure they have the same size.}, through {@link Warnings}. As with
     * Python's default filter and PyTorch's {@code stacklevel=2}, a message is shown once per call site of the
     * {@code F} function (for the loss modules, their {@code forward}), not at every training step.
     */
    private static void warnTargetSize(Size inputSize, Size targetSize) {
        String message = "Using a target size (" + targetSize + ") that is different to the input size (" + inputSize
                + "). This will likely lead to incorrect results due to broadcasting. Please ensure they have the "
                + "same size.";
        String site = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(F.class.getName()))
                .findFirst()
                .map(f -> f.getClassName() + "." + f.getMethodName() + ":" + f.getLineNumber())
                .orElse("?"));
        if (SHOWN_SIZE_WARNINGS.add(site + " " + message)) {
            Warnings.warn(message);
        }
    }

    /**
     * {@code F.kl_div(input, target, reduction, log_target)}: input holds log-probabilities, target probabilities
     * (log-probabilities with {@code logTarget}). PyTorch's {@code reduction='batchmean'} is {@link #klDivBatchmean}.
     */
    public static Tensor klDiv(Tensor input, Tensor target, Reduction reduction, boolean logTarget) {
        var i = h(input, "input");
        var t = h(target, "target");
        Objects.requireNonNull(reduction, "reduction");
        return tensor(() -> torch.kl_div(i, t, reduction.code(), logTarget));
    }

    /** {@code F.kl_div(input, target)}: reduction mean (which PyTorch warns about; prefer batchmean). */
    public static Tensor klDiv(Tensor input, Tensor target) {
        return klDiv(input, target, Reduction.MEAN, false);
    }

    /** {@code F.kl_div(input, target, reduction='batchmean', log_target)}: the sum divided by the batch size. */
    public static Tensor klDivBatchmean(Tensor input, Tensor target, boolean logTarget) {
        Tensor sum = klDiv(input, target, Reduction.SUM, logTarget);
        return input.dim() != 0 ? sum.div(input.size(0)) : sum;
    }
}
