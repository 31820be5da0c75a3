package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.AttentionOutput;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;
import java.util.Objects;

/**
 * {@code torch.nn.MultiheadAttention(embed_dim, num_heads, dropout=0.0, bias=True, add_bias_kv=False,
 * add_zero_attn=False, kdim=None, vdim=None, batch_first=False)}: attention from "Attention Is All You Need", run
 * as PyTorch 1.13's {@code F.multi_head_attention_forward} does ({@link F#multiHeadAttentionForward}). Parameters,
 * names, order and initialisation are PyTorch's ({@code in_proj_weight}, or {@code q_proj_weight},
 * {@code k_proj_weight}, {@code v_proj_weight} when kdim or vdim differ from embed_dim; {@code in_proj_bias},
 * {@code bias_k}, {@code bias_v}, {@code out_proj}), so the same seed gives the same weights and state dicts load
 * both ways.
 *
 * <pre>{@code
 * var mha = new MultiheadAttention(8, 2);                // nn.MultiheadAttention(8, 2)
 * var r = mha.forward(x, x, x);                          // attn_output, attn_weights = mha(x, x, x)
 * var r2 = mha.forward(q, k, v, keyPaddingMask, false, attnMask, true);
 * }</pre>
 *
 * <p>Passing the same Java tensor as query, key and value is self-attention, as passing the same Python tensor is:
 * the in-projection is then one fused matrix product (PyTorch decides by identity, and the float32 rounding follows).
 * PyTorch 1.13 takes a fused "fast path" ({@code torch._native_multi_head_attention}) in eval mode when no gradient
 * is recorded (and batch_first, self-attention, an even number of heads, no attn_mask, ...); jtorch always runs the
 * composite path, whose numbers agree with the fast path's to about 1e-7.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/1.13/generated/torch.nn.MultiheadAttention.html">torch.nn.MultiheadAttention</a>.
 */
public class MultiheadAttention extends Module {
    /** PyTorch's keyword arguments of {@link MultiheadAttention}, with their defaults. */
    public static final class Options {
        private double dropout;
        private boolean bias = true;
        private boolean addBiasKv;
        private boolean addZeroAttn;
        private Long kdim;
        private Long vdim;
        private boolean batchFirst;

        /** Python's {@code dropout} on the attention weights, in training mode (default 0). */
        public Options dropout(double dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Python's {@code bias}: input and output projection biases (default true). */
        public Options bias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** Python's {@code add_bias_kv}: learnt {@code bias_k} and {@code bias_v} appended to key and value. */
        public Options addBiasKv(boolean addBiasKv) {
            this.addBiasKv = addBiasKv;
            return this;
        }

        /** Python's {@code add_zero_attn}: a batch of zeros appended to key and value. */
        public Options addZeroAttn(boolean addZeroAttn) {
            this.addZeroAttn = addZeroAttn;
            return this;
        }

        /** Python's {@code kdim} (default None: embed_dim). */
        public Options kdim(long kdim) {
            this.kdim = kdim;
            return this;
        }

        /** Python's {@code vdim} (default None: embed_dim). */
        public Options vdim(long vdim) {
            this.vdim = vdim;
            return this;
        }

        /** Python's {@code batch_first}: (N, L, E) inputs and outputs (default false). */
        public Options batchFirst(boolean batchFirst) {
            this.batchFirst = batchFirst;
            return this;
        }
    }

    // fields in Python's registration order: parameters first, then out_proj, then bias_k and bias_v
    /** Python's {@code in_proj_weight} (3 * embed_dim, embed_dim), or null when kdim or vdim differ. */
    public Parameter inProjWeight;
    /** Python's {@code q_proj_weight} (embed_dim, embed_dim), or null. */
    public Parameter qProjWeight;
    /** Python's {@code k_proj_weight} (embed_dim, kdim), or null. */
    public Parameter kProjWeight;
    /** Python's {@code v_proj_weight} (embed_dim, vdim), or null. */
    public Parameter vProjWeight;
    /** Python's {@code in_proj_bias} (3 * embed_dim), or null without bias. */
    public Parameter inProjBias;
    /** Python's {@code out_proj}. */
    public NonDynamicallyQuantizableLinear outProj;
    /** Python's {@code bias_k} (1, 1, embed_dim), or null without add_bias_kv. */
    public Parameter biasK;
    /** Python's {@code bias_v} (1, 1, embed_dim), or null without add_bias_kv. */
    public Parameter biasV;

    private final long embedDim;
    private final long kdim;
    private final long vdim;
    private final boolean qkvSameEmbedDim;
    private final long numHeads;
    private final double dropout;
    private final boolean batchFirst;
    private final long headDim;
    private final boolean addZeroAttn;

    /** {@code nn.MultiheadAttention(embed_dim, num_heads)}. */
    public MultiheadAttention(long embedDim, long numHeads) {
        this(embedDim, numHeads, new Options());
    }

