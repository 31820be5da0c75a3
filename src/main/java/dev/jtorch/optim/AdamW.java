package dev.jtorch.optim;

import dev.jtorch.Tensor;
import java.util.Collection;
import java.util.List;

/**
 * {@code torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2, amsgrad=False,
 * maximize=False)}: Adam with decoupled weight decay ({@code param *= 1 - lr * weight_decay} before the update).
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.optim.AdamW.html">torch.optim.AdamW</a>.
 */
public class AdamW extends Adam {

    /** PyTorch's options and defaults for {@link AdamW} (weight decay 1e-2). */
    public static class Options extends Adam.Options {
        /** Options with PyTorch's defaults (lr 1e-3, weight decay 1e-2). */
        public Options() {
            this(1e-3);
        }

        /** Options with the learning rate. */
        public Options(double lr) {
            super(lr, 1e-2);
            values.remove("fused");
            values.remove("differentiable");
            Object maximize = values.remove("maximize");
            Object foreach = values.remove("foreach");
            Object capturable = values.remove("capturable");
            values.put("foreach", foreach);
            values.put("maximize", maximize);
            values.put("capturable", capturable);
        }

        @Override
        public Options betas(double beta1, double beta2) {
            super.betas(beta1, beta2);
            return this;
        }

        @Override
        public Options eps(double eps) {
            super.eps(eps);
            return this;
        }

        @Override
        public Options weightDecay(double weightDecay) {
            super.weightDecay(weightDecay);
            return this;
        }

        @Override
        public Options amsgrad(boolean amsgrad) {
            super.amsgrad(amsgrad);
            return this;
        }

        @Override
        public Options maximize(boolean maximize) {
            super.maximize(maximize);
            return this;
        }
    }

    /** {@code optim.AdamW(params)} with PyTorch's defaults. */
    public AdamW(Collection<? extends Tensor> params) {
        this(params, new Options());
    }

    /** {@code optim.AdamW(params, ...)}. */
    public AdamW(Collection<? extends Tensor> params, Options options) {
        super("AdamW", params, options);
    }

    /** {@code optim.AdamW([group, ...], ...)}. */
    public AdamW(List<ParamGroup> groups, Options options) {
        super("AdamW", groups, options);
    }

    @Override
    boolean decoupledWeightDecay() {
        return true;
    }
}
