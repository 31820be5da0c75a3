package dev.jtorch.nn.functional;

import static dev.jtorch.internal.Ops.h;
import static dev.jtorch.internal.Ops.tensor;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.TorchException;
import dev.jtorch.Warnings;
import dev.jtorch.internal.Ops;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;

/**
 * Python 1.13's {@code F.multi_head_attention_forward}, op for op (the same libtorch calls in the same order, so
 * the same float32 rounding), with its assertion messages. Reached through
 * {@link F#multiHeadAttentionForward}.
 */
final class MhaForward {
    private MhaForward() {}

    private static final Scalar NEG_INF = Ops.unscoped(new Scalar(Double.NEGATIVE_INFINITY));

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new TorchException(message);
        }
    }

    /** Python's tuple repr of ints, {@code (3, 4)}. */
    static String tuple(long... s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i > 0 ? ", " : "").append(s[i]);
        }
        return b.append(s.length == 1 ? ",)" : ")").toString();
    }

    /** Python's {@code _mha_shape_check}: whether the input is batched. */
    static boolean shapeCheck(Tensor query, Tensor key, Tensor value, Tensor keyPaddingMask, Tensor attnMask,
            long numHeads) {
        if (query.dim() == 3) {
            check(key.dim() == 3 && value.dim() == 3, "For batched (3-D) `query`, expected `key` and `value` to be "
                    + "3-D but found " + key.dim() + "-D and " + value.dim() + "-D tensors respectively");
            if (keyPaddingMask != null) {
                check(keyPaddingMask.dim() == 2, "For batched (3-D) `query`, expected `key_padding_mask` to be "
                        + "`None` or 2-D but found " + keyPaddingMask.dim() + "-D tensor instead");
            }
            if (attnMask != null) {
                check(attnMask.dim() == 2 || attnMask.dim() == 3, "For batched (3-D) `query`, expected `attn_mask` "
                        + "to be `None`, 2-D or 3-D but found " + attnMask.dim() + "-D tensor instead");
            }
            return true;
        }
        if (query.dim() == 2) {
            check(key.dim() == 2 && value.dim() == 2, "For unbatched (2-D) `query`, expected `key` and `value` to "
                    + "be 2-D but found " + key.dim() + "-D and " + value.dim() + "-D tensors respectively");
            if (keyPaddingMask != null) {
                check(keyPaddingMask.dim() == 1, "For unbatched (2-D) `query`, expected `key_padding_mask` to be "
                        + "`None` or 1-D but found " + keyPaddingMask.dim() + "-D tensor instead");
            }
            if (attnMask != null) {
                check(attnMask.dim() == 2 || attnMask.dim() == 3, "For unbatched (2-D) `query`, expected "
                        + "`attn_mask` to be `None`, 2-D or 3-D but found " + attnMask.dim() + "-D tensor instead");
                if (attnMask.dim() == 3) {
                    long[] expected = {numHeads, query.size(0), key.size(0)};
                    check(Arrays.equals(attnMask.shape().toArray(), expected), "Expected `attn_mask` shape to be "
                            + tuple(expected) + " but got " + attnMask.shape());
                }
            }
            return false;
        }
        throw new TorchException("query should be unbatched 2D or batched 3D tensor but received " + query.dim()
                + "-D query tensor");
    }

    /** Python's check that a key padding mask is bool or floating point. */
    static void checkKeyPaddingMaskDtype(Tensor keyPaddingMask) {
        if (keyPaddingMask != null && keyPaddingMask.dtype() != DType.BOOL
                && !keyPaddingMask.dtype().isFloatingPoint()) {
            throw new TorchException("only bool and floating types of key_padding_mask are supported");
        }
    }

    private static Tensor[] list(TensorVector v) {
        Tensor[] out = new Tensor[(int) v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Tensor.wrap(v.get(i));
        }
        return out;
    }

    private static Tensor[] chunk(Tensor t, long chunks, long dim) {
        var x = h(t, "tensor");
        return list(Ops.call(() -> x.chunk(chunks, dim)));
    }

    /** Python's {@code _in_projection_packed}, taking the same paths for q is k is v, k is v, and distinct. */
    static Tensor[] inProjectionPacked(Tensor q, Tensor k, Tensor v, Tensor w, Tensor b) {
        long e = q.size(-1);
        if (k == v) {
            if (q == k) {
                return chunk(F.linear(q, w, b), 3, -1);
            }
            var wh = h(w, "in_proj_weight");
            Tensor[] ws = list(Ops.call(() -> wh.split_with_sizes(new long[] {e, e * 2}, 0)));
            Tensor bq = null;
            Tensor bkv = null;
            if (b != null) {
                var bh = h(b, "in_proj_bias");
                Tensor[] bs = list(Ops.call(() -> bh.split_with_sizes(new long[] {e, e * 2}, 0)));
                bq = bs[0];
                bkv = bs[1];
            }
            Tensor[] kv = chunk(F.linear(k, ws[1], bkv), 2, -1);
            return new Tensor[] {F.linear(q, ws[0], bq), kv[0], kv[1]};
        }
        Tensor[] ws = chunk(w, 3, 0);
        Tensor[] bs = b == null ? new Tensor[3] : chunk(b, 3, 0);
        return new Tensor[] {F.linear(q, ws[0], bs[0]), F.linear(k, ws[1], bs[1]), F.linear(v, ws[2], bs[2])};
    }

    /** Python's {@code _in_projection}, with its shape assertions. */
    static Tensor[] inProjection(Tensor q, Tensor k, Tensor v, Tensor wq, Tensor wk, Tensor wv, Tensor bq,
            Tensor bk, Tensor bv) {
        long eq = q.size(-1);
        long ek = k.size(-1);
        long ev = v.size(-1);
        check(Arrays.equals(wq.shape().toArray(), new long[] {eq, eq}), "expecting query weights shape of "
                + tuple(eq, eq) + ", but got " + wq.shape());
        check(Arrays.equals(wk.shape().toArray(), new long[] {eq, ek}), "expecting key weights shape of "
                + tuple(eq, ek) + ", but got " + wk.shape());
        check(Arrays.equals(wv.shape().toArray(), new long[] {eq, ev}), "expecting value weights shape of "
                + tuple(eq, ev) + ", but got " + wv.shape());
        return new Tensor[] {F.linear(q, wq, bq), F.linear(k, wk, bk), F.linear(v, wv, bv)};
    }

    private static Tensor padLast(Tensor t) {
        return F.pad(t, new long[] {0, 1});
    }

    private static Tensor cat(long dim, Tensor... ts) {
        return dev.jtorch.Torch.cat(List.of(ts), dim);
    }

    static AttentionOutput forward(Tensor query, Tensor key, Tensor value, long embedDimToCheck,
            long numHeads, Tensor inProjWeight, Tensor inProjBias, Tensor biasK, Tensor biasV, boolean addZeroAttn,
            double dropoutP, Tensor outProjWeight, Tensor outProjBias, boolean training, Tensor keyPaddingMask,
            boolean needWeights, Tensor attnMask, boolean useSeparateProjWeight, Tensor qProjWeight,
            Tensor kProjWeight, Tensor vProjWeight, Tensor staticK, Tensor staticV, boolean averageAttnWeights) {
        boolean isBatched = shapeCheck(query, key, value, keyPaddingMask, attnMask, numHeads);
        if (!isBatched) {
            // as Python: the three unsqueezed inputs are distinct tensors from here on, even for self-attention
            query = query.unsqueeze(1);
            key = key.unsqueeze(1);
            value = value.unsqueeze(1);
            if (keyPaddingMask != null) {
                keyPaddingMask = keyPaddingMask.unsqueeze(0);
            }
        }
        long tgtLen = query.size(0);
        long bsz = query.size(1);
        long embedDim = query.size(2);
        long srcLen = key.size(0);
        checkKeyPaddingMaskDtype(keyPaddingMask);
        check(embedDim == embedDimToCheck, "was expecting embedding dimension of " + embedDimToCheck + ", but got "
                + embedDim);
        long headDim = Math.floorDiv(embedDim, numHeads);
        check(headDim * numHeads == embedDim, "embed_dim " + embedDim + " not divisible by num_heads " + numHeads);
        if (useSeparateProjWeight) {
            long[] ks = {key.size(0), key.size(1)};
            long[] vs = {value.size(0), value.size(1)};
            check(Arrays.equals(ks, vs), "key's sequence and batch dims " + new dev.jtorch.Size(ks)
                    + " do not match value's " + new dev.jtorch.Size(vs));
        } else {
            check(Arrays.equals(key.shape().toArray(), value.shape().toArray()), "key shape " + key.shape()
                    + " does not match value shape " + value.shape());
        }

        // in-projection
        Tensor[] qkv;
        if (!useSeparateProjWeight) {
            check(inProjWeight != null, "use_separate_proj_weight is False but in_proj_weight is None");
            qkv = inProjectionPacked(query, key, value, inProjWeight, inProjBias);
        } else {
            check(qProjWeight != null, "use_separate_proj_weight is True but q_proj_weight is None");
            check(kProjWeight != null, "use_separate_proj_weight is True but k_proj_weight is None");
            check(vProjWeight != null, "use_separate_proj_weight is True but v_proj_weight is None");
            Tensor[] bs = inProjBias == null ? new Tensor[3] : chunk(inProjBias, 3, 0);
            qkv = inProjection(query, key, value, qProjWeight, kProjWeight, vProjWeight, bs[0], bs[1], bs[2]);
        }
        Tensor q = qkv[0];
        Tensor k = qkv[1];
        Tensor v = qkv[2];

        // prep attention mask
        if (attnMask != null) {
            if (attnMask.dtype() == DType.UINT8) {
                Warnings.warn("Byte tensor for attn_mask in nn.MultiheadAttention is deprecated. Use bool tensor "
                        + "instead.");
                attnMask = attnMask.toBool();
            } else {
                check(attnMask.dtype().isFloatingPoint() || attnMask.dtype() == DType.BOOL, "Only float, byte, and "
                        + "bool types are supported for attn_mask, not " + attnMask.dtype());
            }
            if (attnMask.dim() == 2) {
                long[] correct = {tgtLen, srcLen};
                if (!Arrays.equals(attnMask.shape().toArray(), correct)) {
                    throw new TorchException("The shape of the 2D attn_mask is " + attnMask.shape()
                            + ", but should be " + tuple(correct) + ".");
                }
                attnMask = attnMask.unsqueeze(0);
            } else if (attnMask.dim() == 3) {
                long[] correct = {bsz * numHeads, tgtLen, srcLen};
                if (!Arrays.equals(attnMask.shape().toArray(), correct)) {
                    throw new TorchException("The shape of the 3D attn_mask is " + attnMask.shape()
                            + ", but should be " + tuple(correct) + ".");
                }
            } else {
                throw new TorchException("attn_mask's dimension " + attnMask.dim() + " is not supported");
            }
        }

        // add bias along batch dimension (currently second)
        if (biasK != null && biasV != null) {
            check(staticK == null, "bias cannot be added to static key.");
            check(staticV == null, "bias cannot be added to static value.");
            var bk = h(biasK, "bias_k");
            var bv = h(biasV, "bias_v");
            k = cat(0, k, tensor(() -> bk.repeat(1, bsz, 1)));
            v = cat(0, v, tensor(() -> bv.repeat(1, bsz, 1)));
            if (attnMask != null) {
                attnMask = padLast(attnMask);
            }
            if (keyPaddingMask != null) {
                keyPaddingMask = padLast(keyPaddingMask);
            }
        } else {
            check(biasK == null, "");
            check(biasV == null, "");
        }

        // reshape q, k, v for multihead attention and make them batch first
        q = q.contiguous().view(tgtLen, bsz * numHeads, headDim).transpose(0, 1);
        if (staticK == null) {
            k = k.contiguous().view(k.size(0), bsz * numHeads, headDim).transpose(0, 1);
        } else {
            check(staticK.size(0) == bsz * numHeads, "expecting static_k.size(0) of " + bsz * numHeads
                    + ", but got " + staticK.size(0));
            check(staticK.size(2) == headDim, "expecting static_k.size(2) of " + headDim + ", but got "
                    + staticK.size(2));
            k = staticK;
        }
        if (staticV == null) {
            v = v.contiguous().view(v.size(0), bsz * numHeads, headDim).transpose(0, 1);
        } else {
            check(staticV.size(0) == bsz * numHeads, "expecting static_v.size(0) of " + bsz * numHeads
                    + ", but got " + staticV.size(0));
            check(staticV.size(2) == headDim, "expecting static_v.size(2) of " + headDim + ", but got "
                    + staticV.size(2));
            v = staticV;
        }

        // add zero attention along batch dimension (now first)
        if (addZeroAttn) {
            long[] zeroShape = {bsz * numHeads, 1, headDim};
            var kh = h(k, "k");
            var vh = h(v, "v");
            k = cat(1, k, tensor(() -> kh.new_zeros(zeroShape)));
            v = cat(1, v, tensor(() -> vh.new_zeros(zeroShape)));
            if (attnMask != null) {
                attnMask = padLast(attnMask);
            }
            if (keyPaddingMask != null) {
                keyPaddingMask = padLast(keyPaddingMask);
            }
        }

        srcLen = k.size(1);

        // merge key padding and attention masks
        if (keyPaddingMask != null) {
            long[] expected = {bsz, srcLen};
            check(Arrays.equals(keyPaddingMask.shape().toArray(), expected), "expecting key_padding_mask shape of "
                    + tuple(expected) + ", but got " + keyPaddingMask.shape());
            var kpm = h(keyPaddingMask.view(bsz, 1, 1, srcLen), "key_padding_mask");
            long s = srcLen;
            keyPaddingMask = tensor(() -> kpm.expand(-1, numHeads, -1, -1)).reshape(bsz * numHeads, 1, s);
            if (attnMask == null) {
                attnMask = keyPaddingMask;
            } else if (attnMask.dtype() == DType.BOOL) {
                var am = h(attnMask, "attn_mask");
                var kp = h(keyPaddingMask, "key_padding_mask");
                attnMask = tensor(() -> am.logical_or(kp));
            } else {
                var am = h(attnMask, "attn_mask");
                var kp = h(keyPaddingMask, "key_padding_mask");
                attnMask = tensor(() -> am.masked_fill(kp, NEG_INF));
            }
        }

        // convert mask to float
        if (attnMask != null && attnMask.dtype() == DType.BOOL) {
            var am = h(attnMask, "attn_mask");
            TensorOptions o = new TensorOptions(q.dtype().scalarType());
            long[] shape = attnMask.shape().toArray();
            Tensor newMask = tensor(() -> am.new_zeros(shape, o));
            var nm = h(newMask, "mask");
            Ops.call(() -> nm.masked_fill_(am, NEG_INF));
            attnMask = newMask;
        }

        if (!training) {
            dropoutP = 0.0;
        }

        // calculate attention and out projection
        long e = q.size(2);
        Tensor qScaled = q.div(Math.sqrt(e));
        Tensor kt = k.transpose(-2, -1);
        Tensor weights;
        var qs = h(qScaled, "q");
        var kth = h(kt, "k");
        if (attnMask != null) {
            var am = h(attnMask, "attn_mask");
            weights = tensor(() -> org.bytedeco.pytorch.global.torch.baddbmm(am, qs, kth));
        } else {
            weights = tensor(() -> qs.bmm(kth));
        }
        weights = weights.softmax(-1);
        if (dropoutP > 0.0) {
            weights = F.dropout(weights, dropoutP);
        }
        var wh = h(weights, "attn_output_weights");
        var vh = h(v, "v");
        Tensor out = tensor(() -> wh.bmm(vh));
        out = out.transpose(0, 1).contiguous().view(tgtLen * bsz, embedDim);
        out = F.linear(out, outProjWeight, outProjBias);
        out = out.view(tgtLen, bsz, out.size(1));
        if (needWeights) {
            weights = weights.view(bsz, numHeads, tgtLen, srcLen);
            if (averageAttnWeights) {
                weights = weights.sum(1).div(numHeads);
            }
            if (!isBatched) {
                out = out.squeeze(1);
                weights = weights.squeeze(0);
            }
            return new AttentionOutput(out, weights);
        }
        if (!isBatched) {
            out = out.squeeze(1);
        }
        return new AttentionOutput(out, null);
    }
}
