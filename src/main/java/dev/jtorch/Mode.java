package dev.jtorch;

import java.util.Locale;

/**
 * Whether a smaller or a larger metric is better: PyTorch's {@code mode='min'|'max'} of
 * {@code ReduceLROnPlateau}, and the same choice for {@code EarlyStopping} and {@code HyperparameterSearch}.
 *
 * <p>Mirrors the {@code mode} argument of
 * <a href="https://pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.ReduceLROnPlateau.html">torch.optim.lr_scheduler.ReduceLROnPlateau</a>.
 */
public enum Mode implements PyEnum {
    /** {@code 'min'}: the metric should decrease (a loss). */
    MIN,
    /** {@code 'max'}: the metric should increase (an accuracy). */
    MAX;

    /** The name Python uses: {@code min} or {@code max}. */
    @Override
    public String pythonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
