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
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.optim.SGD.html">torch.optim.SGD</a>.
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
    ParamState newState() {
        return new SGDParamState();
    }

    /** A group's options as {@code SGD.step} reads them: {@code group['lr']}, {@code group['momentum']}, ... */
    private record Hyper(double lr, double momentum, double dampening, double weightDecay, boolean nesterov,
            boolean maximize) {
        static Hyper of(ParamGroup g) {
            return new Hyper(g.lr(), g.getDouble("momentum"), g.getDouble("dampening"), g.getDouble("weight_decay"),
                    g.getBoolean("nesterov"), g.getBoolean("maximize"));
        }
    }

    /** Scratch slots of the update: the gradient plus weight decay, and Nesterov's step. */
    private static final int GRAD = 0;
    private static final int NESTEROV = 1;

    /**
     * PyTorch 1.13's {@code _single_tensor_sgd}, line by line; numbers become cached native scalars through
     * {@link #scalar}, and the tensors PyTorch allocates ({@code d_p.add(...)}) are written into reused memory from
     * {@link #temporary}.
     */
    @Override
    protected void update(ParamGroup group) {
        Hyper h = Hyper.of(group);
        // the group's constants, as native scalars fetched once
        Scalar weightDecay = scalar(h.weightDecay);
        Scalar momentum = scalar(h.momentum);
        Scalar oneMinusDampening = scalar(1 - h.dampening);
        Scalar minusLr = scalar(-h.lr);
        for (Tensor p : group.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            // d_p = d_p_list[i] if not maximize else -d_p_list[i]
            org.bytedeco.pytorch.Tensor dP = h.maximize ? grad.neg() : grad;
            if (h.weightDecay != 0) {
                // d_p = d_p.add(param, alpha=weight_decay)
                dP = torch.add_out(temporary(p, GRAD), dP, param, weightDecay);
            }
            SGDParamState state = paramState(p);
            if (h.momentum != 0) {
                Tensor buf = state.momentumBuffer;
                if (buf == null) {
                    // buf = torch.clone(d_p).detach(); momentum_buffer_list[i] = buf
                    buf = own(torch.clone(dP).detach());
                    state.momentumBuffer(buf);
                } else {
                    // buf.mul_(momentum).add_(d_p, alpha=1 - dampening)
                    buf.nativeTensor().mul_(momentum).add_(dP, oneMinusDampening);
                }
                // d_p = d_p.add(buf, alpha=momentum) if nesterov else buf
                dP = h.nesterov ? torch.add_out(temporary(p, NESTEROV), dP, buf.nativeTensor(), momentum)
                        : buf.nativeTensor();
            } else {
                // state['momentum_buffer'] = None
                state.momentumBuffer(null);
            }
            // param.add_(d_p, alpha=-lr)
            param.add_(dP, minusLr);
        }
    }
}
