package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.utils.rnn.PackedSequence;
import java.util.Objects;

/**
 * {@code torch.nn.GRU(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0,
 * bidirectional=False)}: a multi-layer gated recurrent unit, run by libtorch's {@code gru} kernel. Parameter
 * names, order, shapes and initialisation are PyTorch's ({@code weight_ih_l0} holds W_ir|W_iz|W_in), so state
 * dicts load both ways.
 *
 * <pre>{@code
 * var gru = new GRU(10, 20, new GRU.Options().batchFirst(true));   // nn.GRU(10, 20, batch_first=True)
 * GRU.Output r = gru.forward(x, null);                              // output, h_n = gru(x)
 * }</pre>
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.GRU.html">torch.nn.GRU</a>
 */
public class GRU extends RNNBase {
    /** PyTorch's options and defaults for {@link GRU}. */
    public static final class Options extends RNNBase.Options<Options> {}

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
     * @param hN the final hidden state in the caller's batch order
     */
    public record PackedOutput(PackedSequence output, Tensor hN) {}

    /** {@code nn.GRU(input_size, hidden_size)}. */
    public GRU(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, new Options());
    }

    /** {@code nn.GRU(input_size, hidden_size, ...)} with options. */
    public GRU(long inputSize, long hiddenSize, Options options) {
        super(Mode.GRU, inputSize, hiddenSize, Objects.requireNonNull(options, "options"));
    }

    /**
     * Python's {@code gru(input, hx)}: {@code input} is (L, N, H_in), (N, L, H_in) with batch_first, or (L, H_in)
     * unbatched; {@code hx} the initial hidden state or null for zeros.
     */
    public Output forward(Tensor input, Tensor hx) {
        Tensor[] r = forwardSingleState(input, hx);
        return new Output(r[0], r[1]);
    }

    /** Python's {@code gru(packed, hx)}: packed input gives packed output; {@code hx} may be null. */
    public PackedOutput forward(PackedSequence input, Tensor hx) {
        Tensor[] r = forwardSingleStatePacked(input, hx);
        return new PackedOutput(new PackedSequence(r[0], input.batchSizes(), input.sortedIndices(),
                input.unsortedIndices()), r[1]);
    }

    /** Python's {@code gru(packed)}. */
    public PackedOutput forward(PackedSequence input) {
        return forward(input, null);
    }

    /**
     * Python's {@code gru(input)[0]}: the output alone. Use {@link #forward(Tensor, Tensor)} for {@code h_n} too.
     */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, (Tensor) null).output();
    }
}
