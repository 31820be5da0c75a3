package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.Approximate;
import dev.jtorch.nn.functional.F;
import java.util.Objects;

/**
 * {@code torch.nn.GELU(approximate='none')}: {@code x * Phi(x)}, or its tanh approximation.
 *
 * <pre>{@code
 * new GELU()                            // nn.GELU()
 * new GELU(Approximate.TANH)       // nn.GELU(approximate='tanh')
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.GELU.html">torch.nn.GELU</a>.
 */
public class GELU extends Module {
    private final Approximate approximate;

    /** {@code nn.GELU()}. */
    public GELU() {
        this(Approximate.NONE);
    }

    /** {@code nn.GELU(approximate=...)}. */
    public GELU(Approximate approximate) {
        this.approximate = Objects.requireNonNull(approximate, "approximate");
    }

    /** Python's {@code approximate}. */
    public Approximate approximate() {
        return approximate;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.gelu(input, approximate);
    }

    @Override
    public String extraRepr() {
        return "approximate='" + approximate.pythonName() + "'";
    }
}
