package dev.jtorch.nn;

import dev.jtorch.PyFormat;
import dev.jtorch.Tensor;
import dev.jtorch.nn.functional.F;
import dev.jtorch.nn.functional.InterpolateMode;
import java.util.Objects;

/**
 * {@code torch.nn.Upsample(size=None, scale_factor=None, mode='nearest', align_corners=None,
 * recompute_scale_factor=None)}: resizes inputs of shape (N, C, W), (N, C, H, W) or (N, C, D, H, W) to {@code size},
 * or by {@code scale_factor}, through {@link F#interpolate}. Exactly one of the two must be given (checked when
 * called, as in PyTorch); a single number applies to every spatial dimension. {@code align_corners} may only be set
 * with the interpolating modes.
 *
 * <pre>{@code
 * new Upsample(new Upsample.Options().scaleFactor(2))                          // nn.Upsample(scale_factor=2)
 * new Upsample(new Upsample.Options().size(new long[] {4, 5}).mode(InterpolateMode.BILINEAR).alignCorners(true))
 *                                       // nn.Upsample(size=(4, 5), mode='bilinear', align_corners=True)
 * }</pre>
 *
 * <p>PyTorch's {@code 'nearest-exact'} mode and {@code F.interpolate}'s {@code antialias} are not offered.
 *
 * <p>Mirrors <a href="https://pytorch.org/docs/stable/generated/torch.nn.Upsample.html">torch.nn.Upsample</a>.
 */
public class Upsample extends Module {
    /** PyTorch's options and defaults for {@link Upsample}: neither size nor scale factor, mode nearest. */
    public static final class Options {
        private long[] size;
        private boolean sizeSingle;
        private double[] scaleFactor;
        private boolean scaleSingle;
        private InterpolateMode mode = InterpolateMode.NEAREST;
        private Boolean alignCorners;
        private Boolean recomputeScaleFactor;

        /** Python's {@code size} as one number, for every spatial dimension. */
        public Options size(long size) {
            this.size = new long[] {size};
            this.sizeSingle = true;
            return this;
        }

        /** Python's {@code size} as a tuple, one size per spatial dimension. */
        public Options size(long[] size) {
            this.size = Objects.requireNonNull(size, "size").clone();
            this.sizeSingle = false;
            return this;
        }

        /** Python's {@code scale_factor} as one number, for every spatial dimension. */
        public Options scaleFactor(double scaleFactor) {
            this.scaleFactor = new double[] {scaleFactor};
            this.scaleSingle = true;
            return this;
        }

        /** Python's {@code scale_factor} as a tuple, one factor per spatial dimension. */
        public Options scaleFactor(double[] scaleFactor) {
            this.scaleFactor = Objects.requireNonNull(scaleFactor, "scaleFactor").clone();
            this.scaleSingle = false;
            return this;
        }

        /** Python's {@code mode} (default nearest). */
        public Options mode(InterpolateMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Python's {@code align_corners}; null (the default) is Python's {@code None}. */
        public Options alignCorners(Boolean alignCorners) {
            this.alignCorners = alignCorners;
            return this;
        }

        /** Python's {@code recompute_scale_factor}; null (the default) is Python's {@code None}. */
        public Options recomputeScaleFactor(Boolean recomputeScaleFactor) {
            this.recomputeScaleFactor = recomputeScaleFactor;
            return this;
        }
    }

    private final long[] size;
    private final boolean sizeSingle;
    private final double[] scaleFactor;
    private final boolean scaleSingle;
    private final InterpolateMode mode;
    private final Boolean alignCorners;
    private final Boolean recomputeScaleFactor;

    /** {@code nn.Upsample(...)} with options. */
    public Upsample(Options options) {
        this.size = options.size;
        this.sizeSingle = options.sizeSingle;
        this.scaleFactor = options.scaleFactor;
        this.scaleSingle = options.scaleSingle;
        this.mode = options.mode;
        this.alignCorners = options.alignCorners;
        this.recomputeScaleFactor = options.recomputeScaleFactor;
    }

    /** Python's {@code size}, one element for a single number; null for {@code None}. */
    public long[] size() {
        return size == null ? null : size.clone();
    }

    /** Python's {@code scale_factor}, one element for a single number; null for {@code None}. */
    public double[] scaleFactor() {
        return scaleFactor == null ? null : scaleFactor.clone();
    }

    /** Python's {@code mode}. */
    public InterpolateMode mode() {
        return mode;
    }

    /** Python's {@code align_corners}; null for {@code None}. */
    public Boolean alignCorners() {
        return alignCorners;
    }

    /** Python's {@code recompute_scale_factor}; null for {@code None}. */
    public Boolean recomputeScaleFactor() {
        return recomputeScaleFactor;
    }

    @Override
    public Tensor forward(Tensor input) {
        return F.interpolate(input, size, scaleFactor, mode, alignCorners, recomputeScaleFactor);
    }

    @Override
    public String extraRepr() {
        String info;
        if (scaleFactor != null) {
            info = "scale_factor=" + (scaleSingle ? PyFormat.repr(scaleFactor[0]) : floatTuple(scaleFactor));
        } else if (size != null) {
            info = "size=" + (sizeSingle ? String.valueOf(size[0]) : IntArg.tuple(size));
        } else {
            info = "size=None";
        }
        return info + ", mode=" + mode.pythonName();
    }

    private static String floatTuple(double[] v) {
        StringBuilder b = new StringBuilder("(");
        for (int k = 0; k < v.length; k++) {
            b.append(k > 0 ? ", " : "").append(PyFormat.repr(v[k]));
        }
        return b.append(v.length == 1 ? ",)" : ")").toString();
    }
}
