package dev.jtorch.optim;

import dev.jtorch.Tensor;

/**
 * The state of one parameter of {@link Adagrad}, mirroring libtorch's {@code torch::optim::AdagradParamState} and
 * Python's {@code optimizer.state[p]} of {@code torch.optim.Adagrad}: {@code step} and {@code sum}, both made when
 * the optimizer is.
 */
final class AdagradParamState extends ParamState {
    long step;
    Tensor sum;

    /** Python's state initialization in {@code Adagrad.__init__}: step 0 and the initial accumulator. */
    void init(Tensor sum) {
        step = 0;
        present("step");
        this.sum = sum;
        present("sum");
    }

    @Override
    protected boolean isField(String key) {
        return key.equals("step") || key.equals("sum");
    }

    @Override
    protected Object field(String key) {
        return key.equals("step") ? (Object) step : sum;
    }

    @Override
    protected void setField(String key, Object value) {
        if (key.equals("step")) {
            step = count(key, value);
        } else {
            sum = tensor(key, value);
        }
    }
}
