package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code torch.nn.TransformerEncoder(encoder_layer, num_layers, norm=None, enable_nested_tensor=True,
 * mask_check=True)}: {@code num_layers} deep copies of {@code encoder_layer} (so all start with its values; the
 * layer itself is not part of the encoder), then an optional final norm.
 *
 * <pre>{@code
 * var layer = new TransformerEncoderLayer(512, 8);
 * var encoder = new TransformerEncoder(layer, 6);      // nn.TransformerEncoder(encoder_layer, num_layers=6)
 * Tensor out = encoder.forward(src, mask, srcKeyPaddingMask);
 * }</pre>
 *
 * <p>PyTorch 1.13's "sparsity fast path": in eval mode with no gradient recorded, batch_first layers (not
 * norm_first, an even number of heads), a batched input, a left-aligned {@code src_key_padding_mask} and no
 * {@code mask}, Python runs the layers on a nested tensor and pads the result back with zeros: the padded positions
 * come out as 0 (before the final norm) and the sequence dimension is cut to the longest unpadded sequence. jtorch
 * reproduces that result (from its composite layers) under the same conditions.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/1.13/generated/torch.nn.TransformerEncoder.html">torch.nn.TransformerEncoder</a>.
 */
public class TransformerEncoder extends Module {
    /** Python's {@code layers}. */
    public final ModuleList layers;
    /** Python's {@code norm}, or null. */
    public final LayerNorm norm;

    private final long numLayers;
    private final boolean enableNestedTensor;
    private final boolean maskCheck;

    /** {@code nn.TransformerEncoder(encoder_layer, num_layers)}. */
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, long numLayers) {
        this(encoderLayer, numLayers, null);
    }

    /** {@code nn.TransformerEncoder(encoder_layer, num_layers, norm)}; norm may be null. */
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, long numLayers, LayerNorm norm) {
        this(encoderLayer, numLayers, norm, true, true);
    }

    /** {@code nn.TransformerEncoder(encoder_layer, num_layers, norm, enable_nested_tensor, mask_check)}. */
    public TransformerEncoder(TransformerEncoderLayer encoderLayer, long numLayers, LayerNorm norm,
            boolean enableNestedTensor, boolean maskCheck) {
        Objects.requireNonNull(encoderLayer, "encoderLayer");
        if (numLayers < 0) {
            throw new IllegalArgumentException("num_layers must not be negative, got " + numLayers);
        }
        ModuleList l = new ModuleList();
        for (long i = 0; i < numLayers; i++) {
            TransformerEncoderLayer copy = encoderLayer.deepCopy();
            l.append(copy);
        }
        this.layers = l;
        this.norm = norm;
        this.numLayers = numLayers;
        this.enableNestedTensor = enableNestedTensor;
        this.maskCheck = maskCheck;
    }

    /** Python's {@code encoder(src)}. */
    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /** Python's {@code encoder(src, mask, src_key_padding_mask)}; null for None. */
    public Tensor forward(Tensor src, Tensor mask, Tensor srcKeyPaddingMask) {
        Objects.requireNonNull(src, "src");
        Transformer.checkKeyPaddingMask(srcKeyPaddingMask);
        boolean nested = srcKeyPaddingMask != null && mask == null && sparsityFastPath(src, srcKeyPaddingMask);
        Tensor output = src;
        for (Module m : layers) {
            TransformerEncoderLayer mod = (TransformerEncoderLayer) m;
            output = mod.forward(output, mask, srcKeyPaddingMask);
        }
        if (nested) {
            // Python's output.to_padded_tensor(0.): zeros where padded, cut to the longest sequence
            Tensor padded = srcKeyPaddingMask.toBool();
            long longest = padded.logicalNot().sum(1).max().itemLong();
            var o = output.nativeTensor();
            var m = padded.unsqueeze(-1).nativeTensor();
            output = dev.jtorch.internal.Ops.tensor(() -> o.masked_fill(m, new org.bytedeco.pytorch.Scalar(0.0)))
                    .narrow(1, 0, longest);
        }
        if (norm != null) {
            output = norm.forward(output);
        }
        return output;
    }

    /** Python 1.13's conditions for running the layers on a nested tensor (mask is null, the padding mask not). */
    private boolean sparsityFastPath(Tensor src, Tensor srcKeyPaddingMask) {
        if (layers.size() == 0) {
            return false;
        }
        TransformerEncoderLayer first = (TransformerEncoderLayer) layers.get(0);
        if (first.normFirst() || first.isTraining() || !first.selfAttn.batchFirst() || src.dim() != 3
                || !enableNestedTensor || first.selfAttn.numHeads() % 2 == 1) {
            return false;
        }
        if (dev.jtorch.amp.Autocast.isEnabled(dev.jtorch.Device.cuda())) {
            return false; // Python 1.13's torch.is_autocast_enabled(): CUDA autocast
        }
        if (maskCheck && !leftAligned(srcKeyPaddingMask)) {
            return false;
        }
        if (Torch.isGradEnabled()) {
            List<Tensor> args = new ArrayList<>(List.of(src));
            args.addAll(List.of(first.selfAttn.inProjWeight, first.selfAttn.inProjBias, first.selfAttn.outProj.weight,
                    first.selfAttn.outProj.bias, first.norm1.weight, first.norm1.bias, first.norm2.weight,
                    first.norm2.bias, first.linear1.weight, first.linear1.bias, first.linear2.weight,
                    first.linear2.bias));
            for (Tensor t : args) {
                if (t != null && t.requiresGrad()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Python's {@code torch._nested_tensor_from_mask_left_aligned(src, mask.logical_not())}. */
    private static boolean leftAligned(Tensor keyPaddingMask) {
        Tensor valid = keyPaddingMask.logicalNot();
        long s = valid.size(1);
        Tensor lengths = valid.toLong().sum(1, true);
        Tensor expected = Torch.arange(s).unsqueeze(0).lt(lengths);
        return expected.equal(valid.to(DType.BOOL));
    }

    /** Python's {@code num_layers}. */
    public long numLayers() {
        return numLayers;
    }

    /** Python's {@code enable_nested_tensor}. */
    public boolean enableNestedTensor() {
        return enableNestedTensor;
    }

    /** Python's {@code mask_check}. */
    public boolean maskCheck() {
        return maskCheck;
    }
}
