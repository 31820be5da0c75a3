package dev.jtorch.nn;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.TensorScope;
import dev.jtorch.Torch;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.init.Init;
import java.util.Objects;

/**
 * {@code torch.nn.LayerNorm(normalized_shape, eps=1e-05, elementwise_affine=True)}: normalises over the last
 * dimensions (those of {@code normalized_shape}) of each sample, with a learnable elementwise {@code weight} (ones)
 * and {@code bias} (zeros).
 *
 * <pre>{@code
 * new LayerNorm(512)                                      // nn.LayerNorm(512)
 * new LayerNorm(new long[] {3, 4})                        // nn.LayerNorm([3, 4])
 * new LayerNorm(8, new LayerNorm.Options().eps(1e-6))     // nn.LayerNorm(8, eps=1e-6)
 * }</pre>
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.LayerNorm.html">torch.nn.LayerNorm</a>.
 */
public class LayerNorm extends Module {
    /** Python's {@code weight}, of shape {@code normalized_shape}, or null without elementwise affine. */
    public Parameter weight;
    /** Python's {@code bias}, of shape {@code normalized_shape}, or null without elementwise affine. */
    public Parameter bias;

    private final long[] normalizedShape;
    private final double eps;
    private final boolean elementwiseAffine;

    /** PyTorch's options and defaults for {@link LayerNorm}. */
    public static final class Options {
        private double eps = 1e-5;
        private boolean elementwiseAffine = true;

        /** Python's {@code eps} (default 1e-5). */
        public Options eps(double eps) {
            this.eps = eps;
            return this;
        }

        /** Python's {@code elementwise_affine} (default true). */
        public Options elementwiseAffine(boolean elementwiseAffine) {
            this.elementwiseAffine = elementwiseAffine;
            return this;
        }
    }

    /** {@code nn.LayerNorm(normalized_shape)} over the last dimension. */
    public LayerNorm(long normalizedShape) {
        this(new long[] {normalizedShape}, new Options());
    }

    /** {@code nn.LayerNorm(normalized_shape, ...)} over the last dimension, with options. */
    public LayerNorm(long normalizedShape, Options options) {
        this(new long[] {normalizedShape}, options);
    }

    /** {@code nn.LayerNorm([d1, d2, ...])} over the last dimensions. */
    public LayerNorm(long[] normalizedShape) {
        this(normalizedShape, new Options());
    }

    /** {@code nn.LayerNorm([d1, d2, ...], ...)} with options. */
    public LayerNorm(long[] normalizedShape, Options options) {
        this.normalizedShape = Objects.requireNonNull(normalizedShape, "normalizedShape").clone();
        this.eps = options.eps;
        this.elementwiseAffine = options.elementwiseAffine;
        if (elementwiseAffine) {
            try (TensorScope s = new TensorScope("LayerNorm init")) {
                weight = new Parameter(Torch.empty(this.normalizedShape));
                bias = new Parameter(Torch.empty(this.normalizedShape));
            }
        }
        resetParameters();
    }

    /** Python's {@code reset_parameters()}: weight to ones, bias to zeros. */
    public void resetParameters() {
        if (elementwiseAffine) {
            Init.ones_(weight);
            Init.zeros_(bias);
        }
    }

    /** Python's {@code normalized_shape}. */
    public long[] normalizedShape() {
        return normalizedShape.clone();
    }

    /** Python's {@code eps}. */
    public double eps() {
        return eps;
    }

    /** Python's {@code elementwise_affine}. */
    public boolean elementwiseAffine() {
        return elementwiseAffine;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.layerNorm(input, normalizedShape, weight, bias, eps);
    }

    @Override
    public String extraRepr() {
        return IntArg.tuple(normalizedShape) + ", eps=" + PyFormat.repr(eps) + ", elementwise_affine="
                + BatchNormBase.py(elementwiseAffine);
    }
}
