package dev.jtorch.optim;

import dev.jtorch.Tensor;
import dev.jtorch.internal.Ops;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.optim.Adagrad(params, lr=1e-2, lr_decay=0, weight_decay=0, initial_accumulator_value=0, eps=1e-10,
 * maximize=False)} with PyTorch's update. Its state is created when the optimizer is, as in PyTorch.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adagrad.html">torch.optim.Adagrad</a>.
 */
public class Adagrad extends Optimizer {

    /** PyTorch's options and defaults for {@link Adagrad}. */
    public static final class Options {
        private final Map<String, Object> values = new LinkedHashMap<>();

        /** Options with PyTorch's defaults (lr 1e-2). */
        public Options() {
            this(1e-2);
        }

        /** Options with the learning rate. */
        public Options(double lr) {
            values.put("lr", lr);
            values.put("lr_decay", 0);
            values.put("eps", 1e-10);
            values.put("weight_decay", 0);
            values.put("initial_accumulator_value", 0);
            values.put("foreach", null);
            values.put("maximize", false);
        }

        /** Python's {@code lr_decay} (default 0). */
        public Options lrDecay(double lrDecay) {
            values.put("lr_decay", lrDecay);
            return this;
        }

        /** Python's {@code eps} (default 1e-10). */
        public Options eps(double eps) {
            values.put("eps", eps);
            return this;
        }

        /** Python's {@code weight_decay} (default 0). */
        public Options weightDecay(double weightDecay) {
            values.put("weight_decay", weightDecay);
            return this;
        }

        /** Python's {@code initial_accumulator_value} (default 0). */
        public Options initialAccumulatorValue(double value) {
            values.put("initial_accumulator_value", value);
            return this;
        }

        /** Python's {@code maximize} (default false). */
        public Options maximize(boolean maximize) {
            values.put("maximize", maximize);
            return this;
        }
    }

    /** {@code optim.Adagrad(params)} with PyTorch's defaults. */
    public Adagrad(Collection<? extends Tensor> params) {
        this(params, new Options());
    }

    /** {@code optim.Adagrad(params, ...)}. */
    public Adagrad(Collection<? extends Tensor> params, Options options) {
        super("Adagrad", params, options.values);
        initState();
    }

    /** {@code optim.Adagrad([group, ...], ...)}. */
    public Adagrad(List<ParamGroup> groups, Options options) {
        super("Adagrad", groups, options.values);
        initState();
    }

    @Override
    public void addParamGroup(ParamGroup group) {
        super.addParamGroup(group);
        initState();
    }

    private void initState() {
        try (var scope = new dev.jtorch.TensorScope("Adagrad state")) {
            for (ParamGroup g : paramGroups()) {
                double init = g.getDouble("initial_accumulator_value");
                for (Tensor p : g.params()) {
                    AdagradParamState state = paramState(p);
                    if (state.isEmpty()) {
                        // state['step'] = 0; state['sum'] = torch.full_like(p, init_value)
                        state.init(own(Ops.call(() -> torch.full_like(p.nativeTensor(), new Scalar(init)))));
                    }
                }
            }
        }
    }

    @Override
    protected void validate(ParamGroup g) {
        requireAtLeastZero(g, "lr", "Invalid learning rate");
        requireAtLeastZero(g, "lr_decay", "Invalid lr_decay value");
        requireAtLeastZero(g, "weight_decay", "Invalid weight_decay value");
        requireAtLeastZero(g, "initial_accumulator_value", "Invalid initial_accumulator_value value");
        requireAtLeastZero(g, "eps", "Invalid epsilon value");
    }

    @Override
    ParamState newState() {
        return new AdagradParamState();
    }

    /** A group's options as {@code Adagrad.step} reads them: {@code group['lr']}, {@code group['lr_decay']}, ... */
    private record Hyper(double lr, double lrDecay, double weightDecay, double eps, boolean maximize) {
        static Hyper of(ParamGroup g) {
            return new Hyper(g.lr(), g.getDouble("lr_decay"), g.getDouble("weight_decay"), g.getDouble("eps"),
                    g.getBoolean("maximize"));
        }
    }

    /** Scratch slots of the update: the gradient plus weight decay, and {@code std}. */
    private static final int GRAD = 0;
    private static final int STD = 1;

    /**
     * PyTorch 1.13's {@code _single_tensor_adagrad} (dense gradients), line by line; numbers become cached native
     * scalars through {@link #scalar}, and the tensors PyTorch allocates ({@code grad.add(...)}, {@code std}) are
     * written into reused memory from {@link #temporary}.
     */
    @Override
    protected void update(ParamGroup group) {
        Hyper h = Hyper.of(group);
        // the group's constants, as native scalars fetched once
        Scalar weightDecay = scalar(h.weightDecay);
        Scalar one = scalar(1);
        Scalar eps = scalar(h.eps);
        for (Tensor p : group.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            AdagradParamState state = paramState(p);
            // step_t += 1; step = _get_value(step_t)
            long step = ++state.step;
            if (h.maximize) {
                // grad = -grad
                grad = grad.neg();
            }
            if (h.weightDecay != 0) {
                // grad = grad.add(param, alpha=weight_decay)
                grad = torch.add_out(temporary(p, GRAD), grad, param, weightDecay);
            }
            // clr = lr / (1 + (step - 1) * lr_decay)
            double clr = h.lr / (1 + (step - 1) * h.lrDecay);
            org.bytedeco.pytorch.Tensor sum = state.sum.nativeTensor();
            // state_sum.addcmul_(grad, grad, value=1)
            sum.addcmul_(grad, grad, one);
            // std = state_sum.sqrt().add_(eps)
            org.bytedeco.pytorch.Tensor std = torch.sqrt_out(temporary(p, STD), sum).add_(eps);
            // param.addcdiv_(grad, std, value=-clr)
            param.addcdiv_(grad, std, scalar(-clr));
        }
    }
}
