package dev.jtorch.nn.utils;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * {@code torch.nn.utils}: gradient clipping. {@code nn.utils.clip_grad_norm_(model.parameters(), 1.0)} is
 * {@code Utils.clipGradNorm_(model.parameters(), 1.0)}.
 *
 * <p>Mirrors
 * <a href="https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_norm_.html">torch.nn.utils.clip_grad_norm_</a>
 * and
 * <a href="https://pytorch.org/docs/stable/generated/torch.nn.utils.clip_grad_value_.html">torch.nn.utils.clip_grad_value_</a>
 * of <a href="https://pytorch.org/docs/stable/nn.html#utilities">torch.nn.utils</a>.
 */
public final class Utils {
    private Utils() {}

    /** {@code clip_grad_norm_(parameters, max_norm)} with the 2-norm. Returns the total norm before clipping. */
    public static Tensor clipGradNorm_(Collection<? extends Tensor> parameters, double maxNorm) {
        return clipGradNorm_(parameters, maxNorm, 2.0, false);
    }

    /**
     * {@code clip_grad_norm_(parameters, max_norm, norm_type, error_if_nonfinite)}: scales all gradients together
     * so that their combined {@code normType}-norm is at most {@code maxNorm} ({@code Double.POSITIVE_INFINITY} is
     * the max-norm). Returns the total norm of the gradients before clipping, as a 0-dimensional tensor.
     *
     * @throws TorchException if the norm is not finite and {@code errorIfNonfinite} is set (PyTorch's message)
     */
    public static Tensor clipGradNorm_(Collection<? extends Tensor> parameters, double maxNorm, double normType,
            boolean errorIfNonfinite) {
        Objects.requireNonNull(parameters, "parameters");
        List<Tensor> grads = new ArrayList<>();
        Tensor totalNorm;
        try (TensorScope scope = new TensorScope("clip_grad_norm_"); var g = Torch.noGrad()) {
            for (Tensor p : parameters) {
                Tensor grad = Objects.requireNonNull(p, "parameter").grad();
                if (grad != null) {
                    grads.add(grad);
                }
            }
            if (grads.isEmpty()) {
                return Torch.scalarTensor(0.0).keep();
            }
            List<Tensor> norms = new ArrayList<>();
            if (normType == Double.POSITIVE_INFINITY) {
                for (Tensor grad : grads) {
                    norms.add(grad.detach().abs().max().to(grads.get(0).device()));
                }
                totalNorm = norms.size() == 1 ? norms.get(0) : Torch.stack(norms).max();
            } else {
                for (Tensor grad : grads) {
                    norms.add(grad.detach().norm(normType).to(grads.get(0).device()));
                }
                totalNorm = Torch.stack(norms).norm(normType);
            }
            double total = totalNorm.item();
            if (errorIfNonfinite && !Double.isFinite(total)) {
                throw new TorchException("The total norm of order " + PyFormat.repr(normType) + " for gradients from "
                        + "`parameters` is non-finite, so it cannot be clipped. To disable this error and scale the "
                        + "gradients by the non-finite norm anyway, set `error_if_nonfinite=False`");
            }
            // Python computes max_norm / (total_norm + 1e-6) as (total_norm + 1e-6).reciprocal() * max_norm.
            Tensor clipCoef = totalNorm.add(1e-6).reciprocal().mul(maxNorm);
            Tensor clamped = clipCoef.clamp(null, 1.0);
            for (Tensor grad : grads) {
                grad.detach().mul_(clamped.to(grad.device()));
            }
            return totalNorm.keep();
        }
    }

    /** {@code clip_grad_value_(parameters, clip_value)}: clamps every gradient into [-clipValue, clipValue]. */
    public static void clipGradValue_(Collection<? extends Tensor> parameters, double clipValue) {
        Objects.requireNonNull(parameters, "parameters");
        try (TensorScope scope = new TensorScope("clip_grad_value_"); var g = Torch.noGrad()) {
            for (Tensor p : parameters) {
                Tensor grad = Objects.requireNonNull(p, "parameter").grad();
                if (grad != null) {
                    grad.clamp_(-clipValue, clipValue);
                }
            }
        }
    }

}
