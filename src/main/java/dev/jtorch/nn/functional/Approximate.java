package dev.jtorch.nn.functional;

import dev.jtorch.PyEnum;

/**
 * Python's {@code approximate} argument of GELU: {@code 'none'} or {@code 'tanh'}, taken by
 * {@link F#gelu(dev.jtorch.Tensor, Approximate)} and by {@code new GELU(Approximate.TANH)}.
 *
 * <p>Mirrors the {@code approximate} argument of
 * <a href="https://pytorch.org/docs/stable/generated/torch.nn.functional.gelu.html">torch.nn.functional.gelu</a>.
 */
public enum Approximate implements PyEnum {
    /** {@code approximate='none'}: the exact GELU with the normal CDF (the default). */
    NONE("none"),
    /** {@code approximate='tanh'}: the tanh approximation. */
    TANH("tanh");

    private final String pythonName;

    Approximate(String pythonName) {
        this.pythonName = pythonName;
    }

    /** Python's spelling, e.g. {@code tanh}. */
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
