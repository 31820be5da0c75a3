package dev.jtorch.nn;

import dev.jtorch.PyEnum;
import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.Warnings;
import dev.jtorch.nn.init.Init;
import dev.jtorch.nn.utils.rnn.PackedSequence;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code torch.nn.RNNBase}: what {@link RNN}, {@link LSTM} and {@link GRU} share. The parameters are created,
 * named and ordered as PyTorch does ({@code weight_ih_l0}, {@code weight_hh_l0}, {@code bias_ih_l0},
 * {@code bias_hh_l0}, then {@code weight_hr_l0} with a projection, the second direction with a {@code _reverse}
 * suffix), initialised from U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)) in that order, and handed in that order to
 * libtorch's own recurrent kernels ({@code at::lstm}, {@code at::gru}, {@code at::rnn_tanh}, {@code at::rnn_relu}),
 * as {@code torch.nn.RNNBase} does through {@code _VF}.
 *
 * @see <a href="https://pytorch.org/docs/1.13/generated/torch.nn.RNNBase.html">torch.nn.RNNBase</a>
 */
public abstract class RNNBase extends Module {
    /** Python's {@code RNNBase.mode}: which recurrence the module runs. */
    public enum Mode implements PyEnum {
        /** {@code 'LSTM'}. */
        LSTM,
        /** {@code 'GRU'}. */
        GRU,
        /** {@code 'RNN_TANH'}. */
        RNN_TANH,
        /** {@code 'RNN_RELU'}. */
        RNN_RELU;

        /** Python's spelling, the constant's name: {@code LSTM}, {@code GRU}, {@code RNN_TANH}, {@code RNN_RELU}. */
        @Override
        public String pythonName() {
            return name();
        }
    }

    /**
     * PyTorch's keyword arguments of {@code nn.RNN}, {@code nn.LSTM} and {@code nn.GRU}, with their defaults:
     * {@code num_layers=1, bias=True, batch_first=False, dropout=0, bidirectional=False, proj_size=0} (proj_size
     * for LSTM only). Checked when the module is built, with PyTorch's messages.
     */
    public static class Options<O extends Options<O>> {
        long numLayers = 1;
        boolean bias = true;
        boolean batchFirst;
        double dropout;
        boolean bidirectional;
        long projSize;

        @SuppressWarnings("unchecked")
        O self() {
            return (O) this;
        }

        /** Python's {@code num_layers}: recurrent layers stacked on each other (default 1). */
        public O numLayers(long numLayers) {
            this.numLayers = numLayers;
            return self();
        }

        /** Python's {@code bias}: whether the layers have {@code b_ih} and {@code b_hh} (default true). */
        public O bias(boolean bias) {
            this.bias = bias;
            return self();
        }

        /** Python's {@code batch_first}: input and output as (N, L, H) instead of (L, N, H) (default false). */
        public O batchFirst(boolean batchFirst) {
            this.batchFirst = batchFirst;
            return self();
        }

        /**
         * Python's {@code dropout}: the probability of dropout on the outputs of each layer but the last, in
         * training mode only (default 0).
         */
        public O dropout(double dropout) {
            this.dropout = dropout;
            return self();
        }

        /** Python's {@code bidirectional} (default false). */
        public O bidirectional(boolean bidirectional) {
            this.bidirectional = bidirectional;
            return self();
        }

        /** Python's {@code num_layers}. */
        public long numLayers() {
            return numLayers;
        }

        /** Python's {@code bias}. */
        public boolean bias() {
            return bias;
        }

        /** Python's {@code batch_first}. */
        public boolean batchFirst() {
            return batchFirst;
        }

        /** Python's {@code dropout}. */
        public double dropout() {
            return dropout;
        }

        /** Python's {@code bidirectional}. */
        public boolean bidirectional() {
            return bidirectional;
        }
    }

    private final Mode mode;
    private final long inputSize;
    private final long hiddenSize;
    private final long numLayers;
    private final boolean bias;
    private final boolean batchFirst;
    private final double dropout;
    private final boolean bidirectional;
    private final long projSize;
    private final List<String> flatWeightsNames = new ArrayList<>();
    private final List<List<String>> allWeightsNames = new ArrayList<>();

