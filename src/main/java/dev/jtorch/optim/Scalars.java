package dev.jtorch.optim;

import dev.jtorch.internal.Ops;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;

/**
 * The native {@code c10::Scalar}s of one optimizer's arithmetic (betas, eps, weight decay, step sizes), made once
 * per value and kept across steps instead of being allocated and registered with JavaCPP at every use (PyTorch
 * passes them as plain C++ doubles). A small direct-mapped cache: a value whose slot another value took is made
 * again. Values that change at every step (Adam's bias corrections for its first tens of thousands of steps,
 * scheduled learning rates) cost what a new scalar costs; the scalars they push out are freed at the start of the
 * next step ({@link #releaseRetired}), not left to the garbage collector, whose rare collections would let
 * thousands of them pin the native heap between short-lived tensors.
 */
final class Scalars {
    private static final int SLOTS = 64;

    private final long[] bits = new long[SLOTS];
    private final Scalar[] scalars = new Scalar[SLOTS];
    private final List<Scalar> retired = new ArrayList<>();

    /** The native scalar for {@code value}, owned by this cache; valid until the next step (do not keep it). */
    Scalar of(double value) {
        long b = Double.doubleToRawLongBits(value);
        int slot = (int) ((b * 0x9E3779B97F4A7C15L) >>> 58); // Fibonacci hashing: the top 6 bits
        Scalar s = scalars[slot];
        if (s == null || bits[slot] != b) {
            Scalar made = Ops.unscoped(new Scalar(value));
            if (s != null) {
                retired.add(s); // may still be in use by the update running now
            }
            s = made;
            scalars[slot] = s;
            bits[slot] = b;
        }
        return s;
    }

    /** Frees the scalars pushed out of the cache during earlier steps; called before each step. */
    void releaseRetired() {
        for (Scalar s : retired) {
            s.close();
        }
        retired.clear();
    }
}
