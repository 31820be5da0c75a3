package dev.jtorch;

import dev.jtorch.internal.TensorFormatter;

/**
 * The arguments of {@code torch.set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None,
 * profile=None, sci_mode=None)} for {@link Torch#setPrintoptions(PrintOptions)}: each setter is one keyword argument,
 * and an option left unset is Python's {@code None} (left as it is, except {@code sciMode}, which Python resets to
 * automatic on every call). {@code torch.set_printoptions(precision=2, sci_mode=False)} is
 * {@code Torch.setPrintoptions(new PrintOptions().precision(2).sciMode(false))}.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/1.13/generated/torch.set_printoptions.html">torch.set_printoptions</a>.
 */
public final class PrintOptions {
    /** The {@code profile} argument: PyTorch's named defaults. */
    public enum Profile implements PyEnum {
        /** {@code "default"}: precision 4, threshold 1000, edge items 3, line width 80. */
        DEFAULT(4, 1000, 3, 80),
        /** {@code "short"}: precision 2, threshold 1000, edge items 2, line width 80. */
        SHORT(2, 1000, 2, 80),
        /** {@code "full"}: precision 4, no summarizing (threshold infinity), edge items 3, line width 80. */
        FULL(4, Double.POSITIVE_INFINITY, 3, 80);

        final int precision;
        final double threshold;
        final int edgeItems;
        final int lineWidth;

        Profile(int precision, double threshold, int edgeItems, int lineWidth) {
            this.precision = precision;
            this.threshold = threshold;
            this.edgeItems = edgeItems;
            this.lineWidth = lineWidth;
        }

        /** Python's name: {@code "default"}, {@code "short"}, {@code "full"}. */
        @Override
        public String pythonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public String toString() {
            return pythonName();
        }
    }

    private Integer precision;
    private Double threshold;
    private Integer edgeItems;
    private Integer lineWidth;
    private Profile profile;
    private Boolean sciMode;

    /** No arguments: {@code torch.set_printoptions()} (which only resets {@code sci_mode} to automatic). */
    public PrintOptions() {}

    /** {@code precision}: digits after the point (default 4). */
    public PrintOptions precision(int precision) {
        this.precision = precision;
        return this;
    }

    /** {@code threshold}: tensors with more elements are summarized (default 1000). */
    public PrintOptions threshold(double threshold) {
        this.threshold = threshold;
        return this;
    }

    /** {@code edgeitems}: the items shown at each end of a summarized dimension (default 3). */
    public PrintOptions edgeItems(int edgeItems) {
        this.edgeItems = edgeItems;
        return this;
    }

    /** {@code linewidth}: characters per line (default 80). */
    public PrintOptions lineWidth(int lineWidth) {
        this.lineWidth = lineWidth;
        return this;
    }

    /** {@code profile}: named defaults, applied before the other options given. */
    public PrintOptions profile(Profile profile) {
        this.profile = profile;
        return this;
    }

    /** {@code sci_mode}: true or false forces scientific notation on or off; null is automatic (Python's None). */
    public PrintOptions sciMode(Boolean sciMode) {
        this.sciMode = sciMode;
        return this;
    }

    /** The precision given, or null. */
    public Integer precision() {
        return precision;
    }

    /** The threshold given, or null. */
    public Double threshold() {
        return threshold;
    }

    /** The edge items given, or null. */
    public Integer edgeItems() {
        return edgeItems;
    }

    /** The line width given, or null. */
    public Integer lineWidth() {
        return lineWidth;
    }

    /** The profile given, or null. */
    public Profile profile() {
        return profile;
    }

    /** The scientific mode given, or null (automatic). */
    public Boolean sciMode() {
        return sciMode;
    }

    /** Python's {@code set_printoptions} body: these arguments applied to {@code old}. */
    TensorFormatter.Options applyTo(TensorFormatter.Options old) {
        int p = old.precision();
        double t = old.threshold();
        int e = old.edgeItems();
        int w = old.lineWidth();
        if (profile != null) {
            p = profile.precision;
            t = profile.threshold;
            e = profile.edgeItems;
            w = profile.lineWidth;
        }
        if (precision != null) {
            p = precision;
        }
        if (threshold != null) {
            t = threshold;
        }
        if (edgeItems != null) {
            e = edgeItems;
        }
        if (lineWidth != null) {
            w = lineWidth;
        }
        return new TensorFormatter.Options(p, t, e, w, sciMode);
    }
}
