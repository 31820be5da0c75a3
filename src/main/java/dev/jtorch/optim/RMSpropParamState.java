package dev.jtorch.optim;

import dev.jtorch.Tensor;

/**
 * The state of one parameter of {@link RMSprop}, mirroring libtorch's {@code torch::optim::RMSpropParamState} and
 * Python's {@code optimizer.state[p]} of {@code torch.optim.RMSprop}: {@code step} (a plain int in PyTorch 1.13),
 * {@code square_avg}, and {@code momentum_buffer} with momentum, {@code grad_avg} when centered.
 */
final class RMSpropParamState extends ParamState {
    long step;
    Tensor squareAvg;
    Tensor momentumBuffer;
    Tensor gradAvg;

    /** Python's lazy state initialization in {@code RMSprop.step}: step 0 and zeroed averages. */
    void init(Tensor squareAvg, Tensor momentumBuffer, Tensor gradAvg) {
        step = 0;
        present("step");
        this.squareAvg = squareAvg;
        present("square_avg");
        if (momentumBuffer != null) {
            this.momentumBuffer = momentumBuffer;
            present("momentum_buffer");
        }
        if (gradAvg != null) {
            this.gradAvg = gradAvg;
            present("grad_avg");
        }
    }

    @Override
    protected boolean isField(String key) {
        return switch (key) {
            case "step", "square_avg", "momentum_buffer", "grad_avg" -> true;
            default -> false;
        };
    }

    @Override
    protected Object field(String key) {
        return switch (key) {
            case "step" -> step;
            case "square_avg" -> squareAvg;
            case "momentum_buffer" -> momentumBuffer;
            case "grad_avg" -> gradAvg;
            default -> throw new IllegalArgumentException(key);
        };
    }

    @Override
    protected void setField(String key, Object value) {
        switch (key) {
            case "step" -> step = count(key, value);
            case "square_avg" -> squareAvg = tensor(key, value);
            case "momentum_buffer" -> momentumBuffer = tensor(key, value);
            case "grad_avg" -> gradAvg = tensor(key, value);
            default -> throw new IllegalArgumentException(key);
        }
    }
}
