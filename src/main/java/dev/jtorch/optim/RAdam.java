package dev.jtorch.optim;

import dev.jtorch.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code torch.optim.RAdam(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)}: Adam with the variance
 * of the adaptive learning rate rectified, with PyTorch's update. (PyTorch 1.13's RAdam has no {@code maximize}.)
 *
 * <pre>{@code
 * var optimizer = new RAdam(model.parameters(), new RAdam.Options(1e-3));
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.optim.RAdam.html">torch.optim.RAdam</a>.
 */
public class RAdam extends Optimizer {

    /** PyTorch's options and defaults for {@link RAdam}. */
    public static final class Options {
        final Map<String, Object> values = new LinkedHashMap<>();

        /** Options with PyTorch's defaults (lr 1e-3). */
        public Options() {
            this(1e-3);
        }

        /** Options with the learning rate. */
        public Options(double lr) {
            values.put("lr", lr);
            values.put("betas", new double[] {0.9, 0.999});
            values.put("eps", 1e-8);
            values.put("weight_decay", 0);
            values.put("foreach", null);
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
    }

    /** {@code optim.RAdam(params)} with PyTorch's defaults. */
    public RAdam(Collection<? extends Tensor> params) {
        this(params, new Options());
    }

    /** {@code optim.RAdam(params, ...)}. */
    public RAdam(Collection<? extends Tensor> params, Options options) {
        super("RAdam", params, options.values);
    }

    /** {@code optim.RAdam([group, ...], ...)} with per-group options. */
    public RAdam(List<ParamGroup> groups, Options options) {
        super("RAdam", groups, options.values);
    }

    @Override
    protected void validate(ParamGroup g) {
        requireAtLeastZero(g, "lr", "Invalid learning rate");
        requireAtLeastZero(g, "eps", "Invalid epsilon value");
        requireBetas(g);
        requireAtLeastZero(g, "weight_decay", "Invalid weight_decay value");
    }

    @Override
    ParamState newState() {
        return new AdamParamState();
    }

    /**
     * PyTorch 1.13's {@code _single_tensor_radam}, line by line (Python's {@code number / tensor} is
     * {@code tensor.reciprocal() * number}, as in PyTorch).
     */
    @Override
    protected void update(ParamGroup group) {
        double[] betas = group.getDoubles("betas");
        double beta1 = betas[0];
        double beta2 = betas[1];
        double lr = group.lr();
        double weightDecay = group.getDouble("weight_decay");
        double eps = group.getDouble("eps");
        for (Tensor p : group.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            AdamParamState state = paramState(p);
            if (state.isEmpty()) {
                state.init(0, zeros(param), zeros(param), null);
            }
            // step_t += 1; step = step_t.item()
            long step = ++state.step;
            double biasCorrection1 = 1 - Math.pow(beta1, step);
            double biasCorrection2 = 1 - Math.pow(beta2, step);
            if (weightDecay != 0) {
                // grad = grad.add(param, alpha=weight_decay)
                grad = grad.add(param, scalar(weightDecay));
            }
            org.bytedeco.pytorch.Tensor expAvg = state.expAvg.nativeTensor();
            org.bytedeco.pytorch.Tensor expAvgSq = state.expAvgSq.nativeTensor();
            // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
            expAvg.mul_(scalar(beta1)).add_(grad, scalar(1 - beta1));
            // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            expAvgSq.mul_(scalar(beta2)).addcmul_(grad, grad, scalar(1 - beta2));
            // bias_corrected_exp_avg = exp_avg / bias_correction1
            org.bytedeco.pytorch.Tensor corrected = expAvg.div(scalar(biasCorrection1));
            // rho_inf = 2 / (1 - beta2) - 1
            double rhoInf = 2 / (1 - beta2) - 1;
            // rho_t = rho_inf - 2 * step * (beta2 ** step) / bias_correction2
            double rhoT = rhoInf - 2 * step * Math.pow(beta2, step) / biasCorrection2;
            if (rhoT > 5.) {
                // rect = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
                double rect = Math.sqrt((rhoT - 4) * (rhoT - 2) * rhoInf / ((rhoInf - 4) * (rhoInf - 2) * rhoT));
                // adaptive_lr = math.sqrt(bias_correction2) / exp_avg_sq.sqrt().add_(eps)
                org.bytedeco.pytorch.Tensor adaptiveLr = expAvgSq.sqrt().add_(scalar(eps)).reciprocal()
                        .mul(scalar(Math.sqrt(biasCorrection2)));
                // param.add_(bias_corrected_exp_avg * lr * adaptive_lr * rect, alpha=-1.0)
                param.add_(corrected.mul(scalar(lr)).mul(adaptiveLr).mul(scalar(rect)), scalar(-1.0));
            } else {
                // param.add_(bias_corrected_exp_avg * lr, alpha=-1.0)
                param.add_(corrected.mul(scalar(lr)), scalar(-1.0));
            }
        }
    }
}
