package dev.jtorch;

import dev.jtorch.internal.Native;
import org.bytedeco.pytorch.SymInt;
import org.bytedeco.pytorch.SymIntOptional;

/**
 * Python's slice {@code start:stop:step} for {@link Tensor#index(Object...)}: {@code X[:800]} is
 * {@code X.index(Slice.to(800))}, {@code X[800:]} is {@code X.index(Slice.from(800))}, {@code X[:, 0]} is
 * {@code X.index(Slice.all(), 0)}. A missing bound is {@code null}, as Python's {@code None}.
 *
 * <p>Mirrors libtorch's {@code torch::indexing::Slice}
 * (<a href="https://pytorch.org/cppdocs/notes/tensor_indexing.html">Tensor Indexing API</a>), Python's
 * {@code start:stop:step}.
 */
public record Slice(Long start, Long stop, Long step) {
    /** Validates the step: Python rejects 0, and tensors reject negative steps. */
    public Slice {
        if (step != null && step <= 0) {
            throw new IllegalArgumentException(step == 0 ? "slice step cannot be zero" : "step must be greater than zero");
        }
    }

    /** {@code :} */
    public static Slice all() {
        return new Slice(null, null, null);
    }

    /** {@code :stop} */
    public static Slice to(long stop) {
        return new Slice(null, stop, null);
    }

    /** {@code start:} */
    public static Slice from(long start) {
        return new Slice(start, null, null);
    }

    /** {@code start:stop} */
    public static Slice of(long start, long stop) {
        return new Slice(start, stop, null);
    }

    /** {@code start:stop:step} */
    public static Slice of(long start, long stop, long step) {
        return new Slice(start, stop, step);
    }

    /** Parses one Python slice expression such as {@code ":800"}, {@code "1:-1"} or {@code "::2"}. */
    public static Slice parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("Not a slice: '" + text + "'");
        }
        return new Slice(bound(parts[0], text), bound(parts[1], text), parts.length == 3 ? bound(parts[2], text) : null);
    }

    private static Long bound(String s, String text) {
        String t = s.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Not a slice: '" + text + "'", e);
        }
    }

    org.bytedeco.pytorch.Slice toNative() {
        Native.ensureLoaded();
        return new org.bytedeco.pytorch.Slice(opt(start), opt(stop), opt(step));
    }

    private static SymIntOptional opt(Long v) {
        return v == null ? new SymIntOptional() : new SymIntOptional(new SymInt(v));
    }

    /** Python's text, e.g. {@code :800} or {@code 1:5:2}. */
    @Override
    public String toString() {
        return (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == null ? "" : ":" + step);
    }
}
