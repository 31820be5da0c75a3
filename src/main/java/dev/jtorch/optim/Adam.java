package dev.jtorch.optim;

import dev.jtorch.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.optim.Adam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, amsgrad=False,
 * maximize=False)} with PyTorch's update (L2 weight decay added to the gradient, bias-corrected moments).
 *
 * <pre>{@code
 * var optimizer = new Adam(model.parameters(), new Adam.Options(1e-3).weightDecay(1e-5));
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adam.html">torch.optim.Adam</a>.
 */
public class Adam extends Optimizer {

    /** PyTorch's options and defaults for {@link Adam}. */
    public static class Options {
        final Map<String, Object> values = new LinkedHashMap<>();

        /** Options with PyTorch's defaults (lr 1e-3). */
        public Options() {
            this(1e-3);
        }

        /** Options with the learning rate. */
        public Options(double lr) {
            this(lr, 0);
        }

        Options(double lr, Object weightDecay) {
            values.put("lr", lr);
            values.put("betas", new double[] {0.9, 0.999});
            values.put("eps", 1e-8);
            values.put("weight_decay", weightDecay);
            values.put("amsgrad", false);
            values.put("maximize", false);
            values.put("foreach", null);
            values.put("capturable", false);
            values.put("differentiable", false);
            values.put("fused", false);
        }

        /** Python's {@code betas} (default (0.9, 0.999)). */
        public Options betas(double beta1, double beta2) {
            values.put("betas", new double[] {beta1, beta2});
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

        /** Python's {@code amsgrad} (default false). */
        public Options amsgrad(boolean amsgrad) {
            values.put("amsgrad", amsgrad);
            return this;
        }

        /** Python's {@code maximize} (default false). */
        public Options maximize(boolean maximize) {
            values.put("maximize", maximize);
            return this;
        }
    }

    /** {@code optim.Adam(params)} with PyTorch's defaults. */
    public Adam(Collection<? extends Tensor> params) {
        this(params, new Options());
    }

    /** {@code optim.Adam(params, ...)}. */
    public Adam(Collection<? extends Tensor> params, Options options) {
        this("Adam", params, options);
    }

    /** {@code optim.Adam([group, ...], ...)} with per-group options. */
    public Adam(List<ParamGroup> groups, Options options) {
        this("Adam", groups, options);
    }

    Adam(String name, Collection<? extends Tensor> params, Options options) {
        super(name, params, options.values);
    }

    Adam(String name, List<ParamGroup> groups, Options options) {
        super(name, groups, options.values);
    }

    @Override
    protected void validate(ParamGroup g) {
        requireAtLeastZero(g, "lr", "Invalid learning rate");
        requireAtLeastZero(g, "eps", "Invalid epsilon value");
        requireBetas(g);
        requireAtLeastZero(g, "weight_decay", "Invalid weight_decay value");
    }

    /** Whether weight decay is decoupled from the gradient (AdamW). */
    boolean decoupledWeightDecay() {
        return false;
    }

    @Override
    ParamState newState() {
        return new AdamParamState();
    }

    /** A group's options as {@code Adam.step} reads them: {@code group['lr']}, {@code group['betas']}, ... */
    record Hyper(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
            boolean maximize) {
        static Hyper of(ParamGroup g) {
            double lr = g.lr();
            double[] betas = g.getDoubles("betas");
            return new Hyper(lr, betas[0], betas[1], g.getDouble("eps"), g.getDouble("weight_decay"),
                    g.getBoolean("amsgrad"), g.getBoolean("maximize"));
        }
    }

    /** Scratch slots of the update: the gradient plus weight decay, and the denominator. */
    private static final int GRAD = 0;
    private static final int DENOM = 1;

    /**
     * PyTorch 1.13's {@code _single_tensor_adam} (and, with {@link #decoupledWeightDecay()},
     * {@code _single_tensor_adamw}), line by line. The speed machinery stays out of the arithmetic: numbers become
     * cached native scalars through {@link #scalar}, and the two tensors PyTorch allocates per parameter
     * ({@code grad.add(...)}, {@code denom}) are written into reused memory from {@link #temporary}.
     */
    @Override
    protected void update(ParamGroup group) {
        Hyper h = Hyper.of(group);
        boolean decoupled = decoupledWeightDecay();
        // the group's constants, as native scalars fetched once
        Scalar beta1 = scalar(h.beta1);
        Scalar oneMinusBeta1 = scalar(1 - h.beta1);
        Scalar beta2 = scalar(h.beta2);
        Scalar oneMinusBeta2 = scalar(1 - h.beta2);
        Scalar eps = scalar(h.eps);
        Scalar weightDecay = h.weightDecay == 0 ? null
                : scalar(decoupled ? 1 - h.lr * h.weightDecay : h.weightDecay);
        for (Tensor p : group.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            AdamParamState state = paramState(p);
            if (state.isEmpty()) {
                state.init(0, zeros(param), zeros(param), h.amsgrad ? zeros(param) : null);
            }
            // step_t += 1
            long step = ++state.step;
            org.bytedeco.pytorch.Tensor expAvg = state.expAvg.nativeTensor();
            org.bytedeco.pytorch.Tensor expAvgSq = state.expAvgSq.nativeTensor();
            if (h.maximize) {
                // grad = -grads[i]
                grad = grad.neg();
            }
            if (weightDecay != null) {
                if (decoupled) {
                    // param.mul_(1 - lr * weight_decay)
                    param.mul_(weightDecay);
                } else {
                    // grad = grad.add(param, alpha=weight_decay)
                    grad = torch.add_out(temporary(p, GRAD), grad, param, weightDecay);
                }
            }
            // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
            expAvg.mul_(beta1).add_(grad, oneMinusBeta1);
            // exp_avg_sq.mul_(beta2).addcmul_(grad, grad.conj(), value=1 - beta2)
            expAvgSq.mul_(beta2).addcmul_(grad, grad, oneMinusBeta2);
            // bias_correction1 = 1 - beta1 ** step
            double biasCorrection1 = 1 - Math.pow(h.beta1, step);
            // bias_correction2 = 1 - beta2 ** step
            double biasCorrection2 = 1 - Math.pow(h.beta2, step);
            // step_size = lr / bias_correction1
            double stepSize = h.lr / biasCorrection1;
            // bias_correction2_sqrt = _dispatch_sqrt(bias_correction2)
            double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
            org.bytedeco.pytorch.Tensor denom;
            if (h.amsgrad) {
                org.bytedeco.pytorch.Tensor maxExpAvgSq = state.maxExpAvgSq.nativeTensor();
                // torch.maximum(max_exp_avg_sqs[i], exp_avg_sq, out=max_exp_avg_sqs[i])
                torch.maximum_out(maxExpAvgSq, maxExpAvgSq, expAvgSq);
                // denom = (max_exp_avg_sqs[i].sqrt() / bias_correction2_sqrt).add_(eps)
                denom = torch.sqrt_out(temporary(p, DENOM), maxExpAvgSq)
                        .div_(scalar(biasCorrection2Sqrt)).add_(eps);
            } else {
                // denom = (exp_avg_sq.sqrt() / bias_correction2_sqrt).add_(eps)
                denom = torch.sqrt_out(temporary(p, DENOM), expAvgSq)
                        .div_(scalar(biasCorrection2Sqrt)).add_(eps);
            }
            // param.addcdiv_(exp_avg, denom, value=-step_size)
            param.addcdiv_(expAvg, denom, scalar(-stepSize));
        }
    }
}
