package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.internal.Ops;
import java.util.Objects;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.RNNCell(input_size, hidden_size, bias=True, nonlinearity='tanh')}: one step of an Elman RNN,
 * {@code h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh)} (or ReLU), by libtorch's {@code rnn_tanh_cell} /
 * {@code rnn_relu_cell}.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.RNNCell.html">torch.nn.RNNCell</a>
 */
public class RNNCell extends RNNCellBase {
    private final RNN.Nonlinearity nonlinearity;

    /** {@code nn.RNNCell(input_size, hidden_size)}. */
    public RNNCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true, RNN.Nonlinearity.TANH);
    }

    /** {@code nn.RNNCell(input_size, hidden_size, bias, nonlinearity)}. */
    public RNNCell(long inputSize, long hiddenSize, boolean bias, RNN.Nonlinearity nonlinearity) {
        super(inputSize, hiddenSize, bias, 1);
        this.nonlinearity = Objects.requireNonNull(nonlinearity, "nonlinearity");
    }

    /** Python's {@code nonlinearity}. */
    public RNN.Nonlinearity nonlinearity() {
        return nonlinearity;
    }

    /**
     * Python's {@code cell(input, hx)}: {@code input} (N, H_in) or (H_in); {@code hx} (N, H_out) or (H_out), null
     * for zeros. Returns h'.
     */
    public Tensor forward(Tensor input, Tensor hx) {
        boolean batched = checkCellInput(input);
        Tensor in = batched ? input : input.unsqueeze(0);
        Tensor h = hx == null ? zeroState(in) : batched ? hx : hx.unsqueeze(0);
        var i = Ops.h(in, "input");
        var hh = Ops.h(h, "hx");
        var wi = weightIh.nativeTensor();
        var wh = weightHh.nativeTensor();
        var bi = Ops.opt(biasIh);
        var bh = Ops.opt(biasHh);
        Tensor r = Ops.tensor(() -> nonlinearity == RNN.Nonlinearity.TANH
                ? torch.rnn_tanh_cell(i, hh, wi, wh, bi, bh)
                : torch.rnn_relu_cell(i, hh, wi, wh, bi, bh));
        return batched ? r : r.squeeze(0);
    }

    /** Python's {@code cell(input)}: a zero initial state. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }

    @Override
    public String extraRepr() {
        return super.extraRepr()
                + (nonlinearity == RNN.Nonlinearity.TANH ? "" : ", nonlinearity=" + nonlinearity.pythonName());
    }
}
