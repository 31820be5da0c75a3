package dev.jtorch.optim;

import dev.jtorch.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.optim.RMSprop(params, lr=1e-2, alpha=0.99, eps=1e-8, weight_decay=0, momentum=0, centered=False,
 * maximize=False)} with PyTorch's update.
 */
public class RMSprop extends Optimizer {

    /** PyTorch's options and defaults for {@link RMSprop}. */
    public static final class Options {
        private final Map<String, Object> values = new LinkedHashMap<>();

        /** Options with PyTorch's defaults (lr 1e-2). */
        public Options() {
            this(1e-2);
        }

        /** Options with the learning rate. */
        public Options(double lr) {
            values.put("lr", lr);
            values.put("momentum", 0);
            values.put("alpha", 0.99);
            values.put("eps", 1e-8);
            values.put("centered", false);
            values.put("weight_decay", 0);
            values.put("foreach", null);
            values.put("maximize", false);
            values.put("differentiable", false);
        }

        /** Python's {@code alpha}: smoothing constant (default 0.99). */
        public Options alpha(double alpha) {
            values.put("alpha", alpha);
            return this;
        }

        /** Python's {@code eps} (default 1e-8). */
        public Options eps(double eps) {
            values.put("eps", eps);
            return this;
        }

        /** Python's {@code weight_decay} (default 0). */
        public Options weightDecay(double weightDecay) {
            values.put("weight_decay", weightDecay);
            return this;
        }

        /** Python's {@code momentum} (default 0). */
        public Options momentum(double momentum) {
            values.put("momentum", momentum);
            return this;
        }

        /** Python's {@code centered}: normalise by the estimated variance (default false). */
        public Options centered(boolean centered) {
            values.put("centered", centered);
            return this;
        }

        /** Python's {@code maximize} (default false). */
        public Options maximize(boolean maximize) {
            values.put("maximize", maximize);
            return this;
        }
    }

    /** {@code optim.RMSprop(params)} with PyTorch's defaults. */
    public RMSprop(Collection<? extends Tensor> params) {
        this(params, new Options());
    }

    /** {@code optim.RMSprop(params, ...)}. */
    public RMSprop(Collection<? extends Tensor> params, Options options) {
        super("RMSprop", params, options.values);
    }

    /** {@code optim.RMSprop([group, ...], ...)}. */
    public RMSprop(List<ParamGroup> groups, Options options) {
        super("RMSprop", groups, options.values);
    }

    @Override
    protected boolean stepIsTensor() {
        return false;
    }

    @Override
    protected void validate(ParamGroup g) {
        requireAtLeastZero(g, "lr", "Invalid learning rate");
        requireAtLeastZero(g, "eps", "Invalid epsilon value");
        requireAtLeastZero(g, "momentum", "Invalid momentum value");
        requireAtLeastZero(g, "weight_decay", "Invalid weight_decay value");
        requireAtLeastZero(g, "alpha", "Invalid alpha value");
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr();
        double alpha = g.getDouble("alpha");
        double eps = g.getDouble("eps");
        double weightDecay = g.getDouble("weight_decay");
        double momentum = g.getDouble("momentum");
        boolean centered = g.getBoolean("centered");
        boolean maximize = g.getBoolean("maximize");
        Scalar sWeightDecay = scalar(weightDecay);
        Scalar sAlpha = scalar(alpha);
        Scalar sOneMinusAlpha = scalar(1 - alpha);
        Scalar sMinusOne = scalar(-1);
        Scalar sEps = scalar(eps);
        Scalar sMomentum = scalar(momentum);
        Scalar sMinusLr = scalar(-lr);
        for (Tensor p : g.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            Map<String, Object> st = state(p);
            if (st.isEmpty()) {
                st.put("step", 0L);
                st.put("square_avg", own(torch.zeros_like(param)));
                if (momentum > 0) {
                    st.put("momentum_buffer", own(torch.zeros_like(param)));
                }
                if (centered) {
                    st.put("grad_avg", own(torch.zeros_like(param)));
                }
            }
            st.put("step", (Long) st.get("step") + 1);
            if (maximize) {
                grad = grad.neg();
            }
            if (weightDecay != 0) {
                grad = torch.add_out(temporary(p, 0), grad, param, sWeightDecay);
            }
            org.bytedeco.pytorch.Tensor squareAvg = ((Tensor) st.get("square_avg")).nativeTensor();
            squareAvg.mul_(sAlpha).addcmul_(grad, grad, sOneMinusAlpha);
            org.bytedeco.pytorch.Tensor avg;
            if (centered) {
                org.bytedeco.pytorch.Tensor gradAvg = ((Tensor) st.get("grad_avg")).nativeTensor();
                gradAvg.mul_(sAlpha).add_(grad, sOneMinusAlpha);
                avg = torch.addcmul_out(temporary(p, 1), squareAvg, gradAvg, gradAvg, sMinusOne).sqrt_();
            } else {
                avg = torch.sqrt_out(temporary(p, 1), squareAvg);
            }
            avg = avg.add_(sEps);
            if (momentum > 0) {
                org.bytedeco.pytorch.Tensor buf = ((Tensor) st.get("momentum_buffer")).nativeTensor();
                buf.mul_(sMomentum).addcdiv_(grad, avg);
                param.add_(buf, sMinusLr);
            } else {
                param.addcdiv_(grad, avg, sMinusLr);
            }
        }
    }
}
