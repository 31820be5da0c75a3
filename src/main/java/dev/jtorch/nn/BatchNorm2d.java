package dev.jtorch.nn;

import dev.jtorch.Tensor;

/**
 * {@code torch.nn.BatchNorm2d(num_features, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)} over
 * inputs of shape (N, C, H, W); see {@link BatchNormBase} for the statistics.
 *
 * <pre>{@code
 * new BatchNorm2d(16, new BatchNorm2d.Options().momentum(null))   // nn.BatchNorm2d(16, momentum=None)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm2d.html">torch.nn.BatchNorm2d</a>.
 */
public class BatchNorm2d extends BatchNormBase {
    /** {@code nn.BatchNorm2d(num_features)}. */
    public BatchNorm2d(long numFeatures) {
        this(numFeatures, new Options());
    }

    /** {@code nn.BatchNorm2d(num_features, ...)} with options. */
    public BatchNorm2d(long numFeatures, Options options) {
        super(numFeatures, options);
    }

    @Override
    protected void checkInputDim(Tensor input) {
        if (input.dim() != 4) {
            throw new IllegalArgumentException("expected 4D input (got " + input.dim() + "D input)");
        }
    }
}
