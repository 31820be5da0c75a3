package dev.jtorch.optim;

import dev.jtorch.internal.Ops;
import java.util.HashMap;
import java.util.Map;
import org.bytedeco.pytorch.Scalar;

/**
 * The native {@code c10::Scalar}s of one optimizer's options (betas, eps, weight decay, ...), made once per value
 * and kept across steps instead of being allocated and registered with JavaCPP at every step (PyTorch passes them
 * as plain C++ doubles). Values that change every step (bias corrections, scheduled learning rates) do not belong
 * here; the cache is bounded and simply starts afresh when a schedule keeps feeding it new values.
 */
final class Scalars {
    private static final int MAX = 64;

    private final Map<Double, Scalar> byValue = new HashMap<>();

    /** The native scalar for {@code value}, owned by this cache (outside every scope). */
    Scalar of(double value) {
        Scalar s = byValue.get(value);
        if (s == null) {
            if (byValue.size() == MAX) {
                byValue.clear(); // the garbage collector frees the dropped scalars
            }
            s = Ops.unscoped(new Scalar(value));
            byValue.put(value, s);
        }
        return s;
    }
}
