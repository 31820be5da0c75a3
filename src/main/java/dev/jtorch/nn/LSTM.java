package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.TorchException;
import dev.jtorch.nn.utils.rnn.PackedSequence;
import java.util.Objects;

/**
 * {@code torch.nn.LSTM(input_size, hidden_size, num_layers=1, bias=True, batch_first=False, dropout=0,
 * bidirectional=False, proj_size=0)}: a multi-layer long short-term memory network, run by libtorch's
 * {@code lstm} kernel. Parameter names, order, shapes and initialisation are PyTorch's ({@code weight_ih_l0}
 * holds W_ii|W_if|W_ig|W_io; {@code weight_hr_l0} with a projection), so state dicts load both ways.
 *
 * <pre>{@code
 * var lstm = new LSTM(10, 20, new LSTM.Options().numLayers(2).batchFirst(true));
 *                                                    // nn.LSTM(10, 20, num_layers=2, batch_first=True)
 * LSTM.Output r = lstm.forward(x, h0, c0);           // output, (h_n, c_n) = lstm(x, (h0, c0))
 * }</pre>
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.LSTM.html">torch.nn.LSTM</a>
 */
public class LSTM extends RNNBase {
    /** PyTorch's options and defaults for {@link LSTM}, with {@code proj_size}. */
    public static final class Options extends RNNBase.Options<Options> {
        /** Python's {@code proj_size}: project h to this size with {@code weight_hr} (default 0: none). */
        public Options projSize(long projSize) {
            this.projSize = projSize;
            return this;
        }

        /** Python's {@code proj_size}. */
        public long projSize() {
            return projSize;
        }
    }

    /**
     * Python's {@code (output, (h_n, c_n))} for a padded input.
     *
     * @param output (L, N, D*H_out), (N, L, D*H_out) with batch_first, or (L, D*H_out) unbatched
     * @param hN the final hidden state, (D*num_layers, N, H_out), or (D*num_layers, H_out) unbatched
     * @param cN the final cell state, (D*num_layers, N, H_cell), or (D*num_layers, H_cell) unbatched
     */
    public record Output(Tensor output, Tensor hN, Tensor cN) {}

    /**
     * Python's {@code (output, (h_n, c_n))} for a packed input.
     *
     * @param output the packed output
     * @param hN the final hidden state in the caller's batch order
     * @param cN the final cell state in the caller's batch order
     */
    public record PackedOutput(PackedSequence output, Tensor hN, Tensor cN) {}

    /** {@code nn.LSTM(input_size, hidden_size)}. */
    public LSTM(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, new Options());
    }

    /** {@code nn.LSTM(input_size, hidden_size, ...)} with options. */
    public LSTM(long inputSize, long hiddenSize, Options options) {
        super(Mode.LSTM, inputSize, hiddenSize, Objects.requireNonNull(options, "options"));
    }

    private long[] expectedCellSize(Tensor input, Tensor batchSizes) {
        return new long[] {numLayers() * numDirections(), miniBatch(input, batchSizes), hiddenSize()};
    }

    private static void checkPair(Tensor h0, Tensor c0) {
        if ((h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException("LSTM: give both h_0 and c_0, or neither (Python's hx is a pair)");
        }
    }

    /**
     * Python's {@code lstm(input, (h_0, c_0))}: {@code input} is (L, N, H_in), (N, L, H_in) with batch_first, or
     * (L, H_in) unbatched; {@code h0} and {@code c0} the initial states, both null for zeros.
     */
    public Output forward(Tensor input, Tensor h0, Tensor c0) {
        Objects.requireNonNull(input, "input");
        checkPair(h0, c0);
        boolean batched = input.dim() == 3;
        int batchDim = batchFirst() ? 0 : 1;
        Tensor in = batched ? input : input.unsqueeze(batchDim);
        long maxBatch = batchFirst() ? in.size(0) : in.size(1);
        Tensor h;
        Tensor c;
        if (h0 == null) {
            long real = projSize() > 0 ? projSize() : hiddenSize();
            h = RNNForward.zerosLike(in, numLayers() * numDirections(), maxBatch, real);
            c = RNNForward.zerosLike(in, numLayers() * numDirections(), maxBatch, hiddenSize());
        } else if (batched) {
            if (h0.dim() != 3 || c0.dim() != 3) {
                throw new TorchException("For batched 3-D input, hx and cx should also be 3-D but got (" + h0.dim()
                        + "-D, " + c0.dim() + "-D) tensors");
            }
            h = h0;
            c = c0;
        } else {
            if (h0.dim() != 2 || c0.dim() != 2) {
                throw new TorchException("For unbatched 2-D input, hx and cx should also be 2-D but got ("
                        + h0.dim() + "-D, " + c0.dim() + "-D) tensors");
            }
            h = h0.unsqueeze(1);
            c = c0.unsqueeze(1);
        }
        checkInput(in, false);
        RNNForward.checkHiddenSize(h, expectedHiddenSize(in, null), "hidden[0]");
        RNNForward.checkHiddenSize(c, expectedCellSize(in, null), "hidden[1]");
        Tensor[] r = runKernel(in, null, h, c);
        if (!batched) {
            return new Output(r[0].squeeze(batchDim), r[1].squeeze(1), r[2].squeeze(1));
        }
        return new Output(r[0], r[1], r[2]);
    }

    /** Python's {@code lstm(packed, (h_0, c_0))}: packed input gives packed output; both states may be null. */
    public PackedOutput forward(PackedSequence input, Tensor h0, Tensor c0) {
        Objects.requireNonNull(input, "input");
        checkPair(h0, c0);
        Tensor data = input.data();
        Tensor batchSizes = input.batchSizes();
        long maxBatch = batchSizes.select(0, 0).itemLong();
        Tensor h;
        Tensor c;
        if (h0 == null) {
            long real = projSize() > 0 ? projSize() : hiddenSize();
            h = RNNForward.zerosLike(data, numLayers() * numDirections(), maxBatch, real);
            c = RNNForward.zerosLike(data, numLayers() * numDirections(), maxBatch, hiddenSize());
        } else {
            h = RNNForward.permute(h0, input.sortedIndices());
            c = RNNForward.permute(c0, input.sortedIndices());
        }
        checkInput(data, true);
        RNNForward.checkHiddenSize(h, expectedHiddenSize(data, batchSizes), "hidden[0]");
        RNNForward.checkHiddenSize(c, expectedCellSize(data, batchSizes), "hidden[1]");
        Tensor[] r = runKernel(data, batchSizes, h, c);
        return new PackedOutput(new PackedSequence(r[0], batchSizes, input.sortedIndices(),
                input.unsortedIndices()), RNNForward.permute(r[1], input.unsortedIndices()),
                RNNForward.permute(r[2], input.unsortedIndices()));
    }

    /** Python's {@code lstm(packed)}. */
    public PackedOutput forward(PackedSequence input) {
        return forward(input, null, null);
    }

    /**
     * Python's {@code lstm(input)[0]}: the output alone, so the module fits where one tensor is expected. Use
     * {@link #forward(Tensor, Tensor, Tensor)} for the final states too.
     */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null, null).output();
    }
}
