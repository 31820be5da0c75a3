package dev.jtorch.optim;

import dev.jtorch.Tensor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.optim.Adamax(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, maximize=False)}: Adam
 * with the infinity norm, with PyTorch's update.
 *
 * <pre>{@code
 * var optimizer = new Adamax(model.parameters(), new Adamax.Options(2e-3).weightDecay(1e-4));
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.optim.Adamax.html">torch.optim.Adamax</a>.
 */
public class Adamax extends Optimizer {

    /** PyTorch's options and defaults for {@link Adamax}. */
    public static final class Options {
        final Map<String, Object> values = new LinkedHashMap<>();

        /** Options with PyTorch's defaults (lr 2e-3). */
        public Options() {
            this(2e-3);
        }

        /** Options with the learning rate. */
        public Options(double lr) {
            values.put("lr", lr);
            values.put("betas", new double[] {0.9, 0.999});
            values.put("eps", 1e-8);
            values.put("weight_decay", 0);
            values.put("foreach", null);
            values.put("maximize", false);
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

        /** Python's {@code maximize} (default false). */
        public Options maximize(boolean maximize) {
            values.put("maximize", maximize);
            return this;
        }
    }

    /** {@code optim.Adamax(params)} with PyTorch's defaults. */
    public Adamax(Collection<? extends Tensor> params) {
        this(params, new Options());
    }

    /** {@code optim.Adamax(params, ...)}. */
    public Adamax(Collection<? extends Tensor> params, Options options) {
        super("Adamax", params, options.values);
    }

    /** {@code optim.Adamax([group, ...], ...)} with per-group options. */
    public Adamax(List<ParamGroup> groups, Options options) {
        super("Adamax", groups, options.values);
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
        return new AdamaxParamState();
    }

    /**
     * PyTorch 1.13's {@code _single_tensor_adamax}, line by line; numbers become cached native scalars through
     * {@link #scalar}.
     */
    @Override
    protected void update(ParamGroup group) {
        double[] betas = group.getDoubles("betas");
        double lr = group.lr();
        double weightDecay = group.getDouble("weight_decay");
        boolean maximize = group.getBoolean("maximize");
        Scalar beta1 = scalar(betas[0]);
        Scalar oneMinusBeta1 = scalar(1 - betas[0]);
        Scalar beta2 = scalar(betas[1]);
        Scalar eps = scalar(group.getDouble("eps"));
        for (Tensor p : group.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            AdamaxParamState state = paramState(p);
            if (state.isEmpty()) {
                state.init(zeros(param), zeros(param));
            }
            // grad = grad if not maximize else -grad
            if (maximize) {
                grad = grad.neg();
            }
            // step_t += 1; step = step_t.item()
            long step = ++state.step;
            if (weightDecay != 0) {
                // grad = grad.add(param, alpha=weight_decay)
                grad = grad.add(param, scalar(weightDecay));
            }
            org.bytedeco.pytorch.Tensor expAvg = state.expAvg.nativeTensor();
            org.bytedeco.pytorch.Tensor expInf = state.expInf.nativeTensor();
            // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
            expAvg.mul_(beta1).add_(grad, oneMinusBeta1);
            // norm_buf = torch.cat([exp_inf.mul_(beta2).unsqueeze(0), grad.abs().add_(eps).unsqueeze_(0)], 0)
            org.bytedeco.pytorch.Tensor normBuf = torch.cat(new TensorVector(expInf.mul_(beta2).unsqueeze(0),
                    grad.abs().add_(eps).unsqueeze_(0)), 0);
            // torch.amax(norm_buf, 0, keepdim=False, out=exp_inf)
            torch.amax_out(expInf, normBuf, new long[] {0}, false);
            // bias_correction = 1 - beta1 ** step; clr = lr / bias_correction
            double clr = lr / (1 - Math.pow(betas[0], step));
            // param.addcdiv_(exp_avg, exp_inf, value=-clr)
            param.addcdiv_(expAvg, expInf, scalar(-clr));
        }
    }
}
