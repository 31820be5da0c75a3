package dev.jtorch.prep;

import dev.jtorch.internal.NumpySum;

/**
 * {@link StandardScaler}'s statistics as scikit-learn computes them ({@code _incremental_mean_and_var}): NaNs
 * ignored, sums in NumPy's order, the corrected two-pass variance of each batch and Chan et al.'s update of the
 * running mean and variance; and {@code scale_}, 1 where the variance is zero up to rounding.
 */
final class MeanVariance {
    private static final double EPS = Math.ulp(1.0);

    private MeanVariance() {}

    /** The updated statistics: per feature mean, variance ({@code null} without {@code with_std}) and count. */
    record Update(double[] mean, double[] var, long[] count) {}

    /** How many values of each feature are not NaN. */
    static long[] nonNanCounts(double[][] x, int nFeatures) {
        long[] count = new long[nFeatures];
        for (double[] row : x) {
            for (int j = 0; j < nFeatures; j++) {
                if (!Double.isNaN(row[j])) {
                    count[j]++;
                }
            }
        }
        return count;
    }

    /**
     * Adds the batch {@code x} to the statistics so far ({@code null}s before the first batch).
     *
     * @param withVar whether to compute the variance too
     */
    static Update update(double[][] x, int nFeatures, long[] nSamplesSeen, double[] mean, double[] var,
            boolean withVar) {
        int n = x.length;
        double[][] clean = new double[n][];
        long[] newCount = new long[nFeatures];
        for (int i = 0; i < n; i++) {
            double[] row = x[i].clone();
            for (int j = 0; j < nFeatures; j++) {
                if (Double.isNaN(row[j])) {
                    row[j] = 0.0;
                } else {
                    newCount[j]++;
                }
            }
            clean[i] = row;
        }
        double[] newSum = NumpySum.sumColumns(clean, nFeatures);
        long[] lastCount = nSamplesSeen == null ? new long[nFeatures] : nSamplesSeen;
        double[] lastMean = mean == null ? new double[nFeatures] : mean;
        double[] lastVar = var == null ? new double[nFeatures] : var;
        long[] updatedCount = add(lastCount, newCount);
        double[] updatedMean = new double[nFeatures];
        double[] lastSum = new double[nFeatures];
        for (int j = 0; j < nFeatures; j++) {
            lastSum[j] = lastMean[j] * lastCount[j];
            updatedMean[j] = (lastSum[j] + newSum[j]) / updatedCount[j];
        }
        double[] updatedVar = null;
        if (withVar) {
            double[][] temp = new double[n][nFeatures];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < nFeatures; j++) {
                    double t = newSum[j] / newCount[j];
                    temp[i][j] = Double.isNaN(x[i][j]) ? 0.0 : x[i][j] - t;
                }
            }
            double[] correction = NumpySum.sumColumns(temp, nFeatures);
            for (double[] row : temp) {
                for (int j = 0; j < nFeatures; j++) {
                    row[j] = row[j] * row[j];
                }
            }
            double[] newUnnormalized = NumpySum.sumColumns(temp, nFeatures);
            updatedVar = new double[nFeatures];
            for (int j = 0; j < nFeatures; j++) {
                newUnnormalized[j] -= correction[j] * correction[j] / newCount[j];
                double updatedUnnormalized;
                if (lastCount[j] == 0) {
                    updatedUnnormalized = newUnnormalized[j];
                } else {
                    double lastUnnormalized = lastVar[j] * lastCount[j];
                    double lastOverNew = (double) lastCount[j] / newCount[j];
                    double d = lastSum[j] / lastOverNew - newSum[j];
                    updatedUnnormalized = lastUnnormalized + newUnnormalized[j] + lastOverNew / updatedCount[j] * (d * d);
                }
                updatedVar[j] = updatedUnnormalized / updatedCount[j];
            }
        }
        return new Update(updatedMean, updatedVar, updatedCount);
    }

    /** {@code scale_}: the standard deviation, or 1 where the variance is zero up to rounding. */
    static double[] scale(long[] count, double[] mean, double[] var) {
        double[] scale = new double[count.length];
        for (int j = 0; j < count.length; j++) {
            long cnt = count[j];
            double m = cnt * mean[j] * EPS;
            double upperBound = cnt * EPS * var[j] + m * m;
            scale[j] = var[j] <= upperBound ? 1.0 : Math.sqrt(var[j]);
        }
        return scale;
    }

    static long[] add(long[] a, long[] b) {
        if (a == null) {
            return b.clone();
        }
        long[] out = new long[b.length];
        for (int j = 0; j < b.length; j++) {
            out[j] = a[j] + b[j];
        }
        return out;
    }
}
