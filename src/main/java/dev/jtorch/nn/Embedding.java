package dev.jtorch.nn;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;
import java.util.Objects;

/**
 * {@code torch.nn.Embedding(num_embeddings, embedding_dim, padding_idx=None, max_norm=None, norm_type=2.0,
 * scale_grad_by_freq=False, sparse=False)}: a lookup table from int64 indices to rows of {@code weight}, which is
 * initialised from N(0, 1) as PyTorch does (same seed, same table), with the {@code padding_idx} row zeroed.
 *
 * <pre>{@code
 * new Embedding(1000, 64)                                               // nn.Embedding(1000, 64)
 * new Embedding(1000, 64, new Embedding.Options().paddingIdx(0))        // nn.Embedding(1000, 64, padding_idx=0)
 * Embedding.fromPretrained(vectors)                                     // nn.Embedding.from_pretrained(vectors)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Embedding.html">torch.nn.Embedding</a>.
 */
public class Embedding extends Module {
    /** Python's {@code weight}, of shape (num_embeddings, embedding_dim). */
    public Parameter weight;

    private final long numEmbeddings;
    private final long embeddingDim;
    private final Long paddingIdx;
    private final Double maxNorm;
    private final double normType;
    private final boolean scaleGradByFreq;
    private final boolean sparse;

    /** PyTorch's options and defaults for {@link Embedding}. */
    public static final class Options {
        private Long paddingIdx;
        private Double maxNorm;
        private double normType = 2.0;
        private boolean scaleGradByFreq;
        private boolean sparse;

        /**
         * Python's {@code padding_idx}: this row starts at zero and gets no gradient; negative values count from the
         * end (default None).
         */
        public Options paddingIdx(long paddingIdx) {
            this.paddingIdx = paddingIdx;
            return this;
        }

        /** Python's {@code max_norm}: looked-up rows with a larger norm are renormalised in place (default None). */
        public Options maxNorm(double maxNorm) {
            this.maxNorm = maxNorm;
            return this;
        }

        /** Python's {@code norm_type}: the p of the p-norm for {@code max_norm} (default 2). */
        public Options normType(double normType) {
            this.normType = normType;
            return this;
        }

        /** Python's {@code scale_grad_by_freq}: scale gradients by inverse word frequency (default false). */
        public Options scaleGradByFreq(boolean scaleGradByFreq) {
            this.scaleGradByFreq = scaleGradByFreq;
            return this;
        }

        /** Python's {@code sparse}: sparse gradients for {@code weight} (default false). */
        public Options sparse(boolean sparse) {
            this.sparse = sparse;
            return this;
        }
    }

    /** {@code nn.Embedding(num_embeddings, embedding_dim)}. */
    public Embedding(long numEmbeddings, long embeddingDim) {
        this(numEmbeddings, embeddingDim, new Options());
    }

    /** {@code nn.Embedding(num_embeddings, embedding_dim, ...)} with options. */
    public Embedding(long numEmbeddings, long embeddingDim, Options options) {
        this(numEmbeddings, embeddingDim, options, null);
    }

    private Embedding(long numEmbeddings, long embeddingDim, Options options, Tensor pretrained) {
        this.numEmbeddings = numEmbeddings;
        this.embeddingDim = embeddingDim;
        Long p = options.paddingIdx;
        if (p != null) {
            if (p > 0 && p >= numEmbeddings || p < 0 && p < -numEmbeddings) {
                throw new IllegalArgumentException("Padding_idx must be within num_embeddings");
            }
            if (p < 0) {
                p = numEmbeddings + p;
            }
        }
        this.paddingIdx = p;
        this.maxNorm = options.maxNorm;
        this.normType = options.normType;
        this.scaleGradByFreq = options.scaleGradByFreq;
        this.sparse = options.sparse;
        if (pretrained == null) {
            try (TensorScope s = new TensorScope("Embedding init")) {
                weight = new Parameter(Torch.empty(numEmbeddings, embeddingDim));
            }
            resetParameters();
        } else {
            if (pretrained.size(0) != numEmbeddings || pretrained.size(1) != embeddingDim) {
                throw new IllegalArgumentException("Shape of weight does not match num_embeddings and embedding_dim");
            }
            weight = new Parameter(pretrained);
        }
    }

    /**
     * Python's {@code nn.Embedding.from_pretrained(embeddings, freeze=True)}: an embedding whose weight shares the
     * given 2-D tensor's data, frozen (no gradient) unless {@code freeze} is false. Draws nothing from the generator.
     */
    public static Embedding fromPretrained(Tensor embeddings, boolean freeze, Options options) {
        Objects.requireNonNull(embeddings, "embeddings");
        if (embeddings.dim() != 2) {
            throw new IllegalArgumentException("Embeddings parameter is expected to be 2-dimensional");
        }
        Embedding e = new Embedding(embeddings.size(0), embeddings.size(1), options, embeddings);
        e.weight.requiresGrad_(!freeze);
        return e;
    }

    /** {@code nn.Embedding.from_pretrained(embeddings, freeze)}. */
    public static Embedding fromPretrained(Tensor embeddings, boolean freeze) {
        return fromPretrained(embeddings, freeze, new Options());
    }

    /** {@code nn.Embedding.from_pretrained(embeddings)}: frozen. */
    public static Embedding fromPretrained(Tensor embeddings) {
        return fromPretrained(embeddings, true, new Options());
    }

    /** Python's {@code reset_parameters()}: N(0, 1) from the default generator, the padding row zeroed. */
    public void resetParameters() {
        Init.normal_(weight, 0.0, 1.0);
        if (paddingIdx != null) {
            try (TensorScope s = new TensorScope("Embedding padding"); var g = Torch.noGrad()) {
                weight.select(0, paddingIdx).fill_(0);
            }
        }
    }

    /** Python's {@code num_embeddings}. */
    public long numEmbeddings() {
        return numEmbeddings;
    }

    /** Python's {@code embedding_dim}. */
    public long embeddingDim() {
        return embeddingDim;
    }

    /** Python's {@code padding_idx} (non-negative), or null for None. */
    public Long paddingIdx() {
        return paddingIdx;
    }

    /** Python's {@code max_norm}, or null for None. */
    public Double maxNorm() {
        return maxNorm;
    }

    /** Python's {@code norm_type}. */
    public double normType() {
        return normType;
    }

    /** Python's {@code scale_grad_by_freq}. */
    public boolean scaleGradByFreq() {
        return scaleGradByFreq;
    }

    /** Python's {@code sparse}. */
    public boolean sparse() {
        return sparse;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.embedding(input, weight, paddingIdx, maxNorm, normType, scaleGradByFreq, sparse);
    }

    @Override
    public String extraRepr() {
        StringBuilder s = new StringBuilder().append(numEmbeddings).append(", ").append(embeddingDim);
        if (paddingIdx != null) {
            s.append(", padding_idx=").append(paddingIdx);
        }
        if (maxNorm != null) {
            s.append(", max_norm=").append(PyFormat.repr(maxNorm));
        }
        if (normType != 2) {
            s.append(", norm_type=").append(PyFormat.repr(normType));
        }
        if (scaleGradByFreq) {
            s.append(", scale_grad_by_freq=True");
        }
        if (sparse) {
            s.append(", sparse=True");
        }
        return s.toString();
    }
}