    RNNBase(Mode mode, long inputSize, long hiddenSize, Options<?> o) {
        this.mode = mode;
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = o.numLayers;
        this.bias = o.bias;
        this.batchFirst = o.batchFirst;
        this.dropout = o.dropout;
        this.bidirectional = o.bidirectional;
        this.projSize = o.projSize;
        if (!(dropout >= 0 && dropout <= 1)) {
            throw new IllegalArgumentException("dropout should be a number in range [0, 1] representing the "
                    + "probability of an element being zeroed");
        }
        if (dropout > 0 && numLayers == 1) {
            Warnings.warn("dropout option adds dropout after all but last recurrent layer, so non-zero dropout "
                    + "expects num_layers greater than 1, but got dropout=" + PyFormat.repr(dropout)
                    + " and num_layers=" + numLayers);
        }
        if (projSize < 0) {
            throw new IllegalArgumentException("proj_size should be a positive integer or zero to disable "
                    + "projections");
        }
        if (projSize >= hiddenSize) {
            throw new IllegalArgumentException("proj_size has to be smaller than hidden_size");
        }
        if (inputSize < 0 || hiddenSize < 0 || numLayers < 1) {
            throw new IllegalArgumentException(getName() + ": input_size and hidden_size must not be negative and "
                    + "num_layers must be positive, got input_size=" + inputSize + ", hidden_size=" + hiddenSize
                    + ", num_layers=" + numLayers);
        }
        long gateSize = switch (mode) {
            case LSTM -> 4 * hiddenSize;
            case GRU -> 3 * hiddenSize;
            case RNN_TANH, RNN_RELU -> hiddenSize;
        };
        int numDirections = bidirectional ? 2 : 1;
        long realHidden = projSize > 0 ? projSize : hiddenSize;
        try (TensorScope s = new TensorScope(getName() + " init")) {
            for (long layer = 0; layer < numLayers; layer++) {
                for (int direction = 0; direction < numDirections; direction++) {
                    long layerInput = layer == 0 ? inputSize : realHidden * numDirections;
                    String suffix = direction == 1 ? "_reverse" : "";
                    List<String> names = new ArrayList<>();
                    names.add(register("weight_ih_l" + layer + suffix, gateSize, layerInput));
                    names.add(register("weight_hh_l" + layer + suffix, gateSize, realHidden));
                    if (bias) {
                        names.add(register("bias_ih_l" + layer + suffix, gateSize));
                        names.add(register("bias_hh_l" + layer + suffix, gateSize));
                    }
                    if (projSize > 0) {
                        names.add(register("weight_hr_l" + layer + suffix, projSize, hiddenSize));
                    }
                    flatWeightsNames.addAll(names);
                    allWeightsNames.add(Collections.unmodifiableList(names));
                }
            }
            resetParameters();
        }
    }

    private String register(String name, long... shape) {
        registerParameter(name, new Parameter(Torch.empty(shape)));
        return name;
    }

    /**
     * Python's {@code reset_parameters()}: every parameter, in {@link #parameters()} order, from
     * U(-1/sqrt(hidden_size), 1/sqrt(hidden_size)) drawn from the default generator.
     */
    public void resetParameters() {
        double stdv = hiddenSize > 0 ? 1.0 / Math.sqrt(hiddenSize) : 0;
        for (Parameter p : parameters()) {
            Init.uniform_(p, -stdv, stdv);
        }
    }

    /** Python's {@code mode}. */
    public Mode mode() {
        return mode;
    }

    /** Python's {@code input_size}. */
    public long inputSize() {
        return inputSize;
    }

    /** Python's {@code hidden_size}. */
    public long hiddenSize() {
        return hiddenSize;
    }

    /** Python's {@code num_layers}. */
    public long numLayers() {
        return numLayers;
    }

    /** Python's {@code bias}. */
    public boolean bias() {
        return bias;
    }

