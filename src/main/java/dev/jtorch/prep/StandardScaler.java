package dev.jtorch.prep;

import dev.jtorch.DType;
import dev.jtorch.Tensor;

/**
 * scikit-learn's {@code sklearn.preprocessing.StandardScaler}: {@code z = (x - mean_) / scale_} per feature, with
 * the population standard deviation ({@code ddof=0}) as {@code scale_}, and 1 for features whose variance is zero
 * up to rounding. Means and variances are computed as scikit-learn computes them (NumPy's summation order, the
 * corrected two-pass variance, Chan et al.'s update for {@link #partialFit}), so they agree to the last bit.
 * NaNs are ignored when fitting and kept when transforming, as in scikit-learn.
 *
 * <p>{@code scaler.fit_transform(X_train)} is {@code scaler.fitTransform(xTrain)}. A float32 input (a
 * {@code float[][]} or a float32 {@link Tensor}, such as the tutorials pass) is standardised in float32 the way
 * NumPy does it, rounding after the subtraction and after the division.
 *
 * <p>Mirrors scikit-learn's
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.preprocessing.StandardScaler.html">sklearn.preprocessing.StandardScaler</a>.
 */
public final class StandardScaler {
    private final boolean withMean;
    private final boolean withStd;
    private double[] mean;
    private double[] var;
    private double[] scale;
    private long[] nSamplesSeen;

    /** The optional arguments of {@code StandardScaler}, with scikit-learn's defaults. */
    public static final class Options {
        private boolean withMean = true;
        private boolean withStd = true;

        /** The defaults: center and scale. */
        public Options() {}

        /** {@code with_mean} (default true). */
        public Options withMean(boolean v) {
            withMean = v;
            return this;
        }

        /** {@code with_std} (default true). */
        public Options withStd(boolean v) {
            withStd = v;
            return this;
        }

        /** {@code with_mean}. */
        public boolean withMean() {
            return withMean;
        }

        /** {@code with_std}. */
        public boolean withStd() {
            return withStd;
        }
    }

    /** {@code StandardScaler()}. */
    public StandardScaler() {
        this(new Options());
    }

    /** {@code StandardScaler(with_mean=..., with_std=...)}. */
    public StandardScaler(Options o) {
        this.withMean = o.withMean;
        this.withStd = o.withStd;
    }

    // ------------------------------------------------------------------ fitting

    /** {@code fit(X)}: forgets any earlier fit and computes {@code mean_}, {@code var_} and {@code scale_}. */
    public StandardScaler fit(double[][] x) {
        reset();
        return partialFit(x);
    }

    /** {@code fit(X)} for float32 data. */
    public StandardScaler fit(float[][] x) {
        return fit(toDouble(x));
    }

    /** {@code fit(X)} for a 2-D tensor. */
    public StandardScaler fit(Tensor x) {
        return fit(matrix(x));
    }

    /** {@code partial_fit(X)}: updates the statistics with another batch of rows. */
    public StandardScaler partialFit(double[][] x) {
        int nFeatures = ScalerInputs.checkInput(x, mean == null ? -1 : mean.length);
        if (!withMean && !withStd) {
            mean = null;
            var = null;
            nSamplesSeen = MeanVariance.add(nSamplesSeen, MeanVariance.nonNanCounts(x, nFeatures));
            scale = null;
            return this;
        }
        MeanVariance.Update u = MeanVariance.update(x, nFeatures, nSamplesSeen, mean, var, withStd);
        mean = u.mean();
        var = u.var();
        nSamplesSeen = u.count();
        scale = withStd ? MeanVariance.scale(nSamplesSeen, mean, var) : null;
        return this;
    }

    /** {@code partial_fit(X)} for float32 data. */
    public StandardScaler partialFit(float[][] x) {
        return partialFit(toDouble(x));
    }

    // ------------------------------------------------------------------ transforming

