package dev.jtorch.metrics;

import java.util.List;
import java.util.Objects;

/**
 * The keyword arguments of scikit-learn's {@code classification_report}: {@code labels}, {@code target_names},
 * {@code digits} (default 2) and {@code zero_division} (default {@code "warn"}).
 *
 * <p>Mirrors the keyword arguments of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.classification_report.html">sklearn.metrics.classification_report</a>.
 */
public final class ReportOptions {
    long[] labels;
    List<String> targetNames;
    int digits = 2;
    ZeroDivision zeroDivision = ZeroDivision.WARN;

    /** The defaults. */
    public ReportOptions() {}

    /** {@code labels}: the classes to report, in this order. */
    public ReportOptions labels(long... v) {
        labels = v == null ? null : v.clone();
        return this;
    }

    /** {@code labels}. */
    public ReportOptions labels(int... v) {
        labels = v == null ? null : Targets.toLong(v);
        return this;
    }

    /** {@code target_names}: the row names, one per label. */
    public ReportOptions targetNames(String... v) {
        targetNames = v == null ? null : List.of(v);
        return this;
    }

    /** {@code target_names}. */
    public ReportOptions targetNames(List<String> v) {
        targetNames = v == null ? null : List.copyOf(v);
        return this;
    }

    /** {@code digits} (default 2): decimals of the scores. */
    public ReportOptions digits(int v) {
        if (v < 0) {
            throw new IllegalArgumentException("digits must not be negative, got " + v);
        }
        digits = v;
        return this;
    }

    /** {@code zero_division} (default {@link ZeroDivision#WARN}). */
    public ReportOptions zeroDivision(ZeroDivision v) {
        zeroDivision = Objects.requireNonNull(v, "zeroDivision");
        return this;
    }

    /** {@code labels}; null for every class present. */
    public long[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** {@code target_names}; null for the labels themselves. */
    public List<String> targetNames() {
        return targetNames;
    }

    /** {@code digits}. */
    public int digits() {
        return digits;
    }

    /** {@code zero_division}. */
    public ZeroDivision zeroDivision() {
        return zeroDivision;
    }
}
