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
        double[] betas = g.getDoubles("betas");
        if (betas.length != 2) {
            throw new IllegalArgumentException("betas must be a pair");
        }
        if (!(betas[0] >= 0.0 && betas[0] < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 0: " + py(betas[0]));
        }
        if (!(betas[1] >= 0.0 && betas[1] < 1.0)) {
            throw new IllegalArgumentException("Invalid beta parameter at index 1: " + py(betas[1]));
        }
        requireAtLeastZero(g, "weight_decay", "Invalid weight_decay value");
    }

    /** Whether weight decay is decoupled from the gradient (AdamW). */
    boolean decoupledWeightDecay() {
        return false;
    }

    @Override
    protected void update(ParamGroup g) {
        double lr = g.lr();
        double[] betas = g.getDoubles("betas");
        double beta1 = betas[0];
        double beta2 = betas[1];
        double eps = g.getDouble("eps");
        double weightDecay = g.getDouble("weight_decay");
        boolean amsgrad = g.getBoolean("amsgrad");
        boolean maximize = g.getBoolean("maximize");
        boolean decoupled = decoupledWeightDecay();
        Scalar sBeta1 = scalar(beta1);
        Scalar sOneMinusBeta1 = scalar(1 - beta1);
        Scalar sBeta2 = scalar(beta2);
        Scalar sOneMinusBeta2 = scalar(1 - beta2);
        Scalar sEps = scalar(eps);
        Scalar sWeightDecay = weightDecay == 0 ? null
                : scalar(decoupled ? 1 - lr * weightDecay : weightDecay);
        long scalarsStep = -1;
        Scalar sBiasCorrection2Sqrt = null;
        Scalar sMinusStepSize = null;
        for (Tensor p : g.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            Map<String, Object> st = state(p);
            if (st.isEmpty()) {
                st.put("step", 0L);
                st.put("exp_avg", own(torch.zeros_like(param)));
                st.put("exp_avg_sq", own(torch.zeros_like(param)));
                if (amsgrad) {
                    st.put("max_exp_avg_sq", own(torch.zeros_like(param)));
                }
            }
            long step = (Long) st.get("step") + 1;
            st.put("step", step);
            org.bytedeco.pytorch.Tensor expAvg = ((Tensor) st.get("exp_avg")).nativeTensor();
            org.bytedeco.pytorch.Tensor expAvgSq = ((Tensor) st.get("exp_avg_sq")).nativeTensor();
            if (maximize) {
                grad = grad.neg();
            }
            if (sWeightDecay != null) {
                if (decoupled) {
                    param.mul_(sWeightDecay);
                } else {
                    grad = torch.add_out(temporary(p, 0), grad, param, sWeightDecay);
                }
            }
            expAvg.mul_(sBeta1).add_(grad, sOneMinusBeta1);
            expAvgSq.mul_(sBeta2).addcmul_(grad, grad, sOneMinusBeta2);
            if (step != scalarsStep) {
                double biasCorrection1 = 1 - Math.pow(beta1, step);
                double biasCorrection2 = 1 - Math.pow(beta2, step);
                double stepSize = lr / biasCorrection1;
                // cached too: once the bias corrections reach 1.0 (after a few hundred steps) these stop changing
                sBiasCorrection2Sqrt = scalar(Math.sqrt(biasCorrection2));
                sMinusStepSize = scalar(-stepSize);
                scalarsStep = step;
            }
            org.bytedeco.pytorch.Tensor denom;
            if (amsgrad) {
                org.bytedeco.pytorch.Tensor maxSq = ((Tensor) st.get("max_exp_avg_sq")).nativeTensor();
                torch.maximum_out(maxSq, maxSq, expAvgSq);
                denom = torch.sqrt_out(temporary(p, 1), maxSq).div_(sBiasCorrection2Sqrt).add_(sEps);
            } else {
                denom = torch.sqrt_out(temporary(p, 1), expAvgSq).div_(sBiasCorrection2Sqrt).add_(sEps);
            }
            param.addcdiv_(expAvg, denom, sMinusStepSize);
        }
    }
}
