package dev.jtorch.nn;

import dev.jtorch.DType;
import dev.jtorch.Device;
import dev.jtorch.PyEnum;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.TorchException;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code torch.nn.Transformer(d_model=512, nhead=8, num_encoder_layers=6, num_decoder_layers=6,
 * dim_feedforward=2048, dropout=0.1, activation=relu, custom_encoder=None, custom_decoder=None,
 * layer_norm_eps=1e-05, batch_first=False, norm_first=False)}: an encoder (layers and a final norm) and a decoder,
 * built as PyTorch builds them and then re-initialised as PyTorch does (Xavier-uniform for every parameter with more
 * than one dimension, in {@link #parameters()} order), so the same seed gives the same weights.
 *
 * <pre>{@code
 * var model = new Transformer(new Transformer.Options().dModel(32).nhead(4).numEncoderLayers(2));
 *                                              // nn.Transformer(d_model=32, nhead=4, num_encoder_layers=2)
 * Tensor out = model.forward(src, tgt, null, Transformer.generateSquareSubsequentMask(tgt.size(0)), null, null,
 *         null, null);
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/1.13/generated/torch.nn.Transformer.html">torch.nn.Transformer</a>.
 */
public class Transformer extends Module {
    /** Python's {@code activation} of the feed-forward blocks: {@code "relu"} / {@code F.relu} or {@code "gelu"}. */
    public enum Activation implements PyEnum {
        /** {@code F.relu} (the default). */
        RELU,
        /** {@code F.gelu} (exact, not the tanh approximation). */
        GELU;

        /** Python's spelling: {@code relu} or {@code gelu}. */
        @Override
        public String pythonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        Tensor apply(Tensor x) {
            return this == RELU ? F.relu(x) : F.gelu(x);
        }
    }

    /**
     * The keyword arguments the Transformer layers share, with PyTorch's defaults: {@code dim_feedforward=2048,
     * dropout=0.1, activation=relu, layer_norm_eps=1e-05, batch_first=False, norm_first=False}.
     *
     * @param <O> the concrete options type, for fluent setters
     */
    public abstract static class LayerOptions<O extends LayerOptions<O>> {
        private long dimFeedforward = 2048;
        private double dropout = 0.1;
        private Activation activation = Activation.RELU;
        private double layerNormEps = 1e-5;
        private boolean batchFirst;
        private boolean normFirst;

        @SuppressWarnings("unchecked")
        private O self() {
            return (O) this;
        }

        <T extends LayerOptions<T>> T copy(T to) {
            to.dimFeedforward(dimFeedforward).dropout(dropout).activation(activation).layerNormEps(layerNormEps)
                    .batchFirst(batchFirst).normFirst(normFirst);
            return to;
        }

        /** Python's {@code dim_feedforward} (default 2048). */
        public O dimFeedforward(long dimFeedforward) {
            this.dimFeedforward = dimFeedforward;
            return self();
        }

        /** Python's {@code dropout} (default 0.1). */
        public O dropout(double dropout) {
            dev.jtorch.nn.functional.F.checkProbability(dropout);
            this.dropout = dropout;
            return self();
        }

        /** Python's {@code activation} (default relu). */
        public O activation(Activation activation) {
            this.activation = Objects.requireNonNull(activation, "activation");
            return self();
        }

        /** Python's {@code layer_norm_eps} (default 1e-5). */
        public O layerNormEps(double layerNormEps) {
            this.layerNormEps = layerNormEps;
            return self();
        }

        /** Python's {@code batch_first} (default false). */
        public O batchFirst(boolean batchFirst) {
            this.batchFirst = batchFirst;
            return self();
        }

        /** Python's {@code norm_first} (default false). */
        public O normFirst(boolean normFirst) {
            this.normFirst = normFirst;
            return self();
        }

        /** Python's {@code dim_feedforward}. */
        public long dimFeedforward() {
            return dimFeedforward;
        }

        /** Python's {@code dropout}. */
        public double dropout() {
            return dropout;
        }

        /** Python's {@code activation}. */
        public Activation activation() {
            return activation;
        }

        /** Python's {@code layer_norm_eps}. */
        public double layerNormEps() {
            return layerNormEps;
        }

        /** Python's {@code batch_first}. */
        public boolean batchFirst() {
            return batchFirst;
        }

        /** Python's {@code norm_first}. */
        public boolean normFirst() {
            return normFirst;
        }
    }

    /** PyTorch's keyword arguments of {@link Transformer}, with their defaults. */
    public static final class Options extends LayerOptions<Options> {
        private long dModel = 512;
        private long nhead = 8;
        private long numEncoderLayers = 6;
        private long numDecoderLayers = 6;
        private TransformerEncoder customEncoder;
        private TransformerDecoder customDecoder;

        /** Python's {@code d_model} (default 512). */
        public Options dModel(long dModel) {
            this.dModel = dModel;
            return this;
        }

        /** Python's {@code nhead} (default 8). */
        public Options nhead(long nhead) {
            this.nhead = nhead;
            return this;
        }

        /** Python's {@code num_encoder_layers} (default 6). */
        public Options numEncoderLayers(long numEncoderLayers) {
            this.numEncoderLayers = numEncoderLayers;
            return this;
        }

        /** Python's {@code num_decoder_layers} (default 6). */
        public Options numDecoderLayers(long numDecoderLayers) {
            this.numDecoderLayers = numDecoderLayers;
            return this;
        }

        /** Python's {@code custom_encoder} (default None). */
        public Options customEncoder(TransformerEncoder customEncoder) {
            this.customEncoder = customEncoder;
            return this;
        }

        /** Python's {@code custom_decoder} (default None). */
        public Options customDecoder(TransformerDecoder customDecoder) {
            this.customDecoder = customDecoder;
            return this;
        }
    }

    /** Python's {@code encoder}. */
    public final TransformerEncoder encoder;
    /** Python's {@code decoder}. */
    public final TransformerDecoder decoder;

    private final long dModel;
    private final long nhead;
    private final boolean batchFirst;

    /** {@code nn.Transformer()}: d_model 512, 8 heads, 6 encoder and 6 decoder layers. */
    public Transformer() {
        this(new Options());
    }

    /** {@code nn.Transformer(...)} with options. */
    public Transformer(Options o) {
        Objects.requireNonNull(o, "options");
        if (o.customEncoder != null) {
            this.encoder = o.customEncoder;
        } else {
            TransformerEncoderLayer layer = new TransformerEncoderLayer(o.dModel, o.nhead,
                    o.copy(new TransformerEncoderLayer.Options()));
            LayerNorm encoderNorm = new LayerNorm(o.dModel, new LayerNorm.Options().eps(o.layerNormEps()));
            this.encoder = new TransformerEncoder(layer, o.numEncoderLayers, encoderNorm);
        }
        if (o.customDecoder != null) {
            this.decoder = o.customDecoder;
        } else {
            TransformerDecoderLayer layer = new TransformerDecoderLayer(o.dModel, o.nhead,
                    o.copy(new TransformerDecoderLayer.Options()));
            LayerNorm decoderNorm = new LayerNorm(o.dModel, new LayerNorm.Options().eps(o.layerNormEps()));
            this.decoder = new TransformerDecoder(layer, o.numDecoderLayers, decoderNorm);
        }
        resetParameters();
        this.dModel = o.dModel;
        this.nhead = o.nhead;
        this.batchFirst = o.batchFirst();
    }

    /** Python's {@code _reset_parameters()}: Xavier-uniform for every parameter with more than one dimension. */
    public void resetParameters() {
        for (Parameter p : parameters()) {
            if (p.dim() > 1) {
                Init.xavierUniform_(p);
            }
        }
    }

    /** Python's {@code model(src, tgt)}. */
    public Tensor forward(Tensor src, Tensor tgt) {
        return forward(src, tgt, null, null, null, null, null, null);
    }

    /**
     * Python's {@code model(src, tgt, src_mask, tgt_mask, memory_mask, src_key_padding_mask, tgt_key_padding_mask,
     * memory_key_padding_mask)}; null for None.
     */
    public Tensor forward(Tensor src, Tensor tgt, Tensor srcMask, Tensor tgtMask, Tensor memoryMask,
            Tensor srcKeyPaddingMask, Tensor tgtKeyPaddingMask, Tensor memoryKeyPaddingMask) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(tgt, "tgt");
        boolean isBatched = src.dim() == 3;
        if (!batchFirst && src.size(1) != tgt.size(1) && isBatched) {
            throw new TorchException("the batch number of src and tgt must be equal");
        } else if (batchFirst && src.size(0) != tgt.size(0) && isBatched) {
            throw new TorchException("the batch number of src and tgt must be equal");
        }
        if (src.size(-1) != dModel || tgt.size(-1) != dModel) {
            throw new TorchException("the feature number of src and tgt must be equal to d_model");
        }
        Tensor memory = encoder.forward(src, srcMask, srcKeyPaddingMask);
        return decoder.forward(tgt, memory, tgtMask, memoryMask, tgtKeyPaddingMask, memoryKeyPaddingMask);
    }

    /**
     * Python's {@code Transformer.generate_square_subsequent_mask(sz)}: a float (sz, sz) mask with -inf above the
     * diagonal and 0 elsewhere.
     */
    public static Tensor generateSquareSubsequentMask(long sz) {
        return generateSquareSubsequentMask(sz, Device.CPU);
    }

    /** Python's {@code Transformer.generate_square_subsequent_mask(sz, device)}. */
    public static Tensor generateSquareSubsequentMask(long sz, Device device) {
        Objects.requireNonNull(device, "device");
        Tensor full = Torch.full(new long[] {sz, sz}, Double.NEGATIVE_INFINITY, DType.FLOAT32);
        if (!device.equals(Device.CPU)) {
            full = full.to(device);
        }
        var h = full.nativeTensor();
        return dev.jtorch.internal.Ops.tensor(() -> h.triu(1));
    }

    /** Python's {@code d_model}. */
    public long dModel() {
        return dModel;
    }

    /** Python's {@code nhead}. */
    public long nhead() {
        return nhead;
    }

    /** Python's {@code batch_first}. */
    public boolean batchFirst() {
        return batchFirst;
    }

    // ---------------------------------------------------------------- shared by the layers

    /** Python's check that a key padding mask is bool or floating point. */
    static void checkKeyPaddingMask(Tensor keyPaddingMask) {
        if (keyPaddingMask != null && keyPaddingMask.dtype() != DType.BOOL
                && !keyPaddingMask.dtype().isFloatingPoint()) {
            throw new TorchException("only bool and floating types of key_padding_mask are supported");
        }
    }

    /**
     * Python's {@code copy.deepcopy(module)} for a module whose configuration the factory rebuilds: the factory
     * runs with the default generator's state saved and restored (so the copy draws nothing), then the source's
     * parameter and buffer values are cloned into it, with their requires_grad flags and each module's training
     * mode.
     */
    static <M extends Module> M copyOf(M source, Supplier<M> factory) {
        M copy;
        try (TensorScope s = new TensorScope("deepcopy")) {
            Tensor state = Torch.getRngState();
            try {
                copy = factory.get();
            } finally {
                Torch.setRngState(state);
            }
            try (var g = Torch.noGrad()) {
                Map<String, Parameter> to = copy.namedParameters();
                for (Map.Entry<String, Parameter> e : source.namedParameters().entrySet()) {
                    Parameter p = to.get(e.getKey());
                    p.setData(e.getValue().detach().clone());
                    p.requiresGrad_(e.getValue().requiresGrad());
                }
                Map<String, Tensor> bt = copy.namedBuffers();
                for (Map.Entry<String, Tensor> e : source.namedBuffers().entrySet()) {
                    bt.get(e.getKey()).setData(e.getValue().detach().clone());
                }
            }
        }
        Iterator<Module> from = source.modules().iterator();
        for (Module m : copy.modules()) {
            m.train(from.next().isTraining());
        }
        return copy;
    }
}
