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
                    Map<String, Object> st = state(p);
                    if (st.isEmpty()) {
                        st.put("step", 0L);
                        st.put("sum", own(Ops.call(() -> torch.full_like(p.nativeTensor(), new Scalar(init)))));
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
    protected void update(ParamGroup g) {
        double lr = g.lr();
        double lrDecay = g.getDouble("lr_decay");
        double weightDecay = g.getDouble("weight_decay");
        double eps = g.getDouble("eps");
        boolean maximize = g.getBoolean("maximize");
        Scalar sWeightDecay = scalar(weightDecay);
        Scalar sOne = scalar(1);
        Scalar sEps = scalar(eps);
        for (Tensor p : g.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            Map<String, Object> st = state(p);
            long step = (Long) st.get("step") + 1;
            st.put("step", step);
            if (maximize) {
                grad = grad.neg();
            }
            if (weightDecay != 0) {
                grad = torch.add_out(temporary(p, 0), grad, param, sWeightDecay);
            }
            double clr = lr / (1 + (step - 1) * lrDecay);
            org.bytedeco.pytorch.Tensor sum = ((Tensor) st.get("sum")).nativeTensor();
            sum.addcmul_(grad, grad, sOne);
            org.bytedeco.pytorch.Tensor std = torch.sqrt_out(temporary(p, 1), sum).add_(sEps);
            param.addcdiv_(grad, std, scalar(-clr));
        }
    }
}
