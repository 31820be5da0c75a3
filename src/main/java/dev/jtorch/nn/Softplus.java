package dev.jtorch.nn;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import java.util.Objects;

/**
 * {@code torch.nn.Softplus(beta=1, threshold=20)}: {@code log(1 + exp(beta * x)) / beta}, and {@code x} itself
 * where {@code beta * x > threshold}. The arguments are numbers as in Python: an integer ({@code new Softplus(2,
 * 10)}) prints as {@code beta=2, threshold=10}, a floating-point one ({@code new Softplus(0.5, 10.0)}) as
 * {@code beta=0.5, threshold=10.0}, as PyTorch's repr does.
 *
 * <pre>{@code
 * new Softplus()            // nn.Softplus()
 * new Softplus(2, 1.5)      // nn.Softplus(beta=2, threshold=1.5)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Softplus.html">torch.nn.Softplus</a>.
 */
public class Softplus extends Module {
    private final Number beta;
    private final Number threshold;

    /** {@code nn.Softplus()}: beta 1, threshold 20. */
    public Softplus() {
        this(1, 20);
    }

    /** {@code nn.Softplus(beta)} with threshold 20. */
    public Softplus(Number beta) {
        this(beta, 20);
    }

    /** {@code nn.Softplus(beta, threshold)}. */
    public Softplus(Number beta, Number threshold) {
        this.beta = Objects.requireNonNull(beta, "beta");
        this.threshold = Objects.requireNonNull(threshold, "threshold");
    }

    /** Python's {@code beta}. */
    public double beta() {
        return beta.doubleValue();
    }

    /** Python's {@code threshold}. */
    public double threshold() {
        return threshold.doubleValue();
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.softplus(input, beta.doubleValue(), threshold.doubleValue());
    }

    @Override
    public String extraRepr() {
        return "beta=" + py(beta) + ", threshold=" + py(threshold);
    }

    /** Python's repr of an int or a float. */
    static String py(Number n) {
        if (n instanceof Double || n instanceof Float) {
            return PyFormat.repr(n.doubleValue());
        }
        return String.valueOf(n.longValue());
    }
}