    /** Python's {@code batch_first}. */
    public boolean batchFirst() {
        return batchFirst;
    }

    /** Python's {@code dropout}. */
    public double dropout() {
        return dropout;
    }

    /** Python's {@code bidirectional}. */
    public boolean bidirectional() {
        return bidirectional;
    }

    /** Python's {@code proj_size} (0 without projection; LSTM only). */
    public long projSize() {
        return projSize;
    }

    /** Python's {@code _flat_weights_names}: the parameter names in the order the kernels take them. */
    public List<String> flatWeightsNames() {
        return Collections.unmodifiableList(flatWeightsNames);
    }

    /** Python's {@code _flat_weights}: the parameters in the order the kernels take them. */
    public List<Parameter> flatWeights() {
        List<Parameter> out = new ArrayList<>();
        for (String n : flatWeightsNames) {
            out.add(parameterMap().get(n));
        }
        return out;
    }

    /** Python's {@code all_weights}: the parameters of each layer and direction, as lists. */
    public List<List<Parameter>> allWeights() {
        List<List<Parameter>> out = new ArrayList<>();
        for (List<String> names : allWeightsNames) {
            List<Parameter> l = new ArrayList<>();
            for (String n : names) {
                l.add(parameterMap().get(n));
            }
            out.add(l);
        }
        return out;
    }

    /** Python's {@code flatten_parameters()}: a no-op here (cuDNN weight flattening is not used). */
    public void flattenParameters() {}

    int numDirections() {
        return bidirectional ? 2 : 1;
    }

    /** Python's {@code check_input}. */
    void checkInput(Tensor input, boolean packed) {
        int expected = packed ? 2 : 3;
        if (input.dim() != expected) {
            throw new TorchException("input must have " + expected + " dimensions, got " + input.dim());
        }
        if (inputSize != input.size(-1)) {
            throw new TorchException("input.size(-1) must be equal to input_size. Expected " + inputSize + ", got "
                    + input.size(-1));
        }
    }

    long miniBatch(Tensor input, Tensor batchSizes) {
        if (batchSizes != null) {
            return batchSizes.size(0) == 0 ? 0 : batchSizes.select(0, 0).itemLong();
        }
        return batchFirst ? input.size(0) : input.size(1);
    }

    /** Python's {@code get_expected_hidden_size}. */
    long[] expectedHiddenSize(Tensor input, Tensor batchSizes) {
        return new long[] {numLayers * numDirections(), miniBatch(input, batchSizes),
                projSize > 0 ? projSize : hiddenSize};
    }

    /** Runs libtorch's kernel for this mode; see {@link RNNForward#runKernel}. */
    Tensor[] runKernel(Tensor input, Tensor batchSizes, Tensor... hx) {
        return RNNForward.runKernel(this, input, batchSizes, hx);
    }

    /** Python's {@code RNN.forward} / {@code GRU.forward} for a padded input; see {@link RNNForward}. */
    Tensor[] forwardSingleState(Tensor input, Tensor hx) {
        return RNNForward.forwardSingleState(this, input, hx);
    }

    /** Python's {@code RNN.forward} / {@code GRU.forward} for a packed input; see {@link RNNForward}. */
    Tensor[] forwardSingleStatePacked(PackedSequence input, Tensor hx) {
        return RNNForward.forwardSingleStatePacked(this, input, hx);
    }

    @Override
    public String extraRepr() {
        StringBuilder s = new StringBuilder().append(inputSize).append(", ").append(hiddenSize);
        if (projSize != 0) {
            s.append(", proj_size=").append(projSize);
        }
        if (numLayers != 1) {
            s.append(", num_layers=").append(numLayers);
        }
        if (!bias) {
            s.append(", bias=False");
        }
        if (batchFirst) {
            s.append(", batch_first=True");
        }
        if (dropout != 0) {
            s.append(", dropout=").append(PyFormat.repr(dropout));
        }
        if (bidirectional) {
            s.append(", bidirectional=True");
        }
        return s.toString();
    }
}
