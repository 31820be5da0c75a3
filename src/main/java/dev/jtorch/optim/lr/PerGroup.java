package dev.jtorch.optim.lr;

import java.util.Objects;

/**
 * An option that is one value for every parameter group or a list of one per group, as PyTorch's
 * {@code _format_param} accepts ({@code max_lr=0.1} or {@code max_lr=[0.1, 0.01]}).
 */
record PerGroup(double scalar, double[] values) {
    static PerGroup of(double value) {
        return new PerGroup(value, null);
    }

    static PerGroup of(double[] values) {
        Objects.requireNonNull(values, "values");
        return new PerGroup(Double.NaN, values.clone());
    }

    /** One value per group; a list of the wrong length gets PyTorch's {@code _format_param} message. */
    double[] expand(String name, int groups) {
        if (values == null) {
            double[] out = new double[groups];
            java.util.Arrays.fill(out, scalar);
            return out;
        }
        if (values.length != groups) {
            throw new IllegalArgumentException("expected " + groups + " values for " + name + ", got "
                    + values.length);
        }
        return values.clone();
    }
}
