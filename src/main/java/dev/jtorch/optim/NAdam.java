package dev.jtorch.optim;

import dev.jtorch.DType;
import dev.jtorch.Tensor;
import dev.jtorch.Torch;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;

/**
 * {@code torch.optim.NAdam(params, lr=2e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0, momentum_decay=4e-3)}:
 * Adam with Nesterov momentum, with PyTorch's update. Its state keeps {@code mu_product}, the product of the
 * momentum cache, as a float32 scalar tensor, as PyTorch 1.13 does. (PyTorch 1.13's NAdam has no {@code maximize}.)
 *
 * <pre>{@code
 * var optimizer = new NAdam(model.parameters(), new NAdam.Options(2e-3).momentumDecay(4e-3));
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.optim.NAdam.html">torch.optim.NAdam</a>.
 */
public class NAdam extends Optimizer {

    /** PyTorch's options and defaults for {@link NAdam}. */
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
            values.put("momentum_decay", 4e-3);
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

        /** Python's {@code momentum_decay} (default 4e-3). */
        public Options momentumDecay(double momentumDecay) {
            values.put("momentum_decay", momentumDecay);
            return this;
        }
    }

    /** {@code optim.NAdam(params)} with PyTorch's defaults. */
    public NAdam(Collection<? extends Tensor> params) {
        this(params, new Options());
    }

    /** {@code optim.NAdam(params, ...)}. */
    public NAdam(Collection<? extends Tensor> params, Options options) {
        super("NAdam", params, options.values);
    }

    /** {@code optim.NAdam([group, ...], ...)} with per-group options. */
    public NAdam(List<ParamGroup> groups, Options options) {
        super("NAdam", groups, options.values);
    }

    @Override
    protected void validate(ParamGroup g) {
        requireAtLeastZero(g, "lr", "Invalid learning rate");
        requireAtLeastZero(g, "eps", "Invalid epsilon value");
        requireBetas(g);
        requireAtLeastZero(g, "weight_decay", "Invalid weight_decay value");
        requireAtLeastZero(g, "momentum_decay", "Invalid momentum_decay value");
    }

    @Override
    ParamState newState() {
        return new NAdamParamState();
    }

    @Override
    protected boolean isParamShaped(String key) {
        return !key.equals("step") && !key.equals("mu_product");
    }

    /**
     * PyTorch 1.13's {@code _single_tensor_nadam}, line by line; {@code mu_product} is updated as the scalar tensor
     * it is in PyTorch (float32 arithmetic), the rest in doubles as Python's floats.
     */
    @Override
    protected void update(ParamGroup group) {
        double[] betas = group.getDoubles("betas");
        double beta1 = betas[0];
        double beta2 = betas[1];
        double lr = group.lr();
        double weightDecay = group.getDouble("weight_decay");
        double momentumDecay = group.getDouble("momentum_decay");
        Scalar eps = scalar(group.getDouble("eps"));
        for (Tensor p : group.params()) {
            org.bytedeco.pytorch.Tensor param = p.nativeTensor();
            org.bytedeco.pytorch.Tensor grad = param.grad();
            if (!grad.defined()) {
                continue;
            }
            NAdamParamState state = paramState(p);
            if (state.isEmpty()) {
                // state['mu_product'] = torch.tensor(1.)
                state.init(Torch.scalarTensor(1.0, DType.FLOAT32).keep(), zeros(param), zeros(param));
            }
            // step_t += 1; step = step_t.item()
            long step = ++state.step;
            double biasCorrection2 = 1 - Math.pow(beta2, step);
            if (weightDecay != 0) {
                // grad = grad.add(param, alpha=weight_decay)
                grad = grad.add(param, scalar(weightDecay));
            }
            // mu = beta1 * (1. - 0.5 * (0.96 ** (step * momentum_decay)))
            double mu = beta1 * (1. - 0.5 * Math.pow(0.96, step * momentumDecay));
            // mu_next = beta1 * (1. - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
            double muNext = beta1 * (1. - 0.5 * Math.pow(0.96, (step + 1) * momentumDecay));
            org.bytedeco.pytorch.Tensor muProduct = state.muProduct.nativeTensor();
            // mu_product *= mu
            muProduct.mul_(scalar(mu));
            // mu_product_next = mu_product * mu * mu_next
            double muProductNext = muProduct.mul(scalar(mu)).mul(scalar(muNext)).item_double();
            org.bytedeco.pytorch.Tensor expAvg = state.expAvg.nativeTensor();
            org.bytedeco.pytorch.Tensor expAvgSq = state.expAvgSq.nativeTensor();
            // exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
            expAvg.mul_(scalar(beta1)).add_(grad, scalar(1 - beta1));
            // exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
            expAvgSq.mul_(scalar(beta2)).addcmul_(grad, grad, scalar(1 - beta2));
            // denom = exp_avg_sq.div(bias_correction2).sqrt().add_(eps)
            org.bytedeco.pytorch.Tensor denom = expAvgSq.div(scalar(biasCorrection2)).sqrt().add_(eps);
            // param.addcdiv_(grad, denom, value=-lr * (1. - mu) / (1. - mu_product.item()))
            param.addcdiv_(grad, denom, scalar(-lr * (1. - mu) / (1. - muProduct.item_double())));
            // param.addcdiv_(exp_avg, denom, value=-lr * mu_next / (1. - mu_product_next.item()))
            param.addcdiv_(expAvg, denom, scalar(-lr * muNext / (1. - muProductNext)));
        }
    }
}
