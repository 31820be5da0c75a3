package dev.jtorch.optim;

import dev.jtorch.Tensor;

/**
 * The state of one parameter of {@link Adadelta}, mirroring Python's {@code optimizer.state[p]} of
 * {@code torch.optim.Adadelta}: {@code step} (a plain int in PyTorch 1.13), {@code square_avg} and
 * {@code acc_delta}.
 */
final class AdadeltaParamState extends ParamState {
    long step;
    Tensor squareAvg;
    Tensor accDelta;

    /** Python's lazy state initialization in {@code Adadelta.step}. */
    void init(Tensor squareAvg, Tensor accDelta) {
        step = 0;
        present("step");
        this.squareAvg = squareAvg;
        present("square_avg");
        this.accDelta = accDelta;
        present("acc_delta");
    }

    @Override
    protected boolean isField(String key) {
        return switch (key) {
            case "step", "square_avg", "acc_delta" -> true;
            default -> false;
        };
    }

    @Override
    protected Object field(String key) {
        return switch (key) {
            case "step" -> step;
            case "square_avg" -> squareAvg;
            case "acc_delta" -> accDelta;
            default -> throw new IllegalArgumentException(key);
        };
    }

    @Override
    protected void setField(String key, Object value) {
        switch (key) {
            case "step" -> step = count(key, value);
            case "square_avg" -> squareAvg = tensor(key, value);
            case "acc_delta" -> accDelta = tensor(key, value);
            default -> throw new IllegalArgumentException(key);
        }
    }
}
