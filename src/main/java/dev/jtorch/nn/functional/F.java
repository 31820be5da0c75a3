package dev.jtorch.nn.functional;

import static dev.jtorch.internal.Ops.call;
import static dev.jtorch.internal.Ops.h;
import static dev.jtorch.internal.Ops.opt;
import static dev.jtorch.internal.Ops.tensor;

import dev.jtorch.PyEnum;
import dev.jtorch.Size;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import dev.jtorch.Warnings;
import dev.jtorch.internal.WarningSites;
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
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, long[] stride, Padding padding,
            long[] dilation, long groups) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        String mode = Objects.requireNonNull(padding, "padding").pythonName();
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
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, long[] stride, Padding padding,
            long[] dilation, long groups) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        String mode = Objects.requireNonNull(padding, "padding").pythonName();
        return tensor(() -> torch.conv2d(i, w, opt(bias), stride, mode, dilation, groups));
    }

    /** The {@code mode} of {@link #pad(Tensor, long[], PadMode, double)}: Python's strings, as an enum. */
    public enum PadMode implements PyEnum {
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
        public String pythonName() {
            return pythonName;
        }

        /** The same as {@link #pythonName()}. */
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
        String m = Objects.requireNonNull(mode, "mode").pythonName();
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
    public static Tensor gelu(Tensor input, Approximate approximate) {
        var i = h(input, "input");
        String a = Objects.requireNonNull(approximate, "approximate").pythonName();
        return tensor(() -> torch.gelu(i, a));
    }

    /** {@code F.gelu(input)}: the exact GELU. */
    public static Tensor gelu(Tensor input) {
        return gelu(input, Approximate.NONE);
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

    // ---------------------------------------------------------------- attention (h/attention)

    /**
     * {@code F.multi_head_attention_forward(query, key, value, embed_dim_to_check, num_heads, in_proj_weight,
     * in_proj_bias, bias_k, bias_v, add_zero_attn, dropout_p, out_proj_weight, out_proj_bias, training,
     * key_padding_mask, need_weights, attn_mask, use_separate_proj_weight, q_proj_weight, k_proj_weight,
     * v_proj_weight, static_k, static_v, average_attn_weights)} of PyTorch 1.13, argument for argument (null for
     * Python's None), with the same libtorch operations in the same order, so the same numbers. Its in-projection
     * takes a different path (one fused linear, or one for q and one for k and v) when {@code query}, {@code key}
     * and {@code value} are the same Java object, as Python's does for the same Python object. The attention
     * weights of the result are null unless {@code needWeights}. See
     * <a href="https://pytorch.org/docs/1.13/nn.functional.html#multi-head-attention">torch.nn.functional</a>.
     */
    public static AttentionOutput multiHeadAttentionForward(Tensor query, Tensor key,
            Tensor value, long embedDimToCheck, long numHeads, Tensor inProjWeight, Tensor inProjBias, Tensor biasK,
            Tensor biasV, boolean addZeroAttn, double dropoutP, Tensor outProjWeight, Tensor outProjBias,
            boolean training, Tensor keyPaddingMask, boolean needWeights, Tensor attnMask,
            boolean useSeparateProjWeight, Tensor qProjWeight, Tensor kProjWeight, Tensor vProjWeight,
            Tensor staticK, Tensor staticV, boolean averageAttnWeights) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return MhaForward.forward(query, key, value, embedDimToCheck, numHeads, inProjWeight, inProjBias, biasK,
                biasV, addZeroAttn, dropoutP, outProjWeight, outProjBias, training, keyPaddingMask, needWeights,
                attnMask, useSeparateProjWeight, qProjWeight, kProjWeight, vProjWeight, staticK, staticV,
                averageAttnWeights);
    }

    // ---------------------------------------------------------------- more layers (h/layers): convolutions, norms,
    // resizing, activations and losses of torch.nn.functional, each on libtorch's own kernel

    /**
     * {@code F.conv3d(input, weight, bias, stride, padding, dilation, groups)}, each triple as (depth, height, width).
     */
    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding,
            long[] dilation, long groups) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        return tensor(() -> torch.conv3d(i, w, opt(bias), stride, padding, dilation, groups));
    }

    /** {@code F.conv3d(input, weight)} with stride 1, no padding, no bias. */
    public static Tensor conv3d(Tensor input, Tensor weight) {
        return conv3d(input, weight, null, new long[] {1, 1, 1}, new long[] {0, 0, 0}, new long[] {1, 1, 1}, 1);
    }

    /** {@code F.conv3d(input, weight, bias, stride, padding='same'|'valid', dilation, groups)}. */
    public static Tensor conv3d(Tensor input, Tensor weight, Tensor bias, long[] stride, Padding padding,
            long[] dilation, long groups) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        String mode = Objects.requireNonNull(padding, "padding").pythonName();
        return tensor(() -> torch.conv3d(i, w, opt(bias), stride, mode, dilation, groups));
    }

    /**
     * {@code F.conv_transpose2d(input, weight, bias, stride, padding, output_padding, groups, dilation)}, each pair as
     * (height, width); {@code weight} is (in_channels, out_channels / groups, kH, kW), bias may be null.
     */
    public static Tensor convTranspose2d(Tensor input, Tensor weight, Tensor bias, long[] stride, long[] padding,
            long[] outputPadding, long groups, long[] dilation) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        return tensor(() -> torch.conv_transpose2d(i, w, opt(bias), stride, padding, outputPadding, groups, dilation));
    }

    /** {@code F.conv_transpose2d(input, weight)} with stride 1, no padding, no bias. */
    public static Tensor convTranspose2d(Tensor input, Tensor weight) {
        return convTranspose2d(input, weight, null, new long[] {1, 1}, new long[] {0, 0}, new long[] {0, 0}, 1,
                new long[] {1, 1});
    }

    /**
     * {@code F.group_norm(input, num_groups, weight, bias, eps)}: input (N, C, *); weight and bias (C) may be null.
     * Refuses, with PyTorch's {@code ValueError} message, groups of a single value.
     */
    public static Tensor groupNorm(Tensor input, long numGroups, Tensor weight, Tensor bias, double eps) {
        var i = h(input, "input");
        long[] size = input.shape().toArray();
        if (size.length >= 2 && numGroups != 0) {
            long[] check = new long[size.length];
            check[0] = size[0] * size[1] / numGroups;
            check[1] = numGroups;
            System.arraycopy(size, 2, check, 2, size.length - 2);
            long prod = check[0];
            for (int d = 2; d < check.length; d++) {
                prod *= check[d];
            }
            if (prod == 1) {
                throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input "
                        + "size " + java.util.Arrays.toString(check));
            }
        }
        return tensor(() -> torch.group_norm(i, numGroups, opt(weight), opt(bias), eps, true));
    }

    /**
     * {@code F.instance_norm(input, running_mean, running_var, weight, bias, use_input_stats, momentum, eps)}: each
     * channel of each sample normalised over its spatial dimensions; with {@code useInputStats} the running statistics
     * (may be null) are updated in place, otherwise they normalise.
     */
    public static Tensor instanceNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
            boolean useInputStats, double momentum, double eps) {
        var i = h(input, "input");
        if (useInputStats) {
            Size size = input.shape();
            long prod = 1;
            for (int d = 2; d < size.size(); d++) {
                prod *= size.get(d);
            }
            if (prod == 1) {
                throw new IllegalArgumentException("Expected more than 1 spatial element when training, got input size "
                        + size);
            }
        }
        return tensor(() -> torch.instance_norm(i, opt(weight), opt(bias), opt(runningMean), opt(runningVar),
                useInputStats, momentum, eps, true));
    }

    /** {@code F.instance_norm(input)}: the input's own statistics, no affine transform. */
    public static Tensor instanceNorm(Tensor input) {
        return instanceNorm(input, null, null, null, null, true, 0.1, 1e-5);
    }

    /**
     * {@code F.interpolate(input, size, scale_factor, mode, align_corners, recompute_scale_factor)}: exactly one of
     * {@code size} and {@code scaleFactor} non-null, one element meaning Python's single number (for every spatial
     * dimension), else one per spatial dimension; a null {@code alignCorners} or {@code recomputeScaleFactor} is
     * Python's {@code None}. Python's checks and messages: {@code ValueError}s as {@link IllegalArgumentException},
     * the {@code NotImplementedError}s of unsupported input ranks as {@link UnsupportedOperationException}.
     */
    public static Tensor interpolate(Tensor input, long[] size, double[] scaleFactor, InterpolateMode mode,
            Boolean alignCorners, Boolean recomputeScaleFactor) {
        var i = h(input, "input");
        Objects.requireNonNull(mode, "mode");
        boolean interpolating = mode != InterpolateMode.NEAREST
                && mode != InterpolateMode.AREA;
        if (!interpolating && alignCorners != null) {
            throw new IllegalArgumentException("align_corners option can only be set with the interpolating modes: "
                    + "linear | bilinear | bicubic | trilinear");
        }
        boolean align = alignCorners != null && alignCorners;
        int dim = input.dim() - 2;
        long[] spatial = java.util.Arrays.copyOfRange(input.shape().toArray(), Math.min(2, input.dim()), input.dim());
        long[] outputSize = null;
        double[] scales = null;
        if (size != null && scaleFactor != null) {
            throw new IllegalArgumentException("only one of size or scale_factor should be defined");
        } else if (size != null) {
            if (size.length == 1) {
                outputSize = new long[Math.max(dim, 0)];
                java.util.Arrays.fill(outputSize, size[0]);
            } else if (size.length != dim) {
                throw new IllegalArgumentException("Input and output must have the same number of spatial dimensions, "
                        + "but got input with spatial dimensions of " + java.util.Arrays.toString(spatial)
                        + " and output size of " + intTuple(size) + ". Please provide input tensor in (N, C, d1, d2, "
                        + "...,dK) format and output size in (o1, o2, ...,oK) format.");
            } else {
                outputSize = size.clone();
            }
        } else if (scaleFactor != null) {
            if (scaleFactor.length == 1) {
                scales = new double[Math.max(dim, 0)];
                java.util.Arrays.fill(scales, scaleFactor[0]);
            } else if (scaleFactor.length != dim) {
                throw new IllegalArgumentException("Input and scale_factor must have the same number of spatial "
                        + "dimensions, but got input with spatial dimensions of " + java.util.Arrays.toString(spatial)
                        + " and scale_factor of shape " + floatTuple(scaleFactor) + ". Please provide input tensor in "
                        + "(N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.");
            } else {
                scales = scaleFactor.clone();
            }
        } else {
            throw new IllegalArgumentException("either size or scale_factor should be defined");
        }
        if (recomputeScaleFactor != null && recomputeScaleFactor && size != null) {
            throw new IllegalArgumentException("recompute_scale_factor is not meaningful with an explicit size.");
        }
        boolean recompute = recomputeScaleFactor != null && recomputeScaleFactor;
        if (mode == InterpolateMode.AREA && outputSize == null) {
            recompute = true;
        }
        if (recompute) {
            outputSize = new long[scales.length];
            for (int d = 0; d < scales.length; d++) {
                outputSize[d] = (long) Math.floor((double) spatial[d] * scales[d]);
            }
            scales = null;
        }
        int nd = input.dim();
        String m = mode.pythonName();
        boolean supported = mode == InterpolateMode.AREA && nd >= 3 && nd <= 5
                || nd == 3 && (mode == InterpolateMode.NEAREST
                || mode == InterpolateMode.LINEAR)
                || nd == 4 && (mode == InterpolateMode.NEAREST
                || mode == InterpolateMode.BILINEAR || mode == InterpolateMode.BICUBIC)
                || nd == 5 && (mode == InterpolateMode.NEAREST
                || mode == InterpolateMode.TRILINEAR);
        if (!supported) {
            String need = switch (mode) {
                case LINEAR -> "3D";
                case BILINEAR -> "4D";
                case TRILINEAR -> "5D";
                default -> null;
            };
            if (need != null && nd >= 3 && nd <= 5) {
                throw new UnsupportedOperationException("Got " + nd + "D input, but " + m + " mode needs " + need
                        + " input");
            }
            throw new UnsupportedOperationException("Input Error: Only 3D, 4D and 5D input Tensors supported (got " + nd
                    + "D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got "
                    + m + ")");
        }
        // ATen's upsample_*.vec: an output size from the scale factors is floor(input size * scale), and the given
        // scales then drive the kernel; the explicit overloads take exactly that
        long[] out = outputSize;
        if (out == null) {
            out = new long[scales.length];
            for (int d = 0; d < scales.length; d++) {
                out[d] = (long) ((double) spatial[d] * scales[d]);
            }
        }
        long[] o = out;
        DoubleOptional[] s = new DoubleOptional[o.length];
        for (int d = 0; d < s.length; d++) {
            s[d] = scales == null ? new DoubleOptional() : new DoubleOptional(scales[d]);
        }
        return tensor(() -> switch (mode) {
            case NEAREST -> nd == 3 ? torch.upsample_nearest1d(i, o, s[0])
                    : nd == 4 ? torch.upsample_nearest2d(i, o, s[0], s[1])
                    : torch.upsample_nearest3d(i, o, s[0], s[1], s[2]);
            case LINEAR -> torch.upsample_linear1d(i, o, align, s[0]);
            case BILINEAR -> torch.upsample_bilinear2d(i, o, align, s[0], s[1]);
            case BICUBIC -> torch.upsample_bicubic2d(i, o, align, s[0], s[1]);
            case TRILINEAR -> torch.upsample_trilinear3d(i, o, align, s[0], s[1], s[2]);
            case AREA -> nd == 3 ? torch.adaptive_avg_pool1d(i, o) : nd == 4 ? torch.adaptive_avg_pool2d(i, o)
                    : torch.adaptive_avg_pool3d(i, o);
        });
    }

    /** {@code F.interpolate(input, size=size, mode=mode)}; see the full form. */
    public static Tensor interpolate(Tensor input, long[] size, InterpolateMode mode) {
        return interpolate(input, size, null, mode, null, null);
    }

    /** {@code F.interpolate(input, scale_factor=scaleFactor, mode=mode)}; see the full form. */
    public static Tensor interpolate(Tensor input, double scaleFactor, InterpolateMode mode) {
        return interpolate(input, null, new double[] {scaleFactor}, mode, null, null);
    }

    private static String intTuple(long[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int k = 0; k < v.length; k++) {
            b.append(k > 0 ? ", " : "").append(v[k]);
        }
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }

    private static String floatTuple(double[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int k = 0; k < v.length; k++) {
            b.append(k > 0 ? ", " : "").append(dev.jtorch.PyFormat.repr(v[k]));
        }
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }

    /** {@code F.pixel_shuffle(input, upscale_factor)}: (*, C * r * r, H, W) to (*, C, H * r, W * r). */
    public static Tensor pixelShuffle(Tensor input, long upscaleFactor) {
        var i = h(input, "input");
        return tensor(() -> torch.pixel_shuffle(i, upscaleFactor));
    }

    /** {@code F.pixel_unshuffle(input, downscale_factor)}: (*, C, H * r, W * r) to (*, C * r * r, H, W). */
    public static Tensor pixelUnshuffle(Tensor input, long downscaleFactor) {
        var i = h(input, "input");
        return tensor(() -> torch.pixel_unshuffle(i, downscaleFactor));
    }

    /**
     * {@code F.dropout2d(input, p, training)}: zeroes whole channels ({@code _VF.feature_dropout}, drawing from the
     * default generator as PyTorch). As PyTorch 1.13 it warns ({@code UserWarning}) about inputs that are neither 3-
     * nor 4-dimensional, and about 3-dimensional ones, which it treats as (N, C, L); once per message and call site
     * of the caller.
     */
    public static Tensor dropout2d(Tensor input, double p, boolean training) {
        checkProbability(p);
        var i = h(input, "input");
        int dim = input.dim();
        if (dim != 3 && dim != 4) {
            warnOncePerSite("dropout2d: Received a " + dim + "-D input to dropout2d, which is deprecated and will "
                    + "result in an error in a future release. To retain the behavior and silence this warning, please "
                    + "use dropout instead. Note that dropout2d exists to provide channel-wise dropout on inputs "
                    + "with 2 spatial dimensions, a channel dimension, and an optional batch dimension (i.e. 3D or 4D "
                    + "inputs).");
        }
        if (dim == 3) {
            warnOncePerSite("dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout "
                    + "behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. This "
                    + "behavior will change in a future release to interpret the input as one without a batch "
                    + "dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, please "
                    + "switch to using dropout1d instead.");
        }
        return tensor(() -> torch.feature_dropout(i, p, training));
    }

    /** {@code F.dropout2d(input, p)} (training mode, as Python's default). */
    public static Tensor dropout2d(Tensor input, double p) {
        return dropout2d(input, p, true);
    }

    private static final Set<String> SHOWN_SITE_WARNINGS = ConcurrentHashMap.newKeySet();

    /**
     * Warns once per message and call site, the site being the first caller outside {@code F} and the modules (so a
     * training loop warns once, where Python's default filter, keyed by the line of {@code functional.py}, warns
     * once per process).
     */
    private static void warnOncePerSite(String message) {
        String site = WarningSites.firstCaller(F.class);
        if (SHOWN_SITE_WARNINGS.add(site + " " + message)) {
            Warnings.warn(message);
        }
    }

    /** {@code F.silu(input)}: {@code x * sigmoid(x)}. */
    public static Tensor silu(Tensor input) {
        var i = h(input, "input");
        return tensor(() -> torch.silu(i));
    }

    /** {@code F.mish(input)}: {@code x * tanh(softplus(x))}. */
    public static Tensor mish(Tensor input) {
        var i = h(input, "input");
        return tensor(() -> torch.mish(i));
    }

    /** {@code F.hardswish(input)}: {@code x * relu6(x + 3) / 6}. */
    public static Tensor hardswish(Tensor input) {
        var i = h(input, "input");
        return tensor(() -> torch.hardswish(i));
    }

    /** {@code F.softplus(input, beta, threshold)}. */
    public static Tensor softplus(Tensor input, double beta, double threshold) {
        var i = h(input, "input");
        return tensor(() -> torch.softplus(i, new Scalar(beta), new Scalar(threshold)));
    }

    /** {@code F.softplus(input)}: beta 1, threshold 20. */
    public static Tensor softplus(Tensor input) {
        return softplus(input, 1, 20);
    }

    /** {@code F.prelu(input, weight)}: weight of one element, or one per channel (dimension 1). */
    public static Tensor prelu(Tensor input, Tensor weight) {
        var i = h(input, "input");
        var w = h(weight, "weight");
        return tensor(() -> torch.prelu(i, w));
    }

    /** {@code F.elu(input, alpha)}. */
    public static Tensor elu(Tensor input, double alpha) {
        var i = h(input, "input");
        return tensor(() -> torch.elu(i, new Scalar(alpha), new Scalar(1L), new Scalar(1L)));
    }

    /** {@code F.elu(input)}: alpha 1. */
    public static Tensor elu(Tensor input) {
        return elu(input, 1.0);
    }

    /**
     * {@code F.cosine_similarity(x1, x2, dim, eps)}: the inputs are broadcast together, each divided by its norm
     * along {@code dim} clamped to at least {@code eps}, and the products summed. PyTorch 1.13 clamps the norm in
     * place after computing it, so where the clamp acts its gradient still flows through the norm as
     * {@code x / max(||x||, eps)}; libtorch 2.10's kernel differs there, so with autograd recording jtorch composes
     * 1.13's computation from libtorch's operations (the same values, and 1.13's gradients).
     */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2, long dim, double eps) {
        var a = h(x1, "x1");
        var b = h(x2, "x2");
        if (!(Torch.isGradEnabled() && (x1.requiresGrad() || x2.requiresGrad()))) {
            return tensor(() -> torch.cosine_similarity(a, b, dim, eps));
        }
        return tensor(() -> {
            TensorVector both = torch.broadcast_tensors(new TensorVector(a, b));
            org.bytedeco.pytorch.Tensor p = both.get(0);
            org.bytedeco.pytorch.Tensor q = both.get(1);
            return torch.sum(torch.mul(torch.div(p, clampedNorm113(p, dim, eps)),
                    torch.div(q, clampedNorm113(q, dim, eps))), new long[] {dim}, false,
                    new org.bytedeco.pytorch.ScalarTypeOptional());
        });
    }

    /**
     * {@code max(||x||, eps)} along {@code dim} (kept), whose gradient is {@code x / max(||x||, eps)}: the value is
     * the clamped norm exactly ({@code c + (s - s.detach())}), the gradient that of {@code s = sum(x^2) / (2 c)}.
     */
    private static org.bytedeco.pytorch.Tensor clampedNorm113(org.bytedeco.pytorch.Tensor x, long dim, double eps) {
        long[] dims = {dim};
        var none = new org.bytedeco.pytorch.ScalarTypeOptional();
        org.bytedeco.pytorch.Tensor c = torch.clamp_min(torch.linalg_vector_norm(x, new Scalar(2L), dims, true, none)
                .detach(), new Scalar(eps));
        org.bytedeco.pytorch.Tensor sq = torch.div(torch.sum(torch.pow(x, new Scalar(2L)), dims, true, none),
                torch.mul(c, new Scalar(2L)));
        return torch.add(c, torch.sub(sq, sq.detach()));
    }

    /** {@code F.cosine_similarity(x1, x2)}: dimension 1, eps 1e-8. */
    public static Tensor cosineSimilarity(Tensor x1, Tensor x2) {
        return cosineSimilarity(x1, x2, 1, 1e-8);
    }

    /** {@code F.cosine_embedding_loss(input1, input2, target, margin, reduction)}. */
    public static Tensor cosineEmbeddingLoss(Tensor input1, Tensor input2, Tensor target, double margin,
            Reduction reduction) {
        var a = h(input1, "input1");
        var b = h(input2, "input2");
        var t = h(target, "target");
        Objects.requireNonNull(reduction, "reduction");
        return tensor(() -> torch.cosine_embedding_loss(a, b, t, margin, reduction.code()));
    }

    /**
     * {@code F.margin_ranking_loss(input1, input2, target, margin, reduction)}; inputs of different ranks raise
     * PyTorch's {@code RuntimeError} message as {@link dev.jtorch.TorchException}.
     */
    public static Tensor marginRankingLoss(Tensor input1, Tensor input2, Tensor target, double margin,
            Reduction reduction) {
        var a = h(input1, "input1");
        var b = h(input2, "input2");
        var t = h(target, "target");
        Objects.requireNonNull(reduction, "reduction");
        if (input1.dim() != input2.dim() || input1.dim() != target.dim()) {
            throw new dev.jtorch.TorchException("margin_ranking_loss : All input tensors should have same dimension "
                    + "but got sizes: input1: " + input1.shape() + ", input2: " + input2.shape() + ", target: "
                    + target.shape() + " ");
        }
        return tensor(() -> torch.margin_ranking_loss(a, b, t, margin, reduction.code()));
    }

    /**
     * {@code F.triplet_margin_loss(anchor, positive, negative, margin, p, eps, swap, reduction)}; inputs of different
     * ranks raise PyTorch 1.13's message ({@code All inputs should have same dimension but got 2D, 2D and 1D
     * inputs.}) as {@link dev.jtorch.TorchException}.
     */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative, double margin, double p,
            double eps, boolean swap, Reduction reduction) {
        var a = h(anchor, "anchor");
        var pos = h(positive, "positive");
        var n = h(negative, "negative");
        Objects.requireNonNull(reduction, "reduction");
        if (anchor.dim() != positive.dim() || positive.dim() != negative.dim()) {
            throw new dev.jtorch.TorchException("All inputs should have same dimension but got " + anchor.dim() + "D, "
                    + positive.dim() + "D and " + negative.dim() + "D inputs.");
        }
        return tensor(() -> torch.triplet_margin_loss(a, pos, n, margin, p, eps, swap, reduction.code()));
    }

    /** {@code F.triplet_margin_loss(anchor, positive, negative)} with PyTorch's defaults. */
    public static Tensor tripletMarginLoss(Tensor anchor, Tensor positive, Tensor negative) {
        return tripletMarginLoss(anchor, positive, negative, 1.0, 2.0, 1e-6, false, Reduction.MEAN);
    }

    /**
     * {@code F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank, reduction, zero_infinity)} with the
     * lengths as int64 tensors.
     */
    public static Tensor ctcLoss(Tensor logProbs, Tensor targets, Tensor inputLengths, Tensor targetLengths,
            long blank, Reduction reduction, boolean zeroInfinity) {
        var lp = h(logProbs, "logProbs");
        var t = h(targets, "targets");
        var il = h(inputLengths, "inputLengths");
        var tl = h(targetLengths, "targetLengths");
        Objects.requireNonNull(reduction, "reduction");
        return tensor(() -> torch.ctc_loss(lp, t, il, tl, blank, reduction.code(), zeroInfinity));
    }

    /** {@code F.ctc_loss(...)} with the lengths as tuples. */
    public static Tensor ctcLoss(Tensor logProbs, Tensor targets, long[] inputLengths, long[] targetLengths,
            long blank, Reduction reduction, boolean zeroInfinity) {
        var lp = h(logProbs, "logProbs");
        var t = h(targets, "targets");
        Objects.requireNonNull(inputLengths, "inputLengths");
        Objects.requireNonNull(targetLengths, "targetLengths");
        Objects.requireNonNull(reduction, "reduction");
        return tensor(() -> torch.ctc_loss(lp, t, inputLengths, targetLengths, blank, reduction.code(), zeroInfinity));
    }

    /** {@code F.poisson_nll_loss(input, target, log_input, full, eps=eps, reduction=reduction)}. */
    public static Tensor poissonNllLoss(Tensor input, Tensor target, boolean logInput, boolean full, double eps,
            Reduction reduction) {
        var i = h(input, "input");
        var t = h(target, "target");
        Objects.requireNonNull(reduction, "reduction");
        return tensor(() -> torch.poisson_nll_loss(i, t, logInput, full, eps, reduction.code()));
    }

    /** {@code F.poisson_nll_loss(input, target)} with PyTorch's defaults. */
    public static Tensor poissonNllLoss(Tensor input, Tensor target) {
        return poissonNllLoss(input, target, true, false, 1e-8, Reduction.MEAN);
    }

    /**
     * {@code F.gaussian_nll_loss(input, target, var, full, eps, reduction)}, computed as PyTorch 1.13's Python code
     * does, with its {@code ValueError} checks ({@code var is of incorrect size}, {@code var has negative
     * entry/entries}) as {@link IllegalArgumentException}.
     */
    public static Tensor gaussianNllLoss(Tensor input, Tensor target, Tensor var, boolean full, double eps,
            Reduction reduction) {
        h(input, "input");
        h(target, "target");
        h(var, "var");
        Objects.requireNonNull(reduction, "reduction");
        long[] in = input.shape().toArray();
        long[] vs = var.shape().toArray();
        Tensor v = var;
        if (!java.util.Arrays.equals(in, vs)) {
            long[] inHead = java.util.Arrays.copyOf(in, Math.max(in.length - 1, 0));
            if (java.util.Arrays.equals(inHead, vs)) {
                v = var.unsqueeze(-1);
            } else if (vs.length > 0 && java.util.Arrays.equals(inHead,
                    java.util.Arrays.copyOf(vs, vs.length - 1)) && vs[vs.length - 1] == 1) {
                v = var;
            } else {
                throw new IllegalArgumentException("var is of incorrect size");
            }
        }
        if (v.lt(0).any().itemBool()) {
            throw new IllegalArgumentException("var has negative entry/entries");
        }
        Tensor clamped = v.clone();
        try (var g = Torch.noGrad()) {
            clamped.clamp_(eps, null);
        }
        var i = input.nativeTensor();
        var t = target.nativeTensor();
        var c = clamped.nativeTensor();
        return tensor(() -> {
            org.bytedeco.pytorch.Tensor loss = torch.mul(torch.add(torch.log(c),
                    torch.div(torch.pow(torch.sub(i, t), new Scalar(2L)), c)), new Scalar(0.5));
            if (full) {
                loss = torch.add(loss, new Scalar(0.5 * Math.log(2 * Math.PI)));
            }
            return switch (reduction) {
                case MEAN -> loss.mean();
                case SUM -> loss.sum();
                case NONE -> loss;
            };
        });
    }
}
