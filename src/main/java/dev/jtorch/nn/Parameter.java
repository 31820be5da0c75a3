package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * A tensor that is a module's learnable state, mirroring {@code torch.nn.Parameter}: a leaf that requires grad by
 * default, shares its data with the tensor it was made from, and belongs to no {@code TensorScope} (its module owns
 * it). Printing gives Python's {@code Parameter containing:} text.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.nn.parameter.Parameter.html">torch.nn.parameter.Parameter</a>.
 */
public class Parameter extends Tensor {
    /** Python's {@code nn.Parameter(data)}: requires grad. */
    public Parameter(Tensor data) {
        this(data, true);
    }

    /** Python's {@code nn.Parameter(data, requires_grad)}. */
    public Parameter(Tensor data, boolean requiresGrad) {
        super(data);
        requiresGrad_(requiresGrad);
    }

    /** Python's {@code repr(param)}: {@code Parameter containing:} and the tensor. */
    @Override
    public String toString() {
        return "Parameter containing:\n" + super.toString();
    }
}
