package dev.jtorch.nn;

import dev.jtorch.Tensor;
import java.util.Objects;

/**
 * {@code torch.nn.TransformerDecoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation=relu,
 * layer_norm_eps=1e-05, batch_first=False, norm_first=False)}: self-attention, attention over the encoder's output
 * ({@code memory}) and a feed-forward block, each with a residual connection and layer norm. Submodules, their order
 * and initialisation are PyTorch's ({@code self_attn}, {@code multihead_attn}, {@code linear1}, {@code dropout},
 * {@code linear2}, {@code norm1} to {@code norm3}, {@code dropout1} to {@code dropout3}).
 *
 * <pre>{@code
 * var layer = new TransformerDecoderLayer(512, 8);   // nn.TransformerDecoderLayer(512, 8)
 * Tensor y = layer.forward(tgt, memory, Transformer.generateSquareSubsequentMask(tgt.size(0)), null, null, null);
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/1.13/generated/torch.nn.TransformerDecoderLayer.html">torch.nn.TransformerDecoderLayer</a>.
 */
public class TransformerDecoderLayer extends Module {
    /** PyTorch's keyword arguments of {@link TransformerDecoderLayer}, with their defaults. */
    public static final class Options extends Transformer.LayerOptions<Options> {}

    /** Python's {@code self_attn}. */
    public final MultiheadAttention selfAttn;
    /** Python's {@code multihead_attn}: attention over memory. */
    public final MultiheadAttention multiheadAttn;
    /** Python's {@code linear1}. */
    public final Linear linear1;
    /** Python's {@code dropout}, inside the feed-forward block. */
    public final Dropout dropout;
    /** Python's {@code linear2}. */
    public final Linear linear2;
    /** Python's {@code norm1}. */
    public final LayerNorm norm1;
    /** Python's {@code norm2}. */
    public final LayerNorm norm2;
    /** Python's {@code norm3}. */
    public final LayerNorm norm3;
    /** Python's {@code dropout1}. */
    public final Dropout dropout1;
    /** Python's {@code dropout2}. */
    public final Dropout dropout2;
    /** Python's {@code dropout3}. */
    public final Dropout dropout3;

    private final long dModel;
    private final long nhead;
    private final Options options;

    /** {@code nn.TransformerDecoderLayer(d_model, nhead)}. */
    public TransformerDecoderLayer(long dModel, long nhead) {
        this(dModel, nhead, new Options());
    }

    /** {@code nn.TransformerDecoderLayer(d_model, nhead, ...)} with options. */
    public TransformerDecoderLayer(long dModel, long nhead, Options options) {
        Objects.requireNonNull(options, "options");
        this.dModel = dModel;
        this.nhead = nhead;
        this.options = options.copy(new Options());
        double p = options.dropout();
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead,
                new MultiheadAttention.Options().dropout(p).batchFirst(options.batchFirst())));
        this.multiheadAttn = registerModule("multihead_attn", new MultiheadAttention(dModel, nhead,
                new MultiheadAttention.Options().dropout(p).batchFirst(options.batchFirst())));
        this.linear1 = new Linear(dModel, options.dimFeedforward());
        this.dropout = new Dropout(p);
        this.linear2 = new Linear(options.dimFeedforward(), dModel);
        LayerNorm.Options ln = new LayerNorm.Options().eps(options.layerNormEps());
        this.norm1 = new LayerNorm(dModel, ln);
        this.norm2 = new LayerNorm(dModel, ln);
        this.norm3 = new LayerNorm(dModel, ln);
        this.dropout1 = new Dropout(p);
        this.dropout2 = new Dropout(p);
        this.dropout3 = new Dropout(p);
    }

    /** Python's {@code layer(tgt, memory)}. */
    public Tensor forward(Tensor tgt, Tensor memory) {
        return forward(tgt, memory, null, null, null, null);
    }

    /**
     * Python's {@code layer(tgt, memory, tgt_mask, memory_mask, tgt_key_padding_mask, memory_key_padding_mask)};
     * null for None.
     */
    public Tensor forward(Tensor tgt, Tensor memory, Tensor tgtMask, Tensor memoryMask, Tensor tgtKeyPaddingMask,
            Tensor memoryKeyPaddingMask) {
        Objects.requireNonNull(tgt, "tgt");
        Objects.requireNonNull(memory, "memory");
        Tensor x = tgt;
        if (options.normFirst()) {
            x = x.add(saBlock(norm1.forward(x), tgtMask, tgtKeyPaddingMask));
            x = x.add(mhaBlock(norm2.forward(x), memory, memoryMask, memoryKeyPaddingMask));
            x = x.add(ffBlock(norm3.forward(x)));
        } else {
            x = norm1.forward(x.add(saBlock(x, tgtMask, tgtKeyPaddingMask)));
            x = norm2.forward(x.add(mhaBlock(x, memory, memoryMask, memoryKeyPaddingMask)));
            x = norm3.forward(x.add(ffBlock(x)));
        }
        return x;
    }

    private Tensor saBlock(Tensor x, Tensor attnMask, Tensor keyPaddingMask) {
        Tensor y = selfAttn.forward(x, x, x, keyPaddingMask, false, attnMask, true).attnOutput();
        return dropout1.forward(y);
    }

    private Tensor mhaBlock(Tensor x, Tensor mem, Tensor attnMask, Tensor keyPaddingMask) {
        Tensor y = multiheadAttn.forward(x, mem, mem, keyPaddingMask, false, attnMask, true).attnOutput();
        return dropout2.forward(y);
    }

    private Tensor ffBlock(Tensor x) {
        Tensor y = linear2.forward(dropout.forward(options.activation().apply(linear1.forward(x))));
        return dropout3.forward(y);
    }

    /**
     * Python's {@code copy.deepcopy(layer)}, as {@link TransformerDecoder} makes its layers: a new layer of the same
     * configuration holding copies of this one's current parameter values. It draws nothing from the generator.
     */
    public TransformerDecoderLayer deepCopy() {
        return Transformer.copyOf(this, () -> new TransformerDecoderLayer(dModel, nhead, options));
    }

    /** d_model. */
    public long dModel() {
        return dModel;
    }

    /** nhead. */
    public long nhead() {
        return nhead;
    }

    /** Python's {@code norm_first}. */
    public boolean normFirst() {
        return options.normFirst();
    }
}
