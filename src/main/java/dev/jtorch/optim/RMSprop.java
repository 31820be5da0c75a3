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
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.optim.RMSprop.html">torch.optim.RMSprop</a>.
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
    ParamState newState() {
        return new RMSpropParamState();
    }

    /** A group's options as {@code RMSprop.step} reads them: {@code group['lr']}, {@code group['alpha']}, ... */
    private record Hyper(double lr, double alpha, double eps, double weightDecay, double momentum, boolean centered,
            boolean maximize) {
        static Hyper of(ParamGroup g) {
            return new Hyper(g.lr(), g.getDouble("alpha"), g.getDouble("eps"), g.getDouble("weight_decay"),
                    g.getDouble("momentum"), g.getBoolean("centered"), g.getBoolean("maximize"));
        }
    }

    /** Scratch slots of the update: the gradient plus weight decay, and {@code avg}. */
    private static final int GRAD = 0;
    private static final int AVG = 1;

    /**
     * PyTorch 1.13's {@code _single_tensor_rmsprop}, line by line; numbers become cached native scalars through
     * {@link #scalar}, and the tensors PyTorch allocates ({@code grad.add(...)}, {@code avg}) are written into reused
     * memory from {@link #temporary}.
     */
    @Override
    protected void update(ParamGroup group) {
        Hyper h = Hyper.of(group);
        // the group's constants, as native scalars fetched once
        Scalar weightDecay = scalar(h.weightDecay);
        Scalar alpha = scalar(h.alpha);
        Scalar oneMinusAlpha = scalar(1 - h.alpha);
        Scalar minusOne = scalar(-1);
        Scalar eps = scalar(h.eps);
        Scalar momentum = scalar(h.momentum);
        Scalar minusLr = scalar(-h.lr);
        for (Tensor p : group.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            RMSpropParamState state = paramState(p);
            if (state.isEmpty()) {
                state.init(zeros(param), h.momentum > 0 ? zeros(param) : null, h.centered ? zeros(param) : null);
            }
            // state['step'] += 1
            state.step++;
            if (h.maximize) {
                // grad = -grad
                grad = grad.neg();
            }
            if (h.weightDecay != 0) {
                // grad = grad.add(param, alpha=weight_decay)
                grad = torch.add_out(temporary(p, GRAD), grad, param, weightDecay);
            }
            org.bytedeco.pytorch.Tensor squareAvg = state.squareAvg.nativeTensor();
            // square_avg.mul_(alpha).addcmul_(grad, grad, value=1 - alpha)
            squareAvg.mul_(alpha).addcmul_(grad, grad, oneMinusAlpha);
            org.bytedeco.pytorch.Tensor avg;
            if (h.centered) {
                org.bytedeco.pytorch.Tensor gradAvg = state.gradAvg.nativeTensor();
                // grad_avg.mul_(alpha).add_(grad, alpha=1 - alpha)
                gradAvg.mul_(alpha).add_(grad, oneMinusAlpha);
                // avg = square_avg.addcmul(grad_avg, grad_avg, value=-1).sqrt_()
                avg = torch.addcmul_out(temporary(p, AVG), squareAvg, gradAvg, gradAvg, minusOne).sqrt_();
            } else {
                // avg = square_avg.sqrt()
                avg = torch.sqrt_out(temporary(p, AVG), squareAvg);
            }
            // avg = avg.add_(eps)
            avg = avg.add_(eps);
            if (h.momentum > 0) {
                org.bytedeco.pytorch.Tensor buf = state.momentumBuffer.nativeTensor();
                // buf.mul_(momentum).addcdiv_(grad, avg)
                buf.mul_(momentum).addcdiv_(grad, avg);
                // param.add_(buf, alpha=-lr)
                param.add_(buf, minusLr);
            } else {
                // param.addcdiv_(grad, avg, value=-lr)
                param.addcdiv_(grad, avg, minusLr);
            }
        }
    }
}
