package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;

/**
 * {@code torch.nn.Linear(in_features, out_features, bias=True)}: {@code y = x @ weight.T + bias}, initialised as
 * PyTorch does (Kaiming-uniform weight, uniform bias in +-1/sqrt(in_features)), so the same seed gives the same
 * weights.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Linear.html">torch.nn.Linear</a>.
 */
public class Linear extends Module {
    private final long inFeatures;
    private final long outFeatures;
    /** Python's {@code weight}, of shape (out_features, in_features). */
    public Parameter weight;
    /** Python's {@code bias}, of shape (out_features), or null without bias. */
    public Parameter bias;

    /** {@code nn.Linear(in_features, out_features)}. */
    public Linear(long inFeatures, long outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /** {@code nn.Linear(in_features, out_features, bias)}. */
    public Linear(long inFeatures, long outFeatures, boolean bias) {
        if (inFeatures < 0 || outFeatures < 0) {
            throw new IllegalArgumentException("Linear features must not be negative, got in_features="
                    + inFeatures + ", out_features=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        try (TensorScope s = new TensorScope("Linear init")) {
            this.weight = new Parameter(Torch.empty(outFeatures, inFeatures));
            this.bias = bias ? new Parameter(Torch.empty(outFeatures)) : null;
            resetParameters();
        }
    }

    /** Python's {@code reset_parameters()}: draws new initial values from the default generator. */
    public void resetParameters() {
        Init.kaimingUniform_(weight, Math.sqrt(5));
        if (bias != null) {
            long fanIn = Init.calculateFanInAndFanOut(weight)[0];
            double bound = fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0;
            Init.uniform_(bias, -bound, bound);
        }
    }

    /** Python's {@code in_features}. */
    public long inFeatures() {
        return inFeatures;
    }

    /** Python's {@code out_features}. */
    public long outFeatures() {
        return outFeatures;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.linear(input, weight, bias);
    }

    @Override
    public String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True"
                : "False");
    }
}
