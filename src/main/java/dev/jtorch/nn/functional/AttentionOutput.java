package dev.jtorch.nn.functional;

import dev.jtorch.Tensor;

/**
 * Python's {@code (attn_output, attn_output_weights)}: what {@code F.multi_head_attention_forward} and
 * {@code nn.MultiheadAttention.forward} return.
 *
 * <p>Mirrors the return value of
 * <a href="https://pytorch.org/docs/1.13/generated/torch.nn.MultiheadAttention.html">torch.nn.MultiheadAttention</a>.
 *
 * @param attnOutput (L, E), (L, N, E), or (N, L, E) with batch_first
 * @param attnWeights (N, L, S) averaged over heads, (N, num_heads, L, S) per head, without N unbatched; null
 *     when {@code need_weights=False}
 */
public record AttentionOutput(Tensor attnOutput, Tensor attnWeights) {}
