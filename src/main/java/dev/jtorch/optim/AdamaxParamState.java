package dev.jtorch.optim;

import dev.jtorch.Tensor;

/**
 * The state of one parameter of {@link Adamax}, mirroring Python's {@code optimizer.state[p]} of
 * {@code torch.optim.Adamax}: {@code step}, {@code exp_avg} and {@code exp_inf}.
 */
final class AdamaxParamState extends ParamState {
    long step;
    Tensor expAvg;
    Tensor expInf;

    /** Python's lazy state initialization in {@code Adamax.step}: step 0 and zeroed moments. */
    void init(Tensor expAvg, Tensor expInf) {
        step = 0;
        present("step");
        this.expAvg = expAvg;
        present("exp_avg");
        this.expInf = expInf;
        present("exp_inf");
    }

    @Override
    protected boolean isField(String key) {
        return switch (key) {
            case "step", "exp_avg", "exp_inf" -> true;
            default -> false;
        };
    }

    @Override
    protected Object field(String key) {
        return switch (key) {
            case "step" -> step;
            case "exp_avg" -> expAvg;
            case "exp_inf" -> expInf;
            default -> throw new IllegalArgumentException(key);
        };
    }

    @Override
    protected void setField(String key, Object value) {
        switch (key) {
            case "step" -> step = count(key, value);
            case "exp_avg" -> expAvg = tensor(key, value);
            case "exp_inf" -> expInf = tensor(key, value);
            default -> throw new IllegalArgumentException(key);
        }
    }
}
