package dev.jtorch.optim;

import dev.jtorch.Tensor;

/**
 * The state of one parameter of {@link SGD}, mirroring libtorch's {@code torch::optim::SGDParamState} and Python's
 * {@code optimizer.state[p]} of {@code torch.optim.SGD}: {@code momentum_buffer} (None without momentum).
 */
final class SGDParamState extends ParamState {
    Tensor momentumBuffer;

    /** Python's {@code state['momentum_buffer'] = momentum_buffer}. */
    void momentumBuffer(Tensor buffer) {
        momentumBuffer = buffer;
        present("momentum_buffer");
    }

    @Override
    protected boolean isField(String key) {
        return key.equals("momentum_buffer");
    }

    @Override
    protected Object field(String key) {
        return momentumBuffer;
    }

    @Override
    protected void setField(String key, Object value) {
        momentumBuffer = tensor(key, value);
    }
}
