package dev.jtorch.optim;

import dev.jtorch.Tensor;

/**
 * The state of one parameter of {@link NAdam}, mirroring Python's {@code optimizer.state[p]} of
 * {@code torch.optim.NAdam}: {@code step}, {@code mu_product} (a scalar tensor), {@code exp_avg} and
 * {@code exp_avg_sq}.
 */
final class NAdamParamState extends ParamState {
    long step;
    Tensor muProduct;
    Tensor expAvg;
    Tensor expAvgSq;

    /** Python's lazy state initialization in {@code NAdam.step}. */
    void init(Tensor muProduct, Tensor expAvg, Tensor expAvgSq) {
        step = 0;
        present("step");
        this.muProduct = muProduct;
        present("mu_product");
        this.expAvg = expAvg;
        present("exp_avg");
        this.expAvgSq = expAvgSq;
        present("exp_avg_sq");
    }

    @Override
    protected boolean isField(String key) {
        return switch (key) {
            case "step", "mu_product", "exp_avg", "exp_avg_sq" -> true;
            default -> false;
        };
    }

    @Override
    protected Object field(String key) {
        return switch (key) {
            case "step" -> step;
            case "mu_product" -> muProduct;
            case "exp_avg" -> expAvg;
            case "exp_avg_sq" -> expAvgSq;
            default -> throw new IllegalArgumentException(key);
        };
    }

    @Override
    protected void setField(String key, Object value) {
        switch (key) {
            case "step" -> step = count(key, value);
            case "mu_product" -> muProduct = tensor(key, value);
            case "exp_avg" -> expAvg = tensor(key, value);
            case "exp_avg_sq" -> expAvgSq = tensor(key, value);
            default -> throw new IllegalArgumentException(key);
        }
    }
}
