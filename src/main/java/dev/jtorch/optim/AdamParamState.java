package dev.jtorch.optim;

import dev.jtorch.Tensor;

/**
 * The state of one parameter of {@link Adam} and {@link AdamW}, mirroring libtorch's
 * {@code torch::optim::AdamParamState} and Python's {@code optimizer.state[p]} of {@code torch.optim.Adam}:
 * {@code step}, {@code exp_avg}, {@code exp_avg_sq} and, with {@code amsgrad}, {@code max_exp_avg_sq}.
 */
final class AdamParamState extends ParamState {
    long step;
    Tensor expAvg;
    Tensor expAvgSq;
    Tensor maxExpAvgSq;

    /** Python's lazy state initialization in {@code Adam.step}: step 0 and zeroed moments. */
    void init(long step, Tensor expAvg, Tensor expAvgSq, Tensor maxExpAvgSq) {
        setField("step", step);
        present("step");
        setField("exp_avg", expAvg);
        present("exp_avg");
        setField("exp_avg_sq", expAvgSq);
        present("exp_avg_sq");
        if (maxExpAvgSq != null) {
            setField("max_exp_avg_sq", maxExpAvgSq);
            present("max_exp_avg_sq");
        }
    }

    @Override
    protected boolean isField(String key) {
        return switch (key) {
            case "step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq" -> true;
            default -> false;
        };
    }

    @Override
    protected Object field(String key) {
        return switch (key) {
            case "step" -> step;
            case "exp_avg" -> expAvg;
            case "exp_avg_sq" -> expAvgSq;
            case "max_exp_avg_sq" -> maxExpAvgSq;
            default -> throw new IllegalArgumentException(key);
        };
    }

    @Override
    protected void setField(String key, Object value) {
        switch (key) {
            case "step" -> step = count(key, value);
            case "exp_avg" -> expAvg = tensor(key, value);
            case "exp_avg_sq" -> expAvgSq = tensor(key, value);
            case "max_exp_avg_sq" -> maxExpAvgSq = tensor(key, value);
            default -> throw new IllegalArgumentException(key);
        }
    }
}
