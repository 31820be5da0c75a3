package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.PReLU(num_parameters=1, init=0.25)}: {@code max(0, x) + weight * min(0, x)} with a learnable
 * {@code weight}: one slope shared by all channels, or one per channel (dimension 1 of the input) when
 * {@code num_parameters} is the number of channels. The weight starts at {@code init} (no random draw).
 *
 * <pre>{@code
 * new PReLU()          // nn.PReLU()
 * new PReLU(3, 0.1)    // nn.PReLU(3, init=0.1)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.PReLU.html">torch.nn.PReLU</a>.
 */
public class PReLU extends Module {
    /** Python's {@code weight}, of shape (num_parameters). */
    public Parameter weight;

    private final long numParameters;
    private final double init;

    /** {@code nn.PReLU()}: one slope, 0.25. */
    public PReLU() {
        this(1, 0.25);
    }

    /** {@code nn.PReLU(num_parameters)} with init 0.25. */
    public PReLU(long numParameters) {
        this(numParameters, 0.25);
    }

    /** {@code nn.PReLU(num_parameters, init)}. */
    public PReLU(long numParameters, double init) {
        this.numParameters = numParameters;
        this.init = init;
        try (TensorScope s = new TensorScope("PReLU init")) {
            weight = new Parameter(Torch.empty(numParameters).fill_(init));
        }
    }

    /** Python's {@code num_parameters}. */
    public long numParameters() {
        return numParameters;
    }

    /** Python's {@code init}: the weight's initial value. */
    public double init() {
        return init;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.prelu(input, weight);
    }

    @Override
    public String extraRepr() {
        return "num_parameters=" + numParameters;
    }
}
