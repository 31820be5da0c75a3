package dev.jtorch.nn;

import dev.jtorch.Tensor;
import java.util.Objects;

/**
 * {@code torch.nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=2048, dropout=0.1, activation=relu,
 * layer_norm_eps=1e-05, batch_first=False, norm_first=False)}: self-attention and a feed-forward block, each with a
 * residual connection and layer norm (after it, or before it with norm_first). Submodules, their order and
 * initialisation are PyTorch's ({@code self_attn}, {@code linear1}, {@code dropout}, {@code linear2},
 * {@code norm1}, {@code norm2}, {@code dropout1}, {@code dropout2}).
 *
 * <pre>{@code
 * var layer = new TransformerEncoderLayer(512, 8, new TransformerEncoderLayer.Options().batchFirst(true));
 *                                                  // nn.TransformerEncoderLayer(512, 8, batch_first=True)
 * Tensor y = layer.forward(src, srcMask, srcKeyPaddingMask);
 * }</pre>
 *
 * <p>PyTorch 1.13 runs a fused kernel ({@code torch._transformer_encoder_layer_fwd}) in eval mode when no gradient
 * is recorded, batch_first and an even number of heads; jtorch always runs the composite path, which agrees with it
 * to about 1e-6.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/1.13/generated/torch.nn.TransformerEncoderLayer.html">torch.nn.TransformerEncoderLayer</a>.
 */
public class TransformerEncoderLayer extends Module {
    /** PyTorch's keyword arguments of {@link TransformerEncoderLayer}, with their defaults. */
    public static final class Options extends Transformer.LayerOptions<Options> {}

    /** Python's {@code self_attn}. */
    public final MultiheadAttention selfAttn;
    /** Python's {@code linear1}: d_model to dim_feedforward. */
    public final Linear linear1;
    /** Python's {@code dropout}, inside the feed-forward block. */
    public final Dropout dropout;
    /** Python's {@code linear2}: dim_feedforward to d_model. */
    public final Linear linear2;
    /** Python's {@code norm1}. */
    public final LayerNorm norm1;
    /** Python's {@code norm2}. */
    public final LayerNorm norm2;
    /** Python's {@code dropout1}, after self-attention. */
    public final Dropout dropout1;
    /** Python's {@code dropout2}, after the feed-forward block. */
    public final Dropout dropout2;

    private final long dModel;
    private final long nhead;
    private final Options options;

    /** {@code nn.TransformerEncoderLayer(d_model, nhead)}. */
    public TransformerEncoderLayer(long dModel, long nhead) {
        this(dModel, nhead, new Options());
    }

    /** {@code nn.TransformerEncoderLayer(d_model, nhead, ...)} with options. */
    public TransformerEncoderLayer(long dModel, long nhead, Options options) {
        Objects.requireNonNull(options, "options");
        this.dModel = dModel;
        this.nhead = nhead;
        this.options = options.copy(new Options());
        double p = options.dropout();
        this.selfAttn = registerModule("self_attn", new MultiheadAttention(dModel, nhead,
                new MultiheadAttention.Options().dropout(p).batchFirst(options.batchFirst())));
        this.linear1 = new Linear(dModel, options.dimFeedforward());
        this.dropout = new Dropout(p);
        this.linear2 = new Linear(options.dimFeedforward(), dModel);
        this.norm1 = new LayerNorm(dModel, new LayerNorm.Options().eps(options.layerNormEps()));
        this.norm2 = new LayerNorm(dModel, new LayerNorm.Options().eps(options.layerNormEps()));
        this.dropout1 = new Dropout(p);
        this.dropout2 = new Dropout(p);
    }

    /** Python's {@code layer(src)}. */
    @Override
    public Tensor forward(Tensor src) {
        return forward(src, null, null);
    }

    /**
     * Python's {@code layer(src, src_mask, src_key_padding_mask)}: masks bool (true: not attended) or float
     * (added), null for None.
     */
    public Tensor forward(Tensor src, Tensor srcMask, Tensor srcKeyPaddingMask) {
        Objects.requireNonNull(src, "src");
        Transformer.checkKeyPaddingMask(srcKeyPaddingMask);
        Tensor x = src;
        if (options.normFirst()) {
            x = x.add(saBlock(norm1.forward(x), srcMask, srcKeyPaddingMask));
            x = x.add(ffBlock(norm2.forward(x)));
        } else {
            x = norm1.forward(x.add(saBlock(x, srcMask, srcKeyPaddingMask)));
            x = norm2.forward(x.add(ffBlock(x)));
        }
        return x;
    }

    private Tensor saBlock(Tensor x, Tensor attnMask, Tensor keyPaddingMask) {
        Tensor y = selfAttn.forward(x, x, x, keyPaddingMask, false, attnMask, true).attnOutput();
        return dropout1.forward(y);
    }

    private Tensor ffBlock(Tensor x) {
        Tensor y = linear2.forward(dropout.forward(options.activation().apply(linear1.forward(x))));
        return dropout2.forward(y);
    }

    /**
     * Python's {@code copy.deepcopy(layer)}, as {@link TransformerEncoder} makes its layers: a new layer of the same
     * configuration holding copies of this one's current parameter values (and their requires_grad flags and
     * training modes). It draws nothing from the default generator.
     */
    public TransformerEncoderLayer deepCopy() {
        return Transformer.copyOf(this, () -> new TransformerEncoderLayer(dModel, nhead, options));
    }

    /** Python's {@code self_attn.embed_dim}: d_model. */
    public long dModel() {
        return dModel;
    }

    /** Python's {@code self_attn.num_heads}: nhead. */
    public long nhead() {
        return nhead;
    }

    /** Python's {@code norm_first}. */
    public boolean normFirst() {
        return options.normFirst();
    }

    /** The activation of the feed-forward block (Python's {@code activation}: F.relu or F.gelu). */
    public Transformer.Activation activation() {
        return options.activation();
    }
}
