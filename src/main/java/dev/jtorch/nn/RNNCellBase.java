package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.internal.Ops;
import dev.jtorch.nn.init.Init;

/**
 * {@code torch.nn.RNNCellBase}: what {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share: the parameters
 * {@code weight_ih} (chunks*hidden, input), {@code weight_hh} (chunks*hidden, hidden) and, with bias,
 * {@code bias_ih} and {@code bias_hh}, initialised in that order from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size))
 * as PyTorch does.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.RNNCell.html">torch.nn.RNNCell</a>
 */
public abstract class RNNCellBase extends Module {
    private final long inputSize;
    private final long hiddenSize;
    private final boolean bias;
    /** Python's {@code weight_ih}, of shape (chunks*hidden_size, input_size). */
    public final Parameter weightIh;
    /** Python's {@code weight_hh}, of shape (chunks*hidden_size, hidden_size). */
    public final Parameter weightHh;
    /** Python's {@code bias_ih}, of shape (chunks*hidden_size), or null without bias. */
    public final Parameter biasIh;
    /** Python's {@code bias_hh}, of shape (chunks*hidden_size), or null without bias. */
    public final Parameter biasHh;

    RNNCellBase(long inputSize, long hiddenSize, boolean bias, long numChunks) {
        if (inputSize < 0 || hiddenSize < 0) {
            throw new IllegalArgumentException(getName() + ": input_size and hidden_size must not be negative, got "
                    + "input_size=" + inputSize + ", hidden_size=" + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.bias = bias;
        try (TensorScope s = new TensorScope(getName() + " init")) {
            weightIh = registerParameter("weight_ih", new Parameter(Torch.empty(numChunks * hiddenSize, inputSize)));
            weightHh = registerParameter("weight_hh", new Parameter(Torch.empty(numChunks * hiddenSize,
                    hiddenSize)));
            biasIh = bias ? registerParameter("bias_ih", new Parameter(Torch.empty(numChunks * hiddenSize))) : null;
            biasHh = bias ? registerParameter("bias_hh", new Parameter(Torch.empty(numChunks * hiddenSize))) : null;
            resetParameters();
        }
    }

    /** Python's {@code reset_parameters()}: U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)) over the parameters. */
    public void resetParameters() {
        double stdv = hiddenSize > 0 ? 1.0 / Math.sqrt(hiddenSize) : 0;
        for (Parameter p : parameters()) {
            Init.uniform_(p, -stdv, stdv);
        }
    }

    /** Python's {@code input_size}. */
    public long inputSize() {
        return inputSize;
    }

    /** Python's {@code hidden_size}. */
    public long hiddenSize() {
        return hiddenSize;
    }

    /** Python's {@code bias}. */
    public boolean bias() {
        return bias;
    }

    /** Checks the input is 1-D or 2-D, with PyTorch's words; returns whether it is batched. */
    boolean checkCellInput(Tensor input) {
        java.util.Objects.requireNonNull(input, "input");
        if (input.dim() != 1 && input.dim() != 2) {
            throw new IllegalArgumentException(getName() + ": Expected input to be 1-D or 2-D but received "
                    + input.dim() + "-D tensor");
        }
        return input.dim() == 2;
    }

    Tensor zeroState(Tensor input) {
        var i = Ops.h(input, "input");
        long n = input.size(0);
        return Ops.tensor(() -> i.new_zeros(n, hiddenSize));
    }

    @Override
    public String extraRepr() {
        return inputSize + ", " + hiddenSize + (bias ? "" : ", bias=False");
    }
}
