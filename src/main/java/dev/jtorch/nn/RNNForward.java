package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.TorchException;
import dev.jtorch.internal.Ops;
import dev.jtorch.nn.utils.rnn.PackedSequence;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.TensorVector;

/**
 * How an {@link RNNBase} runs: the calls into libtorch's recurrent kernels ({@code at::lstm}, {@code at::gru},
 * {@code at::rnn_tanh}, {@code at::rnn_relu}) on the module's flat weights, PyTorch's hidden-state checks, and the
 * forward of {@link RNN} and {@link GRU} (one hidden state) on padded and packed inputs.
 */
final class RNNForward {

    private RNNForward() {}

    static TensorVector flatVector(RNNBase m) {
        List<Parameter> ws = m.flatWeights();
        org.bytedeco.pytorch.Tensor[] hs = new org.bytedeco.pytorch.Tensor[ws.size()];
        for (int i = 0; i < hs.length; i++) {
            hs[i] = ws.get(i).nativeTensor();
        }
        return new TensorVector(hs);
    }

    static TensorVector vector(Tensor... ts) {
        org.bytedeco.pytorch.Tensor[] hs = new org.bytedeco.pytorch.Tensor[ts.length];
        for (int i = 0; i < hs.length; i++) {
            hs[i] = ts[i].nativeTensor();
        }
        return new TensorVector(hs);
    }

    /** Python's {@code check_hidden_size}, with its message template ({@code {}} twice). */
    static void checkHiddenSize(Tensor hx, long[] expected, String what) {
        long[] actual = hx.shape().toArray();
        if (!Arrays.equals(actual, expected)) {
            throw new TorchException("Expected " + what + " size " + pyTuple(expected) + ", got "
                    + Arrays.toString(actual));
        }
    }

    static String pyTuple(long[] s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) {
            b.append(i > 0 ? ", " : "").append(s[i]);
        }
        return b.append(s.length == 1 ? ",)" : ")").toString();
    }

    static Tensor permute(Tensor hx, Tensor permutation) {
        return permutation == null ? hx : hx.indexSelect(1, permutation);
    }

    static Tensor zerosLike(Tensor input, long... shape) {
        var i = Ops.h(input, "input");
        return Ops.tensor(() -> i.new_zeros(shape));
    }

    /**
     * Runs libtorch's kernel for this mode: on a padded input when {@code batchSizes} is null, else on packed data.
     * Returns the output, then h_n (and c_n for LSTM).
     */
    static Tensor[] runKernel(RNNBase m, Tensor input, Tensor batchSizes, Tensor... hx) {
        var in = Ops.h(input, "input");
        TensorVector params = flatVector(m);
        boolean train = m.isTraining();
        long layers = m.numLayers();
        double p = m.dropout();
        boolean bidir = m.bidirectional();
        boolean bf = m.batchFirst();
        boolean bias = m.bias();
        RNNBase.Mode mode = m.mode();
        if (mode == RNNBase.Mode.LSTM) {
            TensorVector h = vector(hx);
            org.bytedeco.pytorch.T_TensorTensorTensor_T r;
            if (batchSizes == null) {
                r = Ops.call(() -> org.bytedeco.pytorch.global.torch.lstm(in, h, params, bias, layers, p, train,
                        bidir, bf));
            } else {
                var b = Ops.h(batchSizes, "batch_sizes");
                r = Ops.call(() -> org.bytedeco.pytorch.global.torch.lstm(in, b, h, params, bias, layers, p, train,
                        bidir));
            }
            return new Tensor[] {Tensor.wrap(r.get0()), Tensor.wrap(r.get1()), Tensor.wrap(r.get2())};
        }
        var h = Ops.h(hx[0], "hx");
        org.bytedeco.pytorch.T_TensorTensor_T r;
        if (batchSizes == null) {
            r = Ops.call(() -> switch (mode) {
                case GRU -> org.bytedeco.pytorch.global.torch.gru(in, h, params, bias, layers, p, train, bidir, bf);
                case RNN_TANH -> org.bytedeco.pytorch.global.torch.rnn_tanh(in, h, params, bias, layers, p, train,
                        bidir, bf);
                default -> org.bytedeco.pytorch.global.torch.rnn_relu(in, h, params, bias, layers, p, train, bidir,
                        bf);
            });
        } else {
            var b = Ops.h(batchSizes, "batch_sizes");
            r = Ops.call(() -> switch (mode) {
                case GRU -> org.bytedeco.pytorch.global.torch.gru(in, b, h, params, bias, layers, p, train, bidir);
                case RNN_TANH -> org.bytedeco.pytorch.global.torch.rnn_tanh(in, b, h, params, bias, layers, p, train,
                        bidir);
                default -> org.bytedeco.pytorch.global.torch.rnn_relu(in, b, h, params, bias, layers, p, train,
                        bidir);
            });
        }
        return new Tensor[] {Tensor.wrap(r.get0()), Tensor.wrap(r.get1())};
    }

    /**
     * Python's {@code RNN.forward} / {@code GRU.forward} for a padded input (LSTM has its own): returns output and
     * h_n.
     */
    static Tensor[] forwardSingleState(RNNBase m, Tensor input, Tensor hx) {
        java.util.Objects.requireNonNull(input, "input");
        boolean batched = input.dim() == 3;
        boolean batchFirst = m.batchFirst();
        int batchDim = batchFirst ? 0 : 1;
        Tensor in = input;
        if (!batched) {
            in = input.unsqueeze(batchDim);
            if (hx != null) {
                if (hx.dim() != 2) {
                    throw new TorchException("For unbatched 2-D input, hx should also be 2-D but got " + hx.dim()
                            + "-D tensor");
                }
                hx = hx.unsqueeze(1);
            }
        } else if (hx != null && hx.dim() != 3) {
            throw new TorchException("For batched 3-D input, hx should also be 3-D but got " + hx.dim()
                    + "-D tensor");
        }
        long maxBatch = batchFirst ? in.size(0) : in.size(1);
        if (hx == null) {
            hx = zerosLike(in, m.numLayers() * m.numDirections(), maxBatch, m.hiddenSize());
        }
        m.checkInput(in, false);
        checkHiddenSize(hx, m.expectedHiddenSize(in, null), "hidden");
        Tensor[] r = runKernel(m, in, null, hx);
        if (!batched) {
            r[0] = r[0].squeeze(batchDim);
            r[1] = r[1].squeeze(1);
        }
        return r;
    }

    /** Python's {@code RNN.forward} / {@code GRU.forward} for a packed input: returns packed output and h_n. */
    static Tensor[] forwardSingleStatePacked(RNNBase m, PackedSequence input, Tensor hx) {
        java.util.Objects.requireNonNull(input, "input");
        Tensor data = input.data();
        Tensor batchSizes = input.batchSizes();
        long maxBatch = batchSizes.select(0, 0).itemLong();
        if (hx == null) {
            hx = zerosLike(data, m.numLayers() * m.numDirections(), maxBatch, m.hiddenSize());
        } else {
            hx = permute(hx, input.sortedIndices());
        }
        m.checkInput(data, true);
        checkHiddenSize(hx, m.expectedHiddenSize(data, batchSizes), "hidden");
        Tensor[] r = runKernel(m, data, batchSizes, hx);
        r[1] = permute(r[1], input.unsortedIndices());
        return r;
    }
}
