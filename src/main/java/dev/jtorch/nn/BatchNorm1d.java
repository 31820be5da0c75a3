package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * {@code torch.nn.BatchNorm1d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)} over
 * inputs of shape (N, C) or (N, C, L); see {@link BatchNormBase} for the statistics.
 *
 * <pre>{@code
 * new BatchNorm1d(64)   // nn.BatchNorm1d(64)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm1d.html">torch.nn.BatchNorm1d</a>.
 */
public class BatchNorm1d extends BatchNormBase {
    /** {@code nn.BatchNorm1d(num_features)}. */
    public BatchNorm1d(long numFeatures) {
        this(numFeatures, new Options());
    }

    /** {@code nn.BatchNorm1d(num_features, ...)} with options. */
    public BatchNorm1d(long numFeatures, Options options) {
        super(numFeatures, options);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("expected 2D or 3D input (got " + input.dim() + "D input)");
        }
    }
}
