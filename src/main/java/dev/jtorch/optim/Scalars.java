package dev.jtorch.optim;

import dev.jtorch.internal.Ops;
import org.bytedeco.pytorch.Scalar;

/**
 * The native {@code c10::Scalar}s of one optimizer's arithmetic (betas, eps, weight decay, step sizes), made once
 * per value and kept across steps instead of being allocated and registered with JavaCPP at every use (PyTorch
 * passes them as plain C++ doubles). A small direct-mapped cache: a value whose slot another value took is simply
 * made again, so values that change at every step (bias corrections early in training, scheduled learning rates)
 * cost what a new scalar costs and nothing more, and the garbage collector frees what the cache dropped.
 */
final class Scalars {
    private static final int SLOTS = 64;

    private final long[] bits = new long[SLOTS];
    private final Scalar[] scalars = new Scalar[SLOTS];

    /** The native scalar for {@code value}, owned by this cache (outside every scope). */
    Scalar of(double value) {
        long b = Double.doubleToRawLongBits(value);
        int slot = (int) (b ^ (b >>> 29) ^ (b >>> 47)) & (SLOTS - 1);
        Scalar s = scalars[slot];
        if (s == null || bits[slot] != b) {
            s = Ops.unscoped(new Scalar(value));
            scalars[slot] = s;
            bits[slot] = b;
        }
        return s;
    }
}
