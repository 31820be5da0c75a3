package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.Reduction;
import java.util.Objects;

/**
 * The base of the loss modules, mirroring {@code torch.nn.modules.loss._Loss}: {@code criterion(outputs, labels)}
 * is {@code criterion.forward(outputs, labels)}. The reduction defaults to {@link Reduction#MEAN}.
 *
 * <p>Mirrors PyTorch's private {@code _Loss}, which has no page of its own; see
 * <a href="https://pytorch.org/docs/stable/nn.html#loss-functions">torch.nn loss functions</a>.
 */
public abstract class Loss extends Module {
    private final Reduction reduction;

    /** A loss with the given reduction. */
    protected Loss(Reduction reduction) {
        this.reduction = Objects.requireNonNull(reduction, "reduction");
    }

    /** Python's {@code reduction}. */
    public Reduction reduction() {
        return reduction;
    }

    /** Python's {@code criterion(input, target)}. */
    public abstract Tensor forward(Tensor input, Tensor target);

    /** Losses take an input and a target: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException(getName() + " takes an input and a target: forward(input, target)");
    }
}
