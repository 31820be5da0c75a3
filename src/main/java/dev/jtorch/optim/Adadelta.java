package dev.jtorch.optim;

import dev.jtorch.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;

/**
 * {@code torch.optim.Adadelta(params, lr=1.0, rho=0.9, eps=1e-6, weight_decay=0, maximize=False)} with PyTorch's
 * update. Its {@code step} is a plain int in PyTorch 1.13, and so in its state dict.
 *
 * <pre>{@code
 * var optimizer = new Adadelta(model.parameters(), new Adadelta.Options(1.0).rho(0.9));
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adadelta.html">torch.optim.Adadelta</a>.
 */
public class Adadelta extends Optimizer {

    /** PyTorch's options and defaults for {@link Adadelta}. */
    public static final class Options {
        final Map<String, Object> values = new LinkedHashMap<>();

        /** Options with PyTorch's defaults (lr 1.0). */
        public Options() {
            this(1.0);
        }

        /** Options with the learning rate. */
        public Options(double lr) {
            values.put("lr", lr);
            values.put("rho", 0.9);
            values.put("eps", 1e-6);
            values.put("weight_decay", 0);
            values.put("maximize", false);
            values.put("foreach", null);
        }

        /** Python's {@code rho}: the running average's coefficient (default 0.9). */
        public Options rho(double rho) {
            values.put("rho", rho);
            return this;
        }

        /** Python's {@code eps} (default 1e-6). */
        public Options eps(double eps) {
            values.put("eps", eps);
            return this;
        }

        /** Python's {@code weight_decay} (default 0). */
        public Options weightDecay(double weightDecay) {
            values.put("weight_decay", weightDecay);
            return this;
        }

        /** Python's {@code maximize} (default false). */
        public Options maximize(boolean maximize) {
            values.put("maximize", maximize);
            return this;
        }
    }

    /** {@code optim.Adadelta(params)} with PyTorch's defaults. */
    public Adadelta(Collection<? extends Tensor> params) {
        this(params, new Options());
    }

    /** {@code optim.Adadelta(params, ...)}. */
    public Adadelta(Collection<? extends Tensor> params, Options options) {
        super("Adadelta", params, options.values);
    }

    /** {@code optim.Adadelta([group, ...], ...)} with per-group options. */
    public Adadelta(List<ParamGroup> groups, Options options) {
        super("Adadelta", groups, options.values);
    }

    @Override
    protected boolean stepIsTensor() {
        return false;
    }

    @Override
    protected void validate(ParamGroup g) {
        requireAtLeastZero(g, "lr", "Invalid learning rate");
        requireBetween(g, "rho", 0.0, 1.0, "Invalid rho value");
        requireAtLeastZero(g, "eps", "Invalid epsilon value");
        requireAtLeastZero(g, "weight_decay", "Invalid weight_decay value");
    }

    @Override
    ParamState newState() {
        return new AdadeltaParamState();
    }

    /** PyTorch 1.13's {@code Adadelta.step} and {@code _single_tensor_adadelta}, line by line. */
    @Override
    protected void update(ParamGroup group) {
        double lr = group.lr();
        double rho = group.getDouble("rho");
        double weightDecay = group.getDouble("weight_decay");
        boolean maximize = group.getBoolean("maximize");
        Scalar rhoS = scalar(rho);
        Scalar oneMinusRho = scalar(1 - rho);
        Scalar eps = scalar(group.getDouble("eps"));
        for (Tensor p : group.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            AdadeltaParamState state = paramState(p);
            if (state.isEmpty()) {
                state.init(zeros(param), zeros(param));
            }
            // state['step'] += 1
            state.step++;
            // grad = grad if not maximize else -grad
            if (maximize) {
                grad = grad.neg();
            }
            if (weightDecay != 0) {
                // grad = grad.add(param, alpha=weight_decay)
                grad = grad.add(param, scalar(weightDecay));
            }
            org.bytedeco.pytorch.Tensor squareAvg = state.squareAvg.nativeTensor();
            org.bytedeco.pytorch.Tensor accDelta = state.accDelta.nativeTensor();
            // square_avg.mul_(rho).addcmul_(grad, grad, value=1 - rho)
            squareAvg.mul_(rhoS).addcmul_(grad, grad, oneMinusRho);
            // std = square_avg.add(eps).sqrt_()
            org.bytedeco.pytorch.Tensor std = squareAvg.add(eps).sqrt_();
            // delta = acc_delta.add(eps).sqrt_().div_(std).mul_(grad)
            org.bytedeco.pytorch.Tensor delta = accDelta.add(eps).sqrt_().div_(std).mul_(grad);
            // acc_delta.mul_(rho).addcmul_(delta, delta, value=1 - rho)
            accDelta.mul_(rhoS).addcmul_(delta, delta, oneMinusRho);
            // param.add_(delta, alpha=-lr)
            param.add_(delta, scalar(-lr));
        }
    }
}
