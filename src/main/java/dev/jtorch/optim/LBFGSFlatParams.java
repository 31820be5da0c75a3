package dev.jtorch.optim;

import dev.jtorch.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * {@link LBFGS}'s parameters seen as one flat vector: PyTorch 1.13's {@code _gather_flat_grad}, {@code _add_grad},
 * {@code _clone_param} and {@code _set_param} on the native tensors.
 */
final class LBFGSFlatParams {
    private final List<Tensor> params;
    private final DoubleFunction<Scalar> scalar;

    /** The parameters of LBFGS's one group; {@code scalar} makes the native scalars of the update. */
    LBFGSFlatParams(List<Tensor> params, DoubleFunction<Scalar> scalar) {
        this.params = params;
        this.scalar = scalar;
    }

    /** {@code self._gather_flat_grad()}. */
    org.bytedeco.pytorch.Tensor gatherFlatGrad() {
        TensorVector views = new TensorVector();
        for (Tensor p : params) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                // view = p.new(p.numel()).zero_()
                views.push_back(torch.zeros(new long[] {param.numel()}, param.options()));
            } else {
                // view = p.grad.view(-1)
                views.push_back(grad.view(-1));
            }
        }
        return torch.cat(views, 0);
    }

    /** {@code self._add_grad(step_size, update)}. */
    void addGrad(PyNumber stepSize, org.bytedeco.pytorch.Tensor update) {
        long offset = 0;
        Scalar alpha = scalar.apply(stepSize.v);
        for (Tensor p : params) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            long numel = param.numel();
            // p.add_(update[offset:offset + numel].view_as(p), alpha=step_size)
            param.add_(update.narrow(0, offset, numel).view_as(param), alpha);
            offset += numel;
        }
    }

    /** {@code self._clone_param()}. */
    List<org.bytedeco.pytorch.Tensor> cloneParam() {
        List<org.bytedeco.pytorch.Tensor> out = new ArrayList<>();
        for (Tensor p : params) {
            out.add(p.nativeTensor().clone());
        }
        return out;
    }

    /** {@code self._set_param(params_data)}. */
    void setParam(List<org.bytedeco.pytorch.Tensor> data) {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).nativeTensor().copy_(data.get(i));
        }
    }
}
