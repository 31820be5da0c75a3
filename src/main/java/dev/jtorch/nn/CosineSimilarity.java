package dev.jtorch.nn;

import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;

/**
 * {@code torch.nn.CosineSimilarity(dim=1, eps=1e-08)}: {@code x1 . x2 / max(||x1|| * ||x2||, eps)} along
 * {@code dim}, the inputs broadcast together. It takes two inputs: {@link #forward(Tensor, Tensor)}.
 *
 * <pre>{@code
 * var cos = new CosineSimilarity();             // nn.CosineSimilarity()
 * new CosineSimilarity(0, 1e-6)                 // nn.CosineSimilarity(dim=0, eps=1e-6)
 * cos.forward(x1, x2)                           // cos(x1, x2)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.CosineSimilarity.html">
 * torch.nn.CosineSimilarity</a>.
 */
public class CosineSimilarity extends Module {
    private final long dim;
    private final double eps;

    /** {@code nn.CosineSimilarity()}: dimension 1, eps 1e-8. */
    public CosineSimilarity() {
        this(1, 1e-8);
    }

    /** {@code nn.CosineSimilarity(dim=dim)} with eps 1e-8. */
    public CosineSimilarity(long dim) {
        this(dim, 1e-8);
    }

    /** {@code nn.CosineSimilarity(dim, eps)}. */
    public CosineSimilarity(long dim, double eps) {
        this.dim = dim;
        this.eps = eps;
    }

    /** Python's {@code dim}. */
    public long dim() {
        return dim;
    }

    /** Python's {@code eps}. */
    public double eps() {
        return eps;
    }

    /** Python's {@code module(x1, x2)}. */
    public Tensor forward(Tensor x1, Tensor x2) {
        return F.cosineSimilarity(x1, x2, dim, eps);
    }

    /** CosineSimilarity takes two inputs: use {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        throw new UnsupportedOperationException("CosineSimilarity takes two inputs: forward(x1, x2)");
    }
}
