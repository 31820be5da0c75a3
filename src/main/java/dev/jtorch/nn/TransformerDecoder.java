package dev.jtorch.nn;

import dev.jtorch.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code torch.nn.TransformerDecoder(decoder_layer, num_layers, norm=None)}: {@code num_layers} deep copies of
 * {@code decoder_layer} (all starting with its values), then an optional final norm.
 *
 * <pre>{@code
 * var decoder = new TransformerDecoder(new TransformerDecoderLayer(512, 8), 6);
 * Tensor out = decoder.forward(tgt, memory, tgtMask, null, null, null);
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/1.13/generated/torch.nn.TransformerDecoder.html">torch.nn.TransformerDecoder</a>.
 */
public class TransformerDecoder extends Module {
    /** Python's {@code layers}. */
    public final ModuleList layers;
    /** Python's {@code norm}, or null. */
    public final LayerNorm norm;

    private final long numLayers;

    /** {@code nn.TransformerDecoder(decoder_layer, num_layers)}. */
    public TransformerDecoder(TransformerDecoderLayer decoderLayer, long numLayers) {
        this(decoderLayer, numLayers, null);
    }

    /** {@code nn.TransformerDecoder(decoder_layer, num_layers, norm)}; norm may be null. */
    public TransformerDecoder(TransformerDecoderLayer decoderLayer, long numLayers, LayerNorm norm) {
        Objects.requireNonNull(decoderLayer, "decoderLayer");
        if (numLayers < 0) {
            throw new IllegalArgumentException("num_layers must not be negative, got " + numLayers);
        }
        ModuleList l = new ModuleList();
        for (long i = 0; i < numLayers; i++) {
            TransformerDecoderLayer copy = decoderLayer.deepCopy();
            l.append(copy);
        }
        this.layers = l;
        this.norm = norm;
        this.numLayers = numLayers;
    }

    /** Python's {@code decoder(tgt, memory)}. */
    public Tensor forward(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null);
    }

    /**
     * Python's {@code decoder(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)};
     * null for None.
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask) {
        Tensor output = tgt;
        for (Module m : layers) {
            TransformerDecoderLayer mod = (TransformerDecoderLayer) m;
            output = mod.forward(output, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
        }
        if (norm != null) {
            output = norm.forward(output);
        }
        return output;
    }

    /** Python's {@code num_layers}. */
    public long numLayers() {
        return numLayers;
    }
}
