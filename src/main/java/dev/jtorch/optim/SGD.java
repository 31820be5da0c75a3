package dev.jtorch.optim;

import dev.jtorch.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False, maximize=False)}, with
 * PyTorch's update (momentum buffer seeded with the first gradient, Nesterov as {@code d_p + momentum * buf}).
 *
 * <pre>{@code
 * var optimizer = new SGD(model.parameters(), new SGD.Options(0.01).momentum(0.9).weightDecay(1e-5));
 * }</pre>
 */
public class SGD extends Optimizer {

    /** PyTorch's options and defaults for {@link SGD}; {@code lr} is required. */
    public static final class Options {
        private final Map<String, Object> values = new LinkedHashMap<>();

        /** Options with the learning rate. */
        public Options(double lr) {
            values.put("lr", lr);
            values.put("momentum", 0);
            values.put("dampening", 0);
            values.put("weight_decay", 0);
            values.put("nesterov", false);
            values.put("maximize", false);
            values.put("foreach", null);
            values.put("differentiable", false);
        }

        /** Python's {@code momentum} (default 0). */
        public Options momentum(double momentum) {
            values.put("momentum", momentum);
            return this;
        }

        /** Python's {@code dampening} (default 0). */
        public Options dampening(double dampening) {
            values.put("dampening", dampening);
            return this;
        }

        /** Python's {@code weight_decay}: L2 penalty (default 0). */
        public Options weightDecay(double weightDecay) {
            values.put("weight_decay", weightDecay);
            return this;
        }

        /** Python's {@code nesterov} (default false). */
        public Options nesterov(boolean nesterov) {
            values.put("nesterov", nesterov);
            return this;
        }

        /** Python's {@code maximize}: ascend instead of descend (default false). */
        public Options maximize(boolean maximize) {
            values.put("maximize", maximize);
            return this;
        }
    }

    /** {@code optim.SGD(params, ...)}. */
    public SGD(Collection<? extends Tensor> params, Options options) {
        super("SGD", params, options.values);
    }

    /** {@code optim.SGD([group, ...], ...)} with per-group options. */
    public SGD(List<ParamGroup> groups, Options options) {
        super("SGD", groups, options.values);
    }

    @Override
    protected void validate(ParamGroup g) {
        // PyTorch 1.13's SGD checks `lr < 0.0` (not `not 0.0 <= lr` as Adam does): NaN passes there, and here
        requireNonNegative(g, "lr", "Invalid learning rate");
        requireNonNegative(g, "momentum", "Invalid momentum value");
        requireNonNegative(g, "weight_decay", "Invalid weight_decay value");
        if (g.getBoolean("nesterov") && (g.getDouble("momentum") <= 0 || g.getDouble("dampening") != 0)) {
            throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
        }
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr();
        double momentum = g.getDouble("momentum");
        double dampening = g.getDouble("dampening");
        double weightDecay = g.getDouble("weight_decay");
        boolean nesterov = g.getBoolean("nesterov");
        boolean maximize = g.getBoolean("maximize");
        Scalar sWeightDecay = scalar(weightDecay);
        Scalar sMomentum = scalar(momentum);
        Scalar sOneMinusDampening = scalar(1 - dampening);
        Scalar sMinusLr = scalar(-lr);
        for (Tensor p : g.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            org.bytedeco.pytorch.Tensor d = maximize ? grad.neg() : grad;
            if (weightDecay != 0) {
                d = torch.add_out(temporary(p, 0), d, param, sWeightDecay);
            }
            Map<String, Object> st = state(p);
            if (momentum != 0) {
                Tensor buf = (Tensor) st.get("momentum_buffer");
                if (buf == null) {
                    buf = own(torch.clone(d).detach());
                    st.put("momentum_buffer", buf);
                } else {
                    buf.nativeTensor().mul_(sMomentum).add_(d, sOneMinusDampening);
                }
                d = nesterov ? torch.add_out(temporary(p, 1), d, buf.nativeTensor(), sMomentum) : buf.nativeTensor();
            } else {
                st.put("momentum_buffer", null);
            }
            param.add_(d, sMinusLr);
        }
    }
}
