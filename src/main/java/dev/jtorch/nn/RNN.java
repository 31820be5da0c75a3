package dev.jtorch.nn;

import dev.jtorch.PyEnum;
import dev.jtorch.Tensor;
import dev.jtorch.nn.utils.rnn.PackedSequence;
import java.util.Objects;

/**
 * {@code torch.nn.RNN(input_size, hidden_size, num_layers=1, nonlinearity='tanh', bias=True, batch_first=False,
 * dropout=0, bidirectional=False)}: a multi-layer Elman RNN, {@code h_t = tanh(x_t W_ih^T + b_ih + h_(t-1) W_hh^T
 * + b_hh)} (or ReLU), run by libtorch's {@code rnn_tanh} / {@code rnn_relu} kernels. Parameter names, order,
 * shapes and initialisation are PyTorch's, so state dicts load both ways.
 *
 * <pre>{@code
 * var rnn = new RNN(10, 20, new RNN.Options().numLayers(2));   // nn.RNN(10, 20, num_layers=2)
 * RNN.Output r = rnn.forward(x, h0);                            // output, h_n = rnn(x, h0)
 * }</pre>
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.RNN.html">torch.nn.RNN</a>
 */
public class RNN extends RNNBase {
    /** Python's {@code nonlinearity} argument of {@code nn.RNN} and {@code nn.RNNCell}. */
    public enum Nonlinearity implements PyEnum {
        /** {@code 'tanh'} (the default). */
        TANH,
        /** {@code 'relu'}. */
        RELU;

        /** Python's spelling: {@code tanh} or {@code relu}. */
        @Override
        public String pythonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The same as {@link #pythonName()}. */
        @Override
        public String toString() {
            return pythonName();
        }
    }

    /** PyTorch's options and defaults for {@link RNN}; {@code nonlinearity} is tanh unless set. */
    public static final class Options extends RNNBase.Options<Options> {
        private Nonlinearity nonlinearity = Nonlinearity.TANH;

        /** Python's {@code nonlinearity} (default tanh). */
        public Options nonlinearity(Nonlinearity nonlinearity) {
            this.nonlinearity = Objects.requireNonNull(nonlinearity, "nonlinearity");
            return this;
        }

        /** Python's {@code nonlinearity}. */
        public Nonlinearity nonlinearity() {
            return nonlinearity;
        }
    }

    /**
     * Python's {@code (output, h_n)} for a padded input.
     *
     * @param output (L, N, D*H_out), (N, L, D*H_out) with batch_first, or (L, D*H_out) unbatched
     * @param hN the final hidden state, (D*num_layers, N, H_out), or (D*num_layers, H_out) unbatched
     */
    public record Output(Tensor output, Tensor hN) {}

    /**
     * Python's {@code (output, h_n)} for a packed input.
     *
     * @param output the packed output
     * @param hN the final hidden state in the caller's batch order, (D*num_layers, N, H_out)
     */
    public record PackedOutput(PackedSequence output, Tensor hN) {}

    private final Nonlinearity nonlinearity;

    /** {@code nn.RNN(input_size, hidden_size)}. */
    public RNN(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, new Options());
    }

    /** {@code nn.RNN(input_size, hidden_size, ...)} with options. */
    public RNN(long inputSize, long hiddenSize, Options options) {
        super(Objects.requireNonNull(options, "options").nonlinearity == Nonlinearity.RELU ? Mode.RNN_RELU
                : Mode.RNN_TANH, inputSize, hiddenSize, options);
        this.nonlinearity = options.nonlinearity;
    }

    /** Python's {@code nonlinearity}. */
    public Nonlinearity nonlinearity() {
        return nonlinearity;
    }

    /**
     * Python's {@code rnn(input, hx)}: {@code input} is (L, N, H_in), (N, L, H_in) with batch_first, or (L, H_in)
     * unbatched; {@code hx} the initial hidden state (D*num_layers, N, H_out) or null for zeros.
     */
    public Output forward(Tensor input, Tensor hx) {
        Tensor[] r = forwardSingleState(input, hx);
        return new Output(r[0], r[1]);
    }

    /** Python's {@code rnn(packed, hx)}: packed input gives packed output; {@code hx} may be null. */
    public PackedOutput forward(PackedSequence input, Tensor hx) {
        Tensor[] r = forwardSingleStatePacked(input, hx);
        return new PackedOutput(new PackedSequence(r[0], input.batchSizes(), input.sortedIndices(),
                input.unsortedIndices()), r[1]);
    }

    /** Python's {@code rnn(packed)}. */
    public PackedOutput forward(PackedSequence input) {
        return forward(input, null);
    }

    /**
     * Python's {@code rnn(input)[0]}: the output alone, so the module fits where one tensor is expected. Use
     * {@link #forward(Tensor, Tensor)} for {@code h_n} too.
     */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, (Tensor) null).output();
    }
}
