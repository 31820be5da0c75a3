package dev.jtorch;

/**
 * The pair returned by {@code torch.max(input, dim)}, {@code torch.min(input, dim)} and similar
 * ({@code torch.return_types.max}): {@code values} and {@code indices}.
 *
 * <p>Mirrors the {@code (values, indices)} result of
 * <a href="https://pytorch.org/docs/stable/generated/torch.max.html">torch.max</a> and
 * <a href="https://pytorch.org/docs/stable/generated/torch.min.html">torch.min</a>.
 */
public record ValuesIndices(Tensor values, Tensor indices) {
    /** Python's repr, e.g. {@code torch.return_types.max(values=tensor([...]), indices=tensor([...]))}. */
    @Override
    public String toString() {
        return "(values=" + values + ", indices=" + indices + ")";
    }
}
