package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.internal.Ops;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.LSTMCell(input_size, hidden_size, bias=True)}: one step of an LSTM, by libtorch's
 * {@code lstm_cell}.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.LSTMCell.html">torch.nn.LSTMCell</a>
 */
public class LSTMCell extends RNNCellBase {
    /**
     * Python's {@code (h_1, c_1)}.
     *
     * @param h1 the next hidden state, (N, H) or (H)
     * @param c1 the next cell state, (N, H) or (H)
     */
    public record Output(Tensor h1, Tensor c1) {}

    /** {@code nn.LSTMCell(input_size, hidden_size)}. */
    public LSTMCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /** {@code nn.LSTMCell(input_size, hidden_size, bias)}. */
    public LSTMCell(long inputSize, long hiddenSize, boolean bias) {
        super(inputSize, hiddenSize, bias, 4);
    }

    /**
     * Python's {@code cell(input, (h_0, c_0))}: {@code input} (N, H_in) or (H_in); the states (N, H) or (H), both
     * null for zeros.
     */
    public Output forward(Tensor input, Tensor h0, Tensor c0) {
        boolean batched = checkCellInput(input);
        if ((h0 == null) != (c0 == null)) {
            throw new IllegalArgumentException("LSTMCell: give both h_0 and c_0, or neither (Python's hx is a pair)");
        }
        Tensor in = batched ? input : input.unsqueeze(0);
        Tensor h;
        Tensor c;
        if (h0 == null) {
            h = zeroState(in);
            c = h;
        } else {
            h = batched ? h0 : h0.unsqueeze(0);
            c = batched ? c0 : c0.unsqueeze(0);
        }
        var i = Ops.h(in, "input");
        TensorVector hx = new TensorVector(new org.bytedeco.pytorch.Tensor[] {Ops.h(h, "h_0"), Ops.h(c, "c_0")});
        var wi = weightIh.nativeTensor();
        var wh = weightHh.nativeTensor();
        var bi = Ops.opt(biasIh);
        var bh = Ops.opt(biasHh);
        T_TensorTensor_T r = Ops.call(() -> torch.lstm_cell(i, hx, wi, wh, bi, bh));
        Tensor h1 = Tensor.wrap(r.get0());
        Tensor c1 = Tensor.wrap(r.get1());
        return batched ? new Output(h1, c1) : new Output(h1.squeeze(0), c1.squeeze(0));
    }

    /** Python's {@code cell(input)[0]}: h_1 alone, from zero states. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null, null).h1();
    }
}