    /** {@code transform(X)}: a new array {@code (X - mean_) / scale_}. */
    public double[][] transform(double[][] x) {
        checkFitted();
        ScalerInputs.checkInput(x, nSamplesSeen.length);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i].clone();
            for (int j = 0; j < row.length; j++) {
                if (withMean) {
                    row[j] -= mean[j];
                }
                if (withStd) {
                    row[j] /= scale[j];
                }
            }
            out[i] = row;
        }
        return out;
    }

    /** {@code transform(X)} of float32 data, in float32 as NumPy computes it. */
    public float[][] transform(float[][] x) {
        checkFitted();
        ScalerInputs.checkInput(toDouble(x), nSamplesSeen.length);
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            float[] row = x[i].clone();
            for (int j = 0; j < row.length; j++) {
                if (withMean) {
                    row[j] = (float) (row[j] - mean[j]);
                }
                if (withStd) {
                    row[j] = (float) (row[j] / scale[j]);
                }
            }
            out[i] = row;
        }
        return out;
    }

    /**
     * {@code transform(X)} of a 2-D tensor, as a {@code double[][]} to wrap with
     * {@code Torch.tensor(..., DType.FLOAT32)} like the tutorials do; a float32 tensor is transformed in float32.
     */
    public double[][] transform(Tensor x) {
        if (x.dtype() == DType.FLOAT32) {
            return toDouble(transform(floatMatrix(x)));
        }
        return transform(matrix(x));
    }

    /** {@code fit_transform(X)}: {@code fit(X)} then {@code transform(X)}. */
    public double[][] fitTransform(double[][] x) {
        return fit(x).transform(x);
    }

    /** {@code fit_transform(X)} of float32 data. */
    public float[][] fitTransform(float[][] x) {
        return fit(x).transform(x);
    }

    /** {@code fit_transform(X)} of a 2-D tensor (see {@link #transform(Tensor)}). */
    public double[][] fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    /** {@code inverse_transform(X)}: a new array {@code X * scale_ + mean_}. */
    public double[][] inverseTransform(double[][] x) {
        checkFitted();
        ScalerInputs.checkInput(x, nSamplesSeen.length);
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] row = x[i].clone();
            for (int j = 0; j < row.length; j++) {
                if (withStd) {
                    row[j] *= scale[j];
                }
                if (withMean) {
                    row[j] += mean[j];
                }
            }
            out[i] = row;
        }
        return out;
    }

    /** {@code inverse_transform(X)} of float32 data, in float32 as NumPy computes it. */
    public float[][] inverseTransform(float[][] x) {
        checkFitted();
        ScalerInputs.checkInput(toDouble(x), nSamplesSeen.length);
        float[][] out = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            float[] row = x[i].clone();
            for (int j = 0; j < row.length; j++) {
                if (withStd) {
                    row[j] = (float) (row[j] * scale[j]);
                }
                if (withMean) {
                    row[j] = (float) (row[j] + mean[j]);
                }
            }
            out[i] = row;
        }
        return out;
    }

    // ------------------------------------------------------------------ attributes

    /** {@code mean_}: the per-feature mean; null when neither centering nor scaling, or before fitting. */
    public double[] mean() {
        return mean == null ? null : mean.clone();
    }

    /** {@code var_}: the per-feature population variance; null with {@code with_std=False}. */
    public double[] var() {
        return var == null ? null : var.clone();
    }

    /** {@code scale_}: the per-feature divisor ({@code sqrt(var_)}, 1 for constant features); null with {@code with_std=False}. */
    public double[] scale() {
        return scale == null ? null : scale.clone();
    }

    /** {@code n_samples_seen_}, per feature (they differ only where some values were NaN). */
    public long[] nSamplesSeen() {
        return nSamplesSeen == null ? null : nSamplesSeen.clone();
    }

    /** {@code n_features_in_}. */
    public int nFeaturesIn() {
        checkFitted();
        return nSamplesSeen.length;
    }

    /** {@code with_mean}. */
    public boolean withMean() {
        return withMean;
    }

    /** {@code with_std}. */
    public boolean withStd() {
        return withStd;
    }

    /** Python's {@code repr}: {@code StandardScaler()}, listing the arguments that differ from the defaults. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("StandardScaler(");
        if (!withMean) {
            sb.append("with_mean=False");
        }
        if (!withStd) {
            sb.append(withMean ? "" : ", ").append("with_std=False");
        }
        return sb.append(')').toString();
    }

    // ------------------------------------------------------------------ helpers

    private void reset() {
        mean = null;
        var = null;
        scale = null;
        nSamplesSeen = null;
    }

    private void checkFitted() {
        if (nSamplesSeen == null) {
            throw new IllegalStateException("This StandardScaler instance is not fitted yet. Call 'fit' with "
                    + "appropriate arguments before using this estimator.");
        }
    }

    static double[][] toDouble(float[][] x) {
        return ScalerInputs.toDouble(x);
    }

    private static double[][] matrix(Tensor x) {
        return ScalerInputs.matrix(x);
    }

    private static float[][] floatMatrix(Tensor x) {
        return ScalerInputs.floatMatrix(x);
    }
}
