package dev.jtorch;

/**
 * The pair returned by {@code torch.max(input, dim)}, {@code torch.min(input, dim)} and similar
 * ({@code torch.return_types.max}): {@code values} and {@code indices}.
 */
public record ValuesIndices(Tensor values, Tensor indices) {
    /** Python's repr, e.g. {@code torch.return_types.max(values=tensor([...]), indices=tensor([...]))}. */
    @Override
    public String toString() {
        return "(values=" + values + ", indices=" + indices + ")";
    }
}
