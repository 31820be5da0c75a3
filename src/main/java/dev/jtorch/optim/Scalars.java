package dev.jtorch.optim;

import dev.jtorch.internal.Ops;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;

/**
 * The native {@code c10::Scalar}s of one optimizer's arithmetic (betas, eps, weight decay, step sizes), made once
 * per value and kept across steps instead of being allocated and registered with JavaCPP at every use (PyTorch
 * passes them as plain C++ doubles). A small two-way set-associative cache: each value has a set of two slots, and
 * a value that finds both taken replaces the one used less recently, so two values that change together (Adam's
 * bias correction and step size, asked for once per parameter) never push each other out. Values that change at
 * every step (Adam's bias corrections for its first tens of thousands of steps, scheduled learning rates) cost what
 * a new scalar costs; the scalars they push out are freed at the start of the next step ({@link #releaseRetired}),
 * not left to the garbage collector, whose rare collections would let thousands of them pin the native heap between
 * short-lived tensors.
 */
final class Scalars {
    private static final int SETS = 32;

    private final long[] bits = new long[2 * SETS];
    private final Scalar[] scalars = new Scalar[2 * SETS];
    /** Per set, the way (0 or 1) used last. */
    private final byte[] recent = new byte[SETS];
    private final List<Scalar> retired = new ArrayList<>();

    /** The native scalar for {@code value}, owned by this cache; valid until the next step (do not keep it). */
    Scalar of(double value) {
        long b = Double.doubleToRawLongBits(value);
        int set = (int) ((b * 0x9E3779B97F4A7C15L) >>> 59); // Fibonacci hashing: the top 5 bits
        int first = 2 * set;
        for (int way = 0; way < 2; way++) {
            Scalar s = scalars[first + way];
            if (s != null && bits[first + way] == b) {
                recent[set] = (byte) way;
                return s;
            }
        }
        int way = scalars[first] == null ? 0 : scalars[first + 1] == null ? 1 : 1 - recent[set];
        Scalar made = Ops.unscoped(new Scalar(value));
        Scalar old = scalars[first + way];
        if (old != null) {
            retired.add(old); // may still be in use by the update running now
        }
        scalars[first + way] = made;
        bits[first + way] = b;
        recent[set] = (byte) way;
        return made;
    }

    /** Frees the scalars pushed out of the cache during earlier steps; called before each step. */
    void releaseRetired() {
        for (Scalar s : retired) {
            s.close();
        }
        retired.clear();
    }
}