    /** {@code nn.MultiheadAttention(embed_dim, num_heads, ...)} with options. */
    public MultiheadAttention(long embedDim, long numHeads, Options options) {
        Objects.requireNonNull(options, "options");
        this.embedDim = embedDim;
        this.kdim = options.kdim != null ? options.kdim : embedDim;
        this.vdim = options.vdim != null ? options.vdim : embedDim;
        this.qkvSameEmbedDim = kdim == embedDim && vdim == embedDim;
        this.numHeads = numHeads;
        this.dropout = options.dropout;
        this.batchFirst = options.batchFirst;
        if (numHeads <= 0) {
            throw new IllegalArgumentException("num_heads must be positive, got " + numHeads);
        }
        this.headDim = Math.floorDiv(embedDim, numHeads);
        if (headDim * numHeads != embedDim) {
            throw new IllegalArgumentException("embed_dim must be divisible by num_heads");
        }
        this.addZeroAttn = options.addZeroAttn;
        try (TensorScope s = new TensorScope("MultiheadAttention init")) {
            if (!qkvSameEmbedDim) {
                qProjWeight = registerParameter("q_proj_weight", new Parameter(Torch.empty(embedDim, embedDim)));
                kProjWeight = registerParameter("k_proj_weight", new Parameter(Torch.empty(embedDim, kdim)));
                vProjWeight = registerParameter("v_proj_weight", new Parameter(Torch.empty(embedDim, vdim)));
            } else {
                inProjWeight = registerParameter("in_proj_weight", new Parameter(Torch.empty(3 * embedDim,
                        embedDim)));
            }
            if (options.bias) {
                inProjBias = registerParameter("in_proj_bias", new Parameter(Torch.empty(3 * embedDim)));
            }
            outProj = registerModule("out_proj", new NonDynamicallyQuantizableLinear(embedDim, embedDim,
                    options.bias));
            if (options.addBiasKv) {
                biasK = registerParameter("bias_k", new Parameter(Torch.empty(1, 1, embedDim)));
                biasV = registerParameter("bias_v", new Parameter(Torch.empty(1, 1, embedDim)));
            }
            resetParameters();
        }
    }

    /**
     * Python's {@code _reset_parameters()}: Xavier-uniform projection weights, zero biases (in_proj_bias and
     * out_proj.bias), Xavier-normal bias_k and bias_v, drawn from the default generator in that order.
     */
    public void resetParameters() {
        if (qkvSameEmbedDim) {
            Init.xavierUniform_(inProjWeight);
        } else {
            Init.xavierUniform_(qProjWeight);
            Init.xavierUniform_(kProjWeight);
            Init.xavierUniform_(vProjWeight);
        }
        if (inProjBias != null) {
            Init.constant_(inProjBias, 0.0);
            Init.constant_(outProj.bias, 0.0);
        }
        if (biasK != null) {
            Init.xavierNormal_(biasK);
        }
        if (biasV != null) {
            Init.xavierNormal_(biasV);
        }
    }

    /** Python's {@code mha(query, key, value)}: no masks, weights averaged over heads. */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value) {
        return forward(query, key, value, null, true, null, true);
    }

    /**
     * Python's {@code mha(query, key, value, key_padding_mask=..., attn_mask=...)}: weights averaged over heads.
     */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask) {
        return forward(query, key, value, keyPaddingMask, true, attnMask, true);
    }

    /**
     * Python's {@code mha(query, key, value, key_padding_mask, need_weights, attn_mask, average_attn_weights)}.
     * Masks are bool (true: not attended) or float (added to the scores); null for None.
     *
     * @param keyPaddingMask (N, S), or (S) unbatched, or null
     * @param attnMask (L, S) or (N * num_heads, L, S), or null
     */
    public AttentionOutput forward(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, boolean needWeights,
            Tensor attnMask, boolean averageAttnWeights) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        boolean isBatched = query.dim() == 3;
        if (keyPaddingMask != null && keyPaddingMask.dtype() != dev.jtorch.DType.BOOL
                && !keyPaddingMask.dtype().isFloatingPoint()) {
            throw new dev.jtorch.TorchException("only bool and floating types of key_padding_mask are supported");
        }
        if (batchFirst && isBatched) {
            // keep the identities of query, key and value, as Python does
            if (key == value) {
                if (query == key) {
                    query = query.transpose(1, 0);
                    key = query;
                    value = query;
                } else {
                    query = query.transpose(1, 0);
                    key = key.transpose(1, 0);
                    value = key;
                }
            } else {
                query = query.transpose(1, 0);
                key = key.transpose(1, 0);
                value = value.transpose(1, 0);
            }
        }
        AttentionOutput r;
        if (!qkvSameEmbedDim) {
            r = F.multiHeadAttentionForward(query, key, value, embedDim, numHeads, inProjWeight, inProjBias, biasK,
                    biasV, addZeroAttn, dropout, outProj.weight, outProj.bias, isTraining(), keyPaddingMask,
                    needWeights, attnMask, true, qProjWeight, kProjWeight, vProjWeight, null, null,
                    averageAttnWeights);
        } else {
            r = F.multiHeadAttentionForward(query, key, value, embedDim, numHeads, inProjWeight, inProjBias, biasK,
                    biasV, addZeroAttn, dropout, outProj.weight, outProj.bias, isTraining(), keyPaddingMask,
                    needWeights, attnMask, false, null, null, null, null, null, averageAttnWeights);
        }
        if (batchFirst && isBatched) {
            return new AttentionOutput(r.attnOutput().transpose(1, 0), r.attnWeights());
        }
        return r;
    }

    /** Python's {@code embed_dim}. */
    public long embedDim() {
        return embedDim;
    }

    /** Python's {@code kdim}. */
    public long kdim() {
        return kdim;
    }

    /** Python's {@code vdim}. */
    public long vdim() {
        return vdim;
    }

    /** Python's {@code num_heads}. */
    public long numHeads() {
        return numHeads;
    }

    /** Python's {@code head_dim}. */
    public long headDim() {
        return headDim;
    }

    /** Python's {@code dropout}. */
    public double dropout() {
        return dropout;
    }

    /** Python's {@code batch_first}. */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** Python's {@code add_zero_attn}. */
    public boolean addZeroAttn() {
        return addZeroAttn;
    }

    /** Python's {@code _qkv_same_embed_dim}: whether the projection weights are packed in {@code in_proj_weight}. */
    public boolean qkvSameEmbedDim() {
        return qkvSameEmbedDim;
    }
}
