package dev.jtorch.metrics;

/**
 * The keyword arguments of scikit-learn's {@code precision_score}, {@code recall_score}, {@code f1_score},
 * {@code fbeta_score} and {@code precision_recall_fscore_support}: {@code labels}, {@code pos_label},
 * {@code average}, {@code zero_division}, with scikit-learn's defaults ({@code pos_label=1},
 * {@code zero_division="warn"}, and the function's own default {@code average}).
 *
 * <p>{@code f1_score(y, p, average='macro', zero_division=0)} is
 * {@code Metrics.f1Score(y, p, new ScoreOptions().average(Average.MACRO).zeroDivision(ZeroDivision.ZERO))}.
 *
 * <p>Mirrors the keyword arguments of
 * <a href="https://scikit-learn.org/stable/modules/generated/sklearn.metrics.precision_recall_fscore_support.html">sklearn.metrics.precision_recall_fscore_support</a>
 * and the scores built on it.
 */
public final class ScoreOptions {
    long[] labels;
    long posLabel = 1;
    boolean posLabelSet;
    Average average;
    ZeroDivision zeroDivision = ZeroDivision.WARN;

    /** The defaults. */
    public ScoreOptions() {}

    /** {@code labels}: the classes to score, in this order (default: every class in either array, sorted). */
    public ScoreOptions labels(long... v) {
        labels = v == null ? null : v.clone();
        return this;
    }

    /** {@code labels}. */
    public ScoreOptions labels(int... v) {
        labels = v == null ? null : Targets.toLong(v);
        return this;
    }

    /** {@code pos_label} (default 1): the positive class for {@code average='binary'}. */
    public ScoreOptions posLabel(long v) {
        posLabel = v;
        posLabelSet = true;
        return this;
    }

    /**
     * {@code average}; by default {@link Average#BINARY} for the {@code *_score} functions and {@link Average#NONE}
     * for {@code precision_recall_fscore_support}, as in scikit-learn.
     */
    public ScoreOptions average(Average v) {
        average = java.util.Objects.requireNonNull(v, "average");
        return this;
    }

    /** {@code zero_division} (default {@link ZeroDivision#WARN}). */
    public ScoreOptions zeroDivision(ZeroDivision v) {
        zeroDivision = java.util.Objects.requireNonNull(v, "zeroDivision");
        return this;
    }

    /** {@code labels}; null for all of them. */
    public long[] labels() {
        return labels == null ? null : labels.clone();
    }

    /** {@code pos_label}. */
    public long posLabel() {
        return posLabel;
    }

    /** {@code average}; null where the function's default applies. */
    public Average average() {
        return average;
    }

    /** {@code zero_division}. */
    public ZeroDivision zeroDivision() {
        return zeroDivision;
    }

    /** A copy whose average is {@code fallback} where none was set. */
    ScoreOptions withDefaultAverage(Average fallback) {
        ScoreOptions o = copy();
        if (o.average == null) {
            o.average = fallback;
        }
        return o;
    }

    ScoreOptions copy() {
        ScoreOptions o = new ScoreOptions();
        o.labels = labels;
        o.posLabel = posLabel;
        o.posLabelSet = posLabelSet;
        o.average = average;
        o.zeroDivision = zeroDivision;
        return o;
    }
}
