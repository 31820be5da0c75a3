package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.internal.Ops;
import org.bytedeco.pytorch.global.torch;

/**
 * {@code torch.nn.GRUCell(input_size, hidden_size, bias=True)}: one step of a gated recurrent unit, by libtorch's
 * {@code gru_cell}.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.GRUCell.html">torch.nn.GRUCell</a>
 */
public class GRUCell extends RNNCellBase {
    /** {@code nn.GRUCell(input_size, hidden_size)}. */
    public GRUCell(long inputSize, long hiddenSize) {
        this(inputSize, hiddenSize, true);
    }

    /** {@code nn.GRUCell(input_size, hidden_size, bias)}. */
    public GRUCell(long inputSize, long hiddenSize, boolean bias) {
        super(inputSize, hiddenSize, bias, 3);
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
        Tensor r = Ops.tensor(() -> torch.gru_cell(i, hh, wi, wh, bi, bh));
        return batched ? r : r.squeeze(0);
    }

    /** Python's {@code cell(input)}: a zero initial state. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null);
    }
}
