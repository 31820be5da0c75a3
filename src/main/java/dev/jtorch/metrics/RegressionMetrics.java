package dev.jtorch.metrics;

import dev.jtorch.internal.NumpySum;
import java.util.Objects;

/** The algorithms of {@code sklearn.metrics._regression}, for one output. */
final class RegressionMetrics {
    private RegressionMetrics() {}

    private static void check(double[] yTrue, double[] yPred) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(yPred, "yPred");
        Targets.checkConsistentLength(yTrue.length, yPred.length);
        if (yTrue.length == 0) {
            throw new IllegalArgumentException(
                    "Found array with 0 sample(s) (shape=(0,)) while a minimum of 1 is required.");
        }
        Targets.checkFinite(yTrue);
        Targets.checkFinite(yPred);
    }

    /** {@code mean_squared_error}: the mean of {@code (y_true - y_pred) ** 2}. */
    static double meanSquaredError(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        double[] sq = new double[yTrue.length];
        for (int i = 0; i < sq.length; i++) {
            double d = yTrue[i] - yPred[i];
            sq[i] = d * d;
        }
        return NumpySum.sum(sq) / sq.length;
    }

    /** {@code mean_absolute_error}: the mean of {@code |y_pred - y_true|}. */
    static double meanAbsoluteError(double[] yTrue, double[] yPred) {
        check(yTrue, yPred);
        double[] abs = new double[yTrue.length];
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Math.abs(yPred[i] - yTrue[i]);
        }
        return NumpySum.sum(abs) / abs.length;
    }

    /**
     * {@code r2_score(y_true, y_pred, force_finite=forceFinite)}: {@code 1 - SS_res / SS_tot}; NaN for fewer than two
     * samples; with {@code force_finite}, 1 for a perfect fit and 0 for a constant {@code y_true} otherwise.
     */
    static double r2Score(double[] yTrue, double[] yPred, boolean forceFinite) {
        check(yTrue, yPred);
        if (yPred.length < 2) {
            Targets.warn("R^2 score is not well-defined with less than two samples.");
            return Double.NaN;
        }
        int n = yTrue.length;
        double[] res = new double[n];
        for (int i = 0; i < n; i++) {
            double d = yTrue[i] - yPred[i];
            res[i] = 1.0 * (d * d);
        }
        double numerator = NumpySum.sum(res);
        double mean = NumpySum.sum(yTrue) / n;
        double[] tot = new double[n];
        for (int i = 0; i < n; i++) {
            double d = yTrue[i] - mean;
            tot[i] = 1.0 * (d * d);
        }
        double denominator = NumpySum.sum(tot);
        if (!forceFinite) {
            return 1 - numerator / denominator;
        }
        if (numerator == 0) {
            return 1.0;
        }
        return denominator != 0 ? 1 - numerator / denominator : 0.0;
    }
}
