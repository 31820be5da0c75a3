package dev.jtorch.nn.functional;

import dev.jtorch.PyEnum;

/**
 * A loss's {@code reduction} argument: {@code 'none'}, {@code 'mean'} (the default) or {@code 'sum'}, taken by the
 * loss functions of {@link F} and the loss modules of {@code dev.jtorch.nn} alike.
 *
 * <p>Mirrors the {@code reduction} argument of the
 * <a href="https://pytorch.org/docs/stable/nn.html#loss-functions">torch.nn loss functions</a>.
 */
public enum Reduction implements PyEnum {
    /** {@code reduction='none'}: one loss per element. */
    NONE("none", 0),
    /** {@code reduction='mean'}. */
    MEAN("mean", 1),
    /** {@code reduction='sum'}. */
    SUM("sum", 2);

    private final String pythonName;
    private final int code;

    Reduction(String pythonName, int code) {
        this.pythonName = pythonName;
        this.code = code;
    }

    /** ATen's {@code at::Reduction} code; for jtorch's own native glue. */
    public int code() {
        return code;
    }

    /** Python's spelling, e.g. {@code mean}. */
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
