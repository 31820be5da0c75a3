package dev.jtorch.prep;

import java.util.function.DoubleSupplier;

/**
 * NumPy's legacy {@code legacy_gauss}: the polar Box-Muller method on uniform draws, which caches its second value
 * for the next call, as {@link RandomState#standardNormal()} uses it ({@code has_gauss} and {@code gauss} of
 * {@code RandomState.get_state()}).
 */
final class LegacyGauss {
    private boolean hasGauss;
    private double gauss;

    /** The next standard normal value, drawing two uniforms from {@code randomSample} per try when none is cached. */
    double next(DoubleSupplier randomSample) {
        if (hasGauss) {
            double tmp = gauss;
            hasGauss = false;
            gauss = 0.0;
            return tmp;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample.getAsDouble() - 1.0;
            x2 = 2.0 * randomSample.getAsDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** Whether a second value is cached. */
    boolean hasCached() {
        return hasGauss;
    }

    /** The cached value (0 when none). */
    double cached() {
        return gauss;
    }

    /** Sets the cache, as {@code set_state} does (the value is dropped when {@code has} is false). */
    void set(boolean has, double value) {
        hasGauss = has;
        gauss = has ? value : 0.0;
    }
}
